from django.urls import path

from .views import builder, invitations, knowledge, respond, results, xlsform

app_name = "surveys"

urlpatterns = [
    path("of/<str:owner_kind>/<slug:owner_slug>/", builder.survey_list, name="list"),
    path("of/<str:owner_kind>/<slug:owner_slug>/new/", builder.survey_create, name="create"),
    path("invitation/<str:token>/", respond.survey_invited, name="invited"),
    path(
        "of/<str:owner_kind>/<slug:owner_slug>/import/",
        xlsform.survey_import,
        name="import",
    ),
    path(
        "of/<str:owner_kind>/<slug:owner_slug>/templates/<slug:template>/",
        xlsform.survey_from_template,
        name="from_template",
    ),
    path("<slug:slug>/", respond.survey_respond, name="respond"),
    path("<slug:slug>/invitations/", invitations.invitations_page, name="invitations"),
    path(
        "<slug:slug>/invitations/remind/",
        invitations.invitations_remind,
        name="invitations_remind",
    ),
    path("<slug:slug>/edit/", builder.survey_edit, name="edit"),
    path("<slug:slug>/settings/", builder.survey_settings, name="settings"),
    path("<slug:slug>/preview/", builder.survey_preview, name="preview"),
    path("<slug:slug>/copy/", builder.survey_copy, name="copy"),
    path("<slug:slug>/status/", builder.survey_status, name="status"),
    path("<slug:slug>/sections/add/", builder.section_add, name="section_add"),
    path("<slug:slug>/sections/<int:pk>/delete/", builder.section_delete, name="section_delete"),
    path(
        "<slug:slug>/sections/<int:section_pk>/questions/add/",
        builder.question_add,
        name="question_add",
    ),
    path("<slug:slug>/questions/<int:pk>/", builder.question_edit, name="question_edit"),
    path("<slug:slug>/questions/<int:pk>/move/", builder.question_move, name="question_move"),
    path("<slug:slug>/questions/<int:pk>/delete/", builder.question_delete, name="question_delete"),
    path(
        "<slug:slug>/<str:target>/<int:pk>/conditions/add/",
        builder.condition_add,
        name="condition_add",
    ),
    path(
        "<slug:slug>/conditions/<int:pk>/delete/", builder.condition_delete, name="condition_delete"
    ),
    path("<slug:slug>/results/", results.survey_results_page, name="results"),
    path(
        "<slug:slug>/results/xlsform.xlsx",
        xlsform.survey_xlsform_download,
        name="export_xlsform",
    ),
    path("<slug:slug>/results/export.csv", results.survey_export, name="export"),
    path("<slug:slug>/results/export.xlsx", results.survey_export_xlsx, name="export_xlsx"),
    path("<slug:slug>/results/report.pdf", results.survey_report_pdf, name="report_pdf"),
    path("<slug:slug>/results/texts/<int:pk>/", results.survey_texts, name="texts"),
    path("<slug:slug>/needs/", results.survey_needs, name="needs"),
    path("<slug:slug>/needs/<int:pk>/add/", results.survey_topic_add, name="topic_add"),
    path("<slug:slug>/knowledge/", knowledge.knowledge_page, name="knowledge"),
    path("<slug:slug>/knowledge/pair/", knowledge.knowledge_pair, name="knowledge_pair"),
]

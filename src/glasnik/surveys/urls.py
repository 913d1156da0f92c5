from django.urls import path

from . import (
    views,
    views_invitations,
    views_knowledge,
    views_respond,
    views_results,
    views_xlsform,
)

app_name = "surveys"

urlpatterns = [
    path("of/<str:owner_kind>/<slug:owner_slug>/", views.survey_list, name="list"),
    path("of/<str:owner_kind>/<slug:owner_slug>/new/", views.survey_create, name="create"),
    path("invitation/<str:token>/", views_respond.survey_invited, name="invited"),
    path(
        "of/<str:owner_kind>/<slug:owner_slug>/import/",
        views_xlsform.survey_import,
        name="import",
    ),
    path(
        "of/<str:owner_kind>/<slug:owner_slug>/templates/<slug:template>/",
        views_xlsform.survey_from_template,
        name="from_template",
    ),
    path("<slug:slug>/", views_respond.survey_respond, name="respond"),
    path("<slug:slug>/invitations/", views_invitations.invitations_page, name="invitations"),
    path(
        "<slug:slug>/invitations/remind/",
        views_invitations.invitations_remind,
        name="invitations_remind",
    ),
    path("<slug:slug>/edit/", views.survey_edit, name="edit"),
    path("<slug:slug>/settings/", views.survey_settings, name="settings"),
    path("<slug:slug>/preview/", views.survey_preview, name="preview"),
    path("<slug:slug>/copy/", views.survey_copy, name="copy"),
    path("<slug:slug>/status/", views.survey_status, name="status"),
    path("<slug:slug>/sections/add/", views.section_add, name="section_add"),
    path("<slug:slug>/sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path(
        "<slug:slug>/sections/<int:section_pk>/questions/add/",
        views.question_add,
        name="question_add",
    ),
    path("<slug:slug>/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("<slug:slug>/questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("<slug:slug>/questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path(
        "<slug:slug>/<str:target>/<int:pk>/conditions/add/",
        views.condition_add,
        name="condition_add",
    ),
    path(
        "<slug:slug>/conditions/<int:pk>/delete/", views.condition_delete, name="condition_delete"
    ),
    path("<slug:slug>/results/", views_results.survey_results_page, name="results"),
    path(
        "<slug:slug>/results/xlsform.xlsx",
        views_xlsform.survey_xlsform_download,
        name="export_xlsform",
    ),
    path("<slug:slug>/knowledge/", views_knowledge.knowledge_page, name="knowledge"),
    path("<slug:slug>/knowledge/pair/", views_knowledge.knowledge_pair, name="knowledge_pair"),
    path("<slug:slug>/results/export.csv", views_results.survey_export, name="export"),
]

from django.urls import path

from ..views import calls as views

CALL = "<slug:network_slug>/calls/<slug:slug>/"

urlpatterns = [
    # Organisers: the network's calls (drafts too) and a new call.
    path("<slug:network_slug>/calls/", views.call_manage_list, name="call_manage_list"),
    path("<slug:network_slug>/calls/new/", views.call_create, name="call_create"),
    # The public page of a call, and applying to it.
    path(CALL, views.call_detail, name="call_detail"),
    path(CALL + "apply/", views.statement_apply, name="statement_apply"),
    # Organisers: the call's text, its statement's questions, publishing.
    path(CALL + "edit/", views.call_edit, name="call_edit"),
    path(CALL + "publish/", views.call_publish, name="call_publish"),
    path(CALL + "questions/", views.call_questions, name="call_questions"),
    path(CALL + "questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(CALL + "questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path(CALL + "questions/<int:pk>/move/", views.question_move, name="question_move"),
    # Organisers: reviewing the statements.
    path(CALL + "statements/", views.statement_list, name="statement_list"),
    path(CALL + "statements/decide/", views.statement_bulk_decide, name="statement_bulk_decide"),
    path(CALL + "statements/export/<str:fmt>/", views.statement_export, name="statement_export"),
    path(CALL + "statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path(
        CALL + "statements/<int:pk>/files/<int:answer_pk>/",
        views.statement_file,
        name="statement_file",
    ),
]

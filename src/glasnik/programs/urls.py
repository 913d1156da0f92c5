"""The programmes app's own pages. The `programs` namespace adds the pages that show a
programme's events and reports: glasnik.site.urls.programs includes this list."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("invitations/<str:token>/", views.program_invitation, name="invitation"),
    path("<slug:slug>/edit/", views.program_edit, name="edit"),
    path("<slug:slug>/publish/", views.program_publish, name="publish"),
    path("<slug:slug>/phases/", views.program_phases, name="phases"),
    path("<slug:slug>/phases/<int:pk>/", views.phase_edit, name="phase_edit"),
    path("<slug:slug>/phases/<int:pk>/delete/", views.phase_delete, name="phase_delete"),
    path("<slug:slug>/team/", views.program_team, name="team"),
    path(
        "<slug:slug>/team/<int:person_id>/<str:role>/remove/",
        views.program_team_remove,
        name="team_remove",
    ),
    path("<slug:slug>/enrol/", views.program_enrol, name="enrol"),
    path("<slug:slug>/withdraw/", views.program_withdraw, name="withdraw"),
    path("<slug:slug>/participants/", views.program_participants, name="participants"),
    path(
        "<slug:slug>/participants.<str:file_format>",
        views.program_participants_export,
        name="participants_export",
    ),
    path("<slug:slug>/participants/<int:pk>/", views.program_participant, name="participant"),
    path("<slug:slug>/invitations/", views.program_invitations, name="invitations"),
]

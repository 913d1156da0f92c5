from django.urls import path

from ..views import program as views

urlpatterns = [
    path(
        "programmes/<slug:program_slug>/new/",
        views.program_event_create,
        name="program_event_create",
    ),
    path("programme/<int:pk>/", views.program_event_detail, name="program_event_detail"),
    path("programme/<int:pk>/edit/", views.program_event_edit, name="program_event_edit"),
    path("programme/<int:pk>/cancel/", views.program_event_cancel, name="program_event_cancel"),
    path("programme/<int:pk>/agenda/", views.program_event_agenda, name="program_event_agenda"),
    path("lecturers/", views.lecturer_list, name="lecturer_list"),
    path("lecturers/new/", views.lecturer_create, name="lecturer_create"),
    path("lecturers/<slug:slug>/", views.lecturer_detail, name="lecturer_detail"),
    path("lecturers/<slug:slug>/edit/", views.lecturer_edit, name="lecturer_edit"),
]

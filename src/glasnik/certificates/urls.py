from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("request/event/<int:event_pk>/", views.request_for_event, name="request_event"),
    path("request/programme/<int:program_pk>/", views.request_for_program, name="request_program"),
    path("event/<int:event_pk>/", views.event_certificates, name="event"),
    path("event/<int:event_pk>/issue-all/", views.event_issue_bulk, name="event_issue_bulk"),
    path(
        "event/<int:event_pk>/issue/<int:registration_pk>/",
        views.event_issue,
        name="event_issue",
    ),
    path("programme/<int:program_pk>/", views.program_certificates, name="program"),
    path(
        "programme/<int:program_pk>/issue-all/",
        views.program_issue_bulk,
        name="program_issue_bulk",
    ),
    path(
        "programme/<int:program_pk>/issue/<int:enrolment_pk>/",
        views.program_issue,
        name="program_issue",
    ),
    path("verify/<str:code>/", views.verify, name="verify"),
]

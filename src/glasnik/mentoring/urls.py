"""Mentoring: an online session's question queue, one-to-one pairs, office hours and reviews
of work."""

from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("sessions/<int:event_pk>/questions/", views.queue_page, name="queue"),
    path("sessions/<int:event_pk>/questions/live/", views.queue_live, name="queue_live"),
    path("sessions/<int:event_pk>/questions/ask/", views.question_ask, name="question_ask"),
    path(
        "sessions/<int:event_pk>/questions/settings/", views.queue_settings, name="queue_settings"
    ),
    path("questions/<int:pk>/vote/", views.question_vote, name="question_vote"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("questions/<int:pk>/merge/", views.question_merge, name="question_merge"),
    path("questions/<int:pk>/hide/", views.question_hide, name="question_hide"),
]

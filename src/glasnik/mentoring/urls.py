"""Mentoring: an online session's question queue, one-to-one pairs, office hours and reviews
of work."""

from django.urls import path

from . import office_hours_views, pair_views, views

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
    path(
        "programmes/<slug:slug>/office-hours/",
        office_hours_views.office_hours,
        name="office_hours",
    ),
    path(
        "programmes/<slug:slug>/office-hours/mine/",
        office_hours_views.office_hours_mine,
        name="office_hours_mine",
    ),
    path(
        "office-hours/<int:pk>/book/", office_hours_views.office_hour_book, name="office_hour_book"
    ),
    path(
        "office-hours/<int:pk>/remove/",
        office_hours_views.office_hour_slot_remove,
        name="office_hour_slot_remove",
    ),
    path(
        "office-hours/bookings/<int:pk>/cancel/",
        office_hours_views.office_hour_booking_cancel,
        name="office_hour_booking_cancel",
    ),
    # One-to-one mentoring and reviews of work
    path("", pair_views.overview, name="overview"),
    path("programmes/<slug:slug>/pairs/", pair_views.program_pairs, name="program_pairs"),
    path(
        "programmes/<slug:slug>/pairs/suggested/",
        pair_views.pair_suggestion_accept,
        name="pair_suggestion_accept",
    ),
    path("pairs/<int:pk>/", pair_views.pair_detail, name="pair"),
    path("pairs/<int:pk>/goals/", pair_views.pair_goals, name="pair_goals"),
    path("pairs/<int:pk>/meetings/", pair_views.pair_session_add, name="pair_session_add"),
    path("pairs/<int:pk>/items/", pair_views.action_item_add, name="action_item_add"),
    path("items/<int:pk>/done/", pair_views.action_item_done, name="action_item_done"),
    path("pairs/<int:pk>/reviews/new/", pair_views.review_new, name="review_new"),
    path("reviews/<int:pk>/", pair_views.review_detail, name="review"),
    path("reviews/<int:pk>/return/", pair_views.review_return, name="review_return"),
    path("reviews/<int:pk>/new-version/", pair_views.review_resubmit, name="review_resubmit"),
    path(
        "reviews/versions/<int:pk>/document/",
        pair_views.review_document,
        name="review_document",
    ),
]

from django.urls import include, path

from ..views import meetings as views

app_name = "events"

urlpatterns = [
    path("mine/", views.my_meetings, name="my_meetings"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path(
        "calendar/<str:token>/<slug:network_slug>.ics",
        views.personal_network_feed,
        name="personal_network_feed",
    ),
    path("networks/<slug:network_slug>/", views.meeting_list, name="meeting_list"),
    path("networks/<slug:network_slug>/new/", views.meeting_create, name="meeting_create"),
    path("networks/<slug:network_slug>/series/new/", views.series_create, name="series_create"),
    path("networks/<slug:network_slug>/calendar.ics", views.network_feed, name="network_feed"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/answer/", views.meeting_rsvp, name="meeting_rsvp"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("series/<int:pk>/", views.series_edit, name="series_edit"),
    path("series/<int:pk>/cancel/", views.series_cancel, name="series_cancel"),
    # Programme events: trainings, sessions and their parts (one URL module per part).
    path("", include("glasnik.events.urls.program")),
    path("", include("glasnik.events.urls.registration")),
    path("", include("glasnik.events.urls.attendance")),
    path("", include("glasnik.events.urls.feedback")),
]

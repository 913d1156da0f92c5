from django.urls import path

from ..views import registration as views

urlpatterns = [
    path("registrations/", views.my_registrations, name="my_registrations"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/register/cancel/", views.registration_cancel, name="registration_cancel"),
    path("<int:pk>/register/confirm/", views.registration_confirm, name="registration_confirm"),
    path("<int:pk>/register/event.ics", views.registration_ics, name="registration_ics"),
    path("<int:pk>/registrations/", views.registrations_manage, name="registrations_manage"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path("<int:pk>/invitations/", views.event_invitations, name="event_invitations"),
]

from django.urls import path

from . import views

app_name = "coach"

urlpatterns = [
    path("<slug:slug>/", views.check_page, name="check_page"),
    path("<slug:slug>/check/", views.check, name="check"),
    path("<slug:slug>/settings/", views.coach_settings, name="settings"),
]

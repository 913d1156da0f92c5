from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/profile/positions/add/", views.position_add, name="position_add"),
    path(
        "accounts/profile/positions/<int:pk>/remove/",
        views.position_remove,
        name="position_remove",
    ),
]

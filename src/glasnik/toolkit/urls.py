from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<slug:slug>/", views.home, name="home"),
]

from django.urls import path

from .. import views

app_name = "site"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", views.audit_log, name="audit_log"),
]

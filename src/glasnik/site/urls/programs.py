"""A programme's addresses, all under the `programs` namespace: the programmes app's own pages,
the public page and calendar feed (they list the programme's events, so the events app draws
them) and the reports (they read attendance and certificates: a site page)."""

from django.urls import path

from glasnik.events.views import program as views_program
from glasnik.programs.urls import urlpatterns as program_pages

from .. import views

app_name = "programs"

urlpatterns = [
    # The programmes app's fixed addresses ("new/", "invitations/…") come before "<slug>/".
    *program_pages,
    path("<slug:slug>/", views_program.program_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views_program.program_feed, name="feed"),
    path("<slug:slug>/reports/", views.program_reports_page, name="reports"),
    path("<slug:slug>/reports.xlsx", views.program_reports_export, name="reports_export"),
]

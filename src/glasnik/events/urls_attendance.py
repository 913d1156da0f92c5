from django.urls import path

from . import views_attendance as views

urlpatterns = [
    # Check-in: organisers and trainers on a phone; the QR code of a confirmation.
    path("checkin/<str:token>/", views.checkin_qr, name="checkin_qr"),
    path("<int:pk>/checkin/", views.checkin, name="checkin"),
    path("<int:pk>/checkin/codes/", views.checkin_codes, name="checkin_codes"),
    path("<int:pk>/checkin/codes/<str:day>/", views.checkin_code_show, name="checkin_code_show"),
    path("<int:pk>/checkin/<str:day>/", views.checkin_day, name="checkin_day"),
    path(
        "<int:pk>/checkin/<str:day>/<int:registration_pk>/",
        views.checkin_mark,
        name="checkin_mark",
    ),
    # The participant's attendance and self check-in; the organisers' sheet.
    path("<int:pk>/attendance/", views.my_attendance, name="my_attendance"),
    path("<int:pk>/attendance/sheet/", views.attendance_sheet, name="attendance_sheet"),
    path(
        "<int:pk>/attendance/sheet/<int:registration_pk>/",
        views.attendance_correct,
        name="attendance_correct",
    ),
    # Materials and assignments.
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("<int:pk>/materials/new/", views.material_add, name="material_add"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("<int:pk>/assignments/new/", views.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("submissions/<int:pk>/comment/", views.submission_comment, name="submission_comment"),
    path("submissions/<int:pk>/file/", views.submission_file, name="submission_file"),
]

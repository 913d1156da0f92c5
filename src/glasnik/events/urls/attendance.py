from django.urls import path

from ..views import attendance as views_attendance
from ..views import materials as views_materials

urlpatterns = [
    # Check-in: organisers and trainers on a phone; the QR code of a confirmation.
    path("checkin/<str:token>/", views_attendance.checkin_qr, name="checkin_qr"),
    path("<int:pk>/checkin/", views_attendance.checkin, name="checkin"),
    path("<int:pk>/checkin/codes/", views_attendance.checkin_codes, name="checkin_codes"),
    path(
        "<int:pk>/checkin/codes/<str:day>/",
        views_attendance.checkin_code_show,
        name="checkin_code_show",
    ),
    path("<int:pk>/checkin/<str:day>/", views_attendance.checkin_day, name="checkin_day"),
    path(
        "<int:pk>/checkin/<str:day>/<int:registration_pk>/",
        views_attendance.checkin_mark,
        name="checkin_mark",
    ),
    # The participant's attendance and self check-in; the organisers' sheet.
    path("<int:pk>/attendance/", views_attendance.my_attendance, name="my_attendance"),
    path("<int:pk>/attendance/sheet/", views_attendance.attendance_sheet, name="attendance_sheet"),
    path(
        "<int:pk>/attendance/sheet/<int:registration_pk>/",
        views_attendance.attendance_correct,
        name="attendance_correct",
    ),
    # Materials and assignments.
    path("<int:pk>/materials/", views_materials.materials, name="materials"),
    path("<int:pk>/materials/new/", views_materials.material_add, name="material_add"),
    path(
        "materials/<int:pk>/download/",
        views_materials.material_download,
        name="material_download",
    ),
    path("materials/<int:pk>/edit/", views_materials.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", views_materials.material_delete, name="material_delete"),
    path("<int:pk>/assignments/new/", views_materials.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/", views_materials.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/edit/", views_materials.assignment_edit, name="assignment_edit"),
    path(
        "submissions/<int:pk>/comment/",
        views_materials.submission_comment,
        name="submission_comment",
    ),
    path("submissions/<int:pk>/file/", views_materials.submission_file, name="submission_file"),
]

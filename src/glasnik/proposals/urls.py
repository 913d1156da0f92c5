from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("institution/<slug:slug>/", views.institution_list, name="list"),
    path("institution/<slug:slug>/new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/sections/<slug:key>/", views.section_save, name="section_save"),
    path("<int:pk>/mentor/", views.send_to_mentor, name="send_to_mentor"),
    path("<int:pk>/approval/", views.send_for_approval, name="send_for_approval"),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("<int:pk>/export/<str:file_format>/", views.export, name="export"),
]

from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("waiting/", views.waiting, name="waiting"),
    path("<slug:slug>/", views.month, name="month"),
    path("<slug:slug>/<int:year>/<int:month>/", views.month, name="month_of"),
    path("<slug:slug>/week/<int:year>/<int:month>/<int:day>/", views.week, name="week"),
    path("<slug:slug>/posts/", views.post_list, name="list"),
    path("<slug:slug>/posts/new/", views.post_create, name="post_create"),
    path("<slug:slug>/posts/import/", views.post_import, name="import"),
    path("<slug:slug>/posts/<int:pk>/", views.post_detail, name="post"),
    path("<slug:slug>/posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("<slug:slug>/posts/<int:pk>/move/", views.post_move, name="post_move"),
    path("<slug:slug>/posts/<int:pk>/status/", views.post_status, name="post_status"),
    path("<slug:slug>/posts/<int:pk>/decide/", views.post_decide, name="post_decide"),
    path("<slug:slug>/posts/<int:pk>/image/", views.post_image, name="post_image"),
    path("<slug:slug>/chain/", views.chain, name="chain"),
    path("<slug:slug>/export/<int:year>/<int:month>/<str:kind>/", views.export, name="export"),
]

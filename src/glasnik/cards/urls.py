from django.urls import path

from . import views

app_name = "cards"

urlpatterns = [
    path("<slug:slug>/", views.card_list, name="list"),
    path("<slug:slug>/new/", views.card_new, name="new"),
    path("<slug:slug>/new/<str:template>/", views.card_create, name="create"),
    path("<slug:slug>/preview/<str:template>/", views.card_preview, name="preview"),
    path(
        "<slug:slug>/preview/<str:template>/card.png",
        views.card_preview_image,
        name="preview_image",
    ),
    path("<slug:slug>/look/", views.brand_edit, name="brand"),
    path("<slug:slug>/look/preview/", views.brand_preview, name="brand_preview"),
    path("<slug:slug>/look/sample.png", views.brand_sample, name="brand_sample"),
    path("<slug:slug>/look/logo/", views.brand_logo, name="brand_logo"),
    path("card/<int:pk>/", views.card_detail, name="detail"),
    path("card/<int:pk>/edit/", views.card_edit, name="edit"),
    path("card/<int:pk>/delete/", views.card_delete, name="delete"),
    path("card/<int:pk>/alt-text/", views.card_alt_text_regenerate, name="alt_text_regenerate"),
    path("card/<int:pk>/<str:size>.png", views.card_image, name="image"),
    path("card/<int:pk>/download/<str:size>/", views.card_download, name="download"),
]

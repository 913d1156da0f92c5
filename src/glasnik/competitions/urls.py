from django.urls import path

from . import views

app_name = "competitions"

urlpatterns = [
    path("new/<slug:program_slug>/", views.competition_create, name="create"),
    path("entries/<int:pk>/", views.entry_edit, name="entry"),
    path("entries/<int:pk>/posts/", views.example_post_add, name="example_post_add"),
    path("posts/<int:pk>/screenshot/", views.example_screenshot, name="example_screenshot"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/score-sheet/", views.entry_scoresheet, name="scoresheet"),
    path("<slug:slug>/", views.competition_detail, name="detail"),
    path("<slug:slug>/manage/", views.competition_manage, name="manage"),
    path("<slug:slug>/categories/", views.category_add, name="category_add"),
    path("<slug:slug>/criteria/", views.criterion_add, name="criterion_add"),
    path(
        "<slug:slug>/categories/<int:pk>/remove/",
        views.category_remove,
        name="category_remove",
    ),
    path("<slug:slug>/jury/<int:pk>/remove/", views.juror_remove, name="juror_remove"),
    path(
        "<slug:slug>/criteria/<int:pk>/remove/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path("<slug:slug>/jurors/", views.juror_add, name="juror_add"),
    path("<slug:slug>/entries/<int:pk>/metric/", views.metric_set, name="metric_set"),
    path("<slug:slug>/enter/", views.entry_create, name="entry_create"),
    path("<slug:slug>/jury/", views.jury, name="jury"),
    path("<slug:slug>/jury/<int:pk>/", views.sheet, name="sheet"),
    path("<slug:slug>/jury/<int:pk>/conflict/", views.conflict_declare, name="conflict"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/preview/", views.results_preview, name="preview"),
    path("<slug:slug>/publish/", views.results_publish, name="publish"),
    path("<slug:slug>/archive/publish/", views.archive_publish, name="archive_publish"),
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/results.<str:file_format>", views.results_export, name="export"),
    path("<slug:slug>/archive.json", views.archive_download, name="archive"),
]

from django.urls import path

from ..views import feedback as views

urlpatterns = [
    path("feedback/mine/", views.my_feedback, name="my_feedback"),
    path("<int:pk>/feedback/", views.feedback_form, name="feedback_form"),
    path("<int:pk>/feedback/results/", views.feedback_results, name="feedback_results"),
    path("<int:pk>/feedback/invite/", views.feedback_invite_view, name="feedback_invite"),
]

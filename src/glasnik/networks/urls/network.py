from django.urls import path

from ..views import directory, network, topics

# Included by urls.py under the "networks" namespace.
urlpatterns = [
    path("", network.network_list, name="list"),
    path("<slug:network_slug>/", network.network_detail, name="detail"),
    path("<slug:network_slug>/edit/", network.network_edit, name="edit"),
    path("<slug:network_slug>/organisers/", network.network_organisers_manage, name="organisers"),
    path(
        "<slug:network_slug>/organisers/<int:person_id>/remove/",
        network.network_organiser_delete,
        name="organiser_remove",
    ),
    path("<slug:network_slug>/members/", network.network_members, name="members"),
    path(
        "<slug:network_slug>/members/export.<str:file_format>",
        directory.members_export,
        name="members_export",
    ),
    path("<slug:network_slug>/members/<int:pk>/", network.network_membership, name="membership"),
    path("<slug:network_slug>/directory/", directory.directory, name="directory"),
    path("<slug:network_slug>/my-entry/", network.my_entry, name="my_entry"),
    path("<slug:network_slug>/leave/", network.network_leave, name="leave"),
    path("<slug:network_slug>/topics/", topics.topics, name="topics"),
    path("<slug:network_slug>/topics/new/", topics.topic_create, name="topic_create"),
    path("<slug:network_slug>/topics/<int:pk>/vote/", topics.topic_vote, name="topic_vote"),
    path("<slug:network_slug>/topics/<int:pk>/status/", topics.topic_status, name="topic_status"),
]

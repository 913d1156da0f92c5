from django.urls import include, path

app_name = "networks"

# Each part of a network has its own URL module; they share the "networks" namespace.
urlpatterns = [
    path("", include("glasnik.networks.urls.network")),
    path("", include("glasnik.networks.urls.calls")),
]

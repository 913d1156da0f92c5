from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from glasnik.accounts.views import admin_login
from glasnik.core import views as core_views

# The admin has no login of its own: allauth's, with the second factor, is the only way in.
admin.site.login = admin_login

# Only language-neutral endpoints live outside the language prefix.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("language/<str:code>/", core_views.language_switch, name="language_switch"),
]

urlpatterns += i18n_patterns(
    path("", include("glasnik.core.urls")),
    path("", include("glasnik.accounts.urls")),
    path("", include("glasnik.site.urls")),
    path("accounts/", include("allauth.urls")),
    path("organizations/", include("glasnik.organizations.urls")),
    path("networks/", include("glasnik.networks.urls")),
    path("events/", include("glasnik.events.urls")),
    path("programmes/", include("glasnik.site.urls.programs")),
    path("certificates/", include("glasnik.certificates.urls")),
    path("surveys/", include("glasnik.surveys.urls")),
    path("mentoring/", include("glasnik.mentoring.urls")),
    path("competitions/", include("glasnik.competitions.urls")),
    path("toolkit/", include("glasnik.toolkit.urls")),
    path("coach/", include("glasnik.coach.urls")),
    path("proposals/", include("glasnik.proposals.urls")),
    path("content/", include("glasnik.content.urls")),
    path("cards/", include("glasnik.cards.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler403 = "glasnik.core.views.permission_denied"
handler404 = "glasnik.core.views.page_not_found"
handler500 = "glasnik.core.views.server_error"

# No static(MEDIA_URL, ...) here, not even under DEBUG: uploads are served only through the views
# that check who may read them (glasnik.core.uploads).

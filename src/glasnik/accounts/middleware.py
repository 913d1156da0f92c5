from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from glasnik.access.models import ROLES_REQUIRING_MFA
from glasnik.access.selectors import user_roles

from .selectors import session_passed_second_factor, user_has_mfa

# What a session that has not yet passed the second factor may still open: the page that
# asks for the code, and the way out.
SECOND_FACTOR_PAGES = frozenset({"mfa_reauthenticate", "account_logout"})


class RequireMfaMiddleware:
    """Organisers, jurors, administrators and staff must set up two-factor authentication
    before they use the platform, and every session of theirs must have passed it: a password
    alone opens nothing. Everyone else may use two-factor authentication."""

    ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._needs_second_factor(request):
            return self.get_response(request)
        if not user_has_mfa(request.user):
            if self._is_account_page(request.path_info):
                return self.get_response(request)
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Please set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        if session_passed_second_factor(request) or self._is_second_factor_page(request):
            return self.get_response(request)
        # Signed in with the password alone (a session from before two-factor authentication
        # was set up, or any other way round allauth's login): ask for the code now.
        target = (
            request.get_full_path()
            if request.method == "GET"
            else resolve_url(settings.LOGIN_REDIRECT_URL)
        )
        return HttpResponseRedirect(
            f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: target})}"
        )

    def _needs_second_factor(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path_info.startswith(self.ALWAYS_ALLOWED_PREFIXES):
            return False
        return user.is_superuser or user.is_staff or bool(user_roles(user) & ROLES_REQUIRING_MFA)

    @staticmethod
    def _is_second_factor_page(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in SECOND_FACTOR_PAGES

    @staticmethod
    def _is_account_page(path: str) -> bool:
        # Setting up MFA, logging out and confirming an email must stay reachable.
        parts = path.split("/", 3)
        return len(parts) > 2 and parts[2] == "accounts"

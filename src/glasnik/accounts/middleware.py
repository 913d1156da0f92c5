from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from glasnik.access.models import ROLES_REQUIRING_MFA
from glasnik.access.selectors import user_roles

from .selectors import user_has_mfa


class RequireMfaMiddleware:
    """Organisers, jurors and administrators must set up two-factor authentication before
    they use the platform; everyone else may."""

    ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz", "/language/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Please set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_mfa(self, request) -> bool:
        if not request.user.is_authenticated:
            return False
        path = request.path_info
        if path.startswith(self.ALWAYS_ALLOWED_PREFIXES) or self._is_account_page(path):
            return False
        needs_mfa = request.user.is_superuser or bool(
            user_roles(request.user) & ROLES_REQUIRING_MFA
        )
        return needs_mfa and not user_has_mfa(request.user)

    @staticmethod
    def _is_account_page(path: str) -> bool:
        # Setting up MFA, logging out and confirming an email must stay reachable.
        parts = path.split("/", 3)
        return len(parts) > 2 and parts[2] == "accounts"

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from glasnik.core.email import email_send
from glasnik.core.links import public_url

from . import login_limits


class AccountAdapter(DefaultAccountAdapter):
    """Glasnik's allauth adapter: email through the task queue in the recipient's language."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        context = {"email": email, **context, "current_site": _site_for_email()}
        # allauth builds its links (activate_url, password_reset_url, signup_url) from the
        # request's host, or from the Site row outside a request; an email's links go to the
        # public address instead.
        context.update(
            {
                key: public_url(value)
                for key, value in context.items()
                if key.endswith("_url") and isinstance(value, str)
            }
        )
        # The request stays behind: the message is rendered here, delivered by a task.
        context.pop("request", None)
        email_send(
            to=email,
            template=template_prefix,
            context=context,
            language=language,
            subject_prefix=allauth_settings.EMAIL_SUBJECT_PREFIX or "",
        )

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        user.preferred_script = "latn" if user.preferred_language == "sr-latn" else "cyrl"
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        language = getattr(request.user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return reverse(settings.LOGIN_REDIRECT_URL)

    def pre_authenticate(self, request, **credentials):
        # Glasnik's limits on failed sign-ins (login_limits); allauth rolls this usage back
        # when the password is right, as it does its own.
        login = credentials.get("email") or credentials.get("username") or ""
        self._login_failed_rl_usage = login_limits.login_attempt_consume(request, login)
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # allauth calls this after a successful password reset.
        login_limits.login_limits_clear(request, credentials.get("email") or "")

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        addresses = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        login_limits.browser_remember(request, response, [user.email, *addresses])
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        return response


def _site_for_email():
    from urllib.parse import urlsplit

    class Site:
        name = "Glasnik"
        domain = urlsplit(settings.SITE_URL).netloc

    return Site()

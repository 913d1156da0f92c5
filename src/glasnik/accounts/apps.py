from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "glasnik.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa import signals

        from . import checks  # noqa: F401 - registers the system checks

        signals.authenticator_added.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-added")
        signals.authenticator_removed.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-removed")
        signals.authenticator_added.connect(
            _second_factor_set_up_in_session, dispatch_uid="glasnik-mfa-set-up-in-session"
        )
        # The authentication backend caches the person; any write to them (profile, password,
        # last login, deactivation — by us, allauth or the admin) drops that copy.
        user_model = self.get_model("User")
        post_save.connect(_forget_person, sender=user_model, dispatch_uid="glasnik-person-saved")
        post_delete.connect(_forget_person, sender=user_model, dispatch_uid="glasnik-person-gone")


def _forget_person(sender, instance, **kwargs) -> None:
    from .backends import forget_person

    forget_person(instance.pk)


def _forget_mfa_state(sender, user, **kwargs) -> None:
    from .selectors import forget_mfa_state

    forget_mfa_state(user)


def _second_factor_set_up_in_session(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up the authenticator app takes a code from it: the session that did so has
    passed the second factor, as if it had signed in with it (RequireMfaMiddleware)."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if authenticator.type != Authenticator.Type.TOTP or request is None:
        return
    if getattr(request, "user", None) is None or request.user.pk != user.pk:
        return
    # allauth records the step itself only at login and re-authentication; this is the same
    # record (there is no public call for it).
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)

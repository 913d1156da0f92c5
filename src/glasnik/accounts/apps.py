from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "glasnik.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa import signals

        signals.authenticator_added.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-added")
        signals.authenticator_removed.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-removed")


def _forget_mfa_state(sender, user, **kwargs) -> None:
    from .selectors import forget_mfa_state

    forget_mfa_state(user)

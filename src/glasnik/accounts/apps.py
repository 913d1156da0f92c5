from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "glasnik.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa import signals

        signals.authenticator_added.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-added")
        signals.authenticator_removed.connect(_forget_mfa_state, dispatch_uid="glasnik-mfa-removed")
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

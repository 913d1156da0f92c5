from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.proposals"
    verbose_name = _("Proposals and strategies")

    def ready(self) -> None:
        from .links import links_register

        links_register()

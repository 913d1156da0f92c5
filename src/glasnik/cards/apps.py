from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.cards"
    verbose_name = _("Infographic cards")

    def ready(self):
        from .links import links_register

        links_register()

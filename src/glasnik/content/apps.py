from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.content"
    verbose_name = _("Content calendars")

    def ready(self) -> None:
        from .links import links_register

        links_register()

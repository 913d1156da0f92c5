from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.coach"
    verbose_name = _("Post coach")

    def ready(self):
        from .links import links_register

        links_register()

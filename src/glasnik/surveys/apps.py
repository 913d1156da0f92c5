from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from .links import links_register

        links_register()

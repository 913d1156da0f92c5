from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "glasnik.core"
    verbose_name = _("Core")

    def ready(self):
        from . import translation_fallback

        translation_fallback.install()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.competitions"
    verbose_name = _("Competitions")

    def ready(self):
        from .links import links_register

        links_register()
        # The programme's page lists its competitions (`selectors.programme_competitions`).
        from glasnik.core.object_cache import object_cache_clear_on_change

        object_cache_clear_on_change(self.get_model("Competition"), "program", "program_id")

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.competitions"
    verbose_name = _("Competitions")

    def ready(self):
        from .links import links_register

        links_register()
        competition = self.get_model("Competition")
        uid = "glasnik-competitions-kept"
        post_save.connect(_competition_changed, sender=competition, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_competition_changed, sender=competition, dispatch_uid=f"{uid}-gone")


def _competition_changed(sender, instance, **kwargs) -> None:
    """The programme's page lists its competitions (`links.programme_competitions`)."""
    from glasnik.core.object_cache import object_cache_clear

    object_cache_clear("program", instance.program_id)

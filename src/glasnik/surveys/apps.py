from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glasnik.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from .links import links_register

        links_register()
        # What its programme or network keeps of its surveys (`surveys_of_owner_kept`).
        survey = self.get_model("Survey")
        uid = "glasnik-surveys-kept"
        post_save.connect(_survey_changed, sender=survey, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_survey_changed, sender=survey, dispatch_uid=f"{uid}-gone")


def _survey_changed(sender, instance, **kwargs) -> None:
    from .selectors import surveys_of_owner_forget

    surveys_of_owner_forget(instance)

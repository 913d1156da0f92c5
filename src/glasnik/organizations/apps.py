from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "glasnik.organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        # The institution's kept rows (the public list) go with any write to it.
        model = self.get_model("Organization")
        post_save.connect(_changed, sender=model, dispatch_uid="glasnik-organization-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid="glasnik-organization-gone")


def _changed(sender, instance, **kwargs) -> None:
    from .rows import organization_rows_forget

    organization_rows_forget(instance.pk)

from django.db import models
from django.utils.translation import gettext_lazy as _

from glasnik.organizations.models import Organization


class CoachSettings(models.Model):
    """What an institution asks of the post coach: the rules it has turned off (their codes,
    `glasnik.coach.rules.RULES`)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="coach_settings"
    )
    disabled = models.JSONField(_("rules turned off"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post coach settings")
        verbose_name_plural = _("post coach settings")

    def __str__(self) -> str:
        return str(self.organization)

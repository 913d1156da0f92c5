from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.organizations.models import Organization

from .models import CoachSettings
from .rules import RULES


def coach_settings_update(*, organization: Organization, disabled, actor) -> CoachSettings:
    """Turn off the rules `disabled` names for the institution, and the others on."""
    codes = sorted(set(disabled))
    unknown = [code for code in codes if code not in RULES]
    if unknown:
        raise ValidationError(
            _("The post coach has no rule %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    with transaction.atomic():
        settings, _created = CoachSettings.objects.select_for_update().get_or_create(
            organization=organization
        )
        before = settings.disabled
        settings.disabled = codes
        settings.save(update_fields=["disabled", "updated_at"])
        log_action(
            "coach.settings.updated",
            actor=actor,
            target=settings,
            scope=organization,
            data={"disabled": codes, "before": before},
        )
    return settings

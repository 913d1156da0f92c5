from glasnik.organizations.models import Organization

from .models import CoachSettings
from .rules import RULES


def coach_disabled_rules(organization: Organization) -> frozenset[str]:
    """The codes of the rules the institution has turned off (one query)."""
    disabled = (
        CoachSettings.objects.filter(organization=organization)
        .values_list("disabled", flat=True)
        .first()
    )
    return frozenset(code for code in disabled or () if code in RULES)

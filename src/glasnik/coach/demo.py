"""Demo data: Kragujevac (where the demo's PR officer, Marko Petrović, works) has turned off
one of the post coach's rules, emoji density. Safe to run again."""

from django.contrib.auth import get_user_model

from glasnik.accounts.models import Position

from .models import CoachSettings
from .services import coach_settings_update

EMAIL_DOMAIN = "demo.glasnik.test"
TURNED_OFF = ["emoji_density"]


def demo_coach_settings() -> None:
    officer = get_user_model().objects.get(email=f"marko.petrovic@{EMAIL_DOMAIN}")
    organization = Position.objects.select_related("organization").get(person=officer).organization
    if CoachSettings.objects.filter(organization=organization).exists():
        return
    coach_settings_update(organization=organization, disabled=TURNED_OFF, actor=officer)

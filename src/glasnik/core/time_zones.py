"""Time zones as people name them: "по београдском времену (CET)", never "Europe/Belgrade".

Each zone the product offers has a phrase that fits after a time ("14:00 Belgrade time"), in
every language; the abbreviation in force at a moment (CET in winter, CEST in summer) is added
when there is a moment to speak of, and is never transliterated.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import pgettext_lazy

PLACE_TIMES = {
    "Europe/Belgrade": pgettext_lazy("after a time: 14:00 Belgrade time", "Belgrade time"),
    "Europe/Sarajevo": pgettext_lazy("after a time: 14:00 Sarajevo time", "Sarajevo time"),
    "Europe/Zagreb": pgettext_lazy("after a time: 14:00 Zagreb time", "Zagreb time"),
    "Europe/Ljubljana": pgettext_lazy("after a time: 14:00 Ljubljana time", "Ljubljana time"),
    "Europe/Podgorica": pgettext_lazy("after a time: 14:00 Podgorica time", "Podgorica time"),
    "Europe/Skopje": pgettext_lazy("after a time: 14:00 Skopje time", "Skopje time"),
}


def place_time(zone: str) -> str:
    """ "Belgrade time" in the active language; a zone without a phrase by its own name."""
    phrase = PLACE_TIMES.get(zone)
    return str(phrase) if phrase is not None else zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_abbreviation(zone: str, at: datetime) -> str:
    """ "CET" or "CEST" (whichever is in force in `zone` at `at`)."""
    try:
        return at.astimezone(ZoneInfo(zone)).tzname() or ""
    except (ValueError, KeyError):
        return ""


def time_in_zone(value: datetime, zone: str) -> str:
    """A moment as a person there reads it: "6. 1. 2027. 14:00 Belgrade time (CET)"."""
    local = timezone.localtime(value, ZoneInfo(zone))
    abbreviation = zone_abbreviation(zone, value)
    text = f"{formats.date_format(local, 'DATETIME_FORMAT')} {place_time(zone)}"
    return f"{text} ({abbreviation})" if abbreviation else text

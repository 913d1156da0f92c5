"""The days to plan around: the national holidays of Serbia, Bosnia and Herzegovina, Slovenia
and Croatia (from the `holidays` library, named in the reader's language where the library
has it, else in the country's own language for the country's readers, else in English), and
international days that public communicators mark."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from glasnik.core.reader_script import text_in_reader_script

COUNTRIES = {
    "RS": _("Serbia"),
    "BA": _("Bosnia and Herzegovina"),
    "SI": _("Slovenia"),
    "HR": _("Croatia"),
}
INTERNATIONAL = "INT"

# (month, first day, last day, name): days proclaimed by the UN, UNESCO, the WHO or the EU.
INTERNATIONAL_DAYS = [
    (1, 28, 28, _("Data Privacy Day")),
    (3, 8, 8, _("International Women's Day")),
    (3, 21, 21, _("World Down Syndrome Day")),
    (4, 2, 2, _("World Autism Awareness Day")),
    (4, 7, 7, _("World Health Day")),
    (4, 22, 22, _("Earth Day")),
    (5, 3, 3, _("World Press Freedom Day")),
    (5, 9, 9, _("Europe Day")),
    (5, 15, 15, _("International Day of Families")),
    (6, 5, 5, _("World Environment Day")),
    (8, 12, 12, _("International Youth Day")),
    (9, 16, 22, _("European Mobility Week")),
    (9, 28, 28, _("International Day for Universal Access to Information")),
    (10, 1, 1, _("International Day of Older Persons")),
    (10, 10, 10, _("World Mental Health Day")),
    (11, 25, 25, _("International Day for the Elimination of Violence against Women")),
    (12, 3, 3, _("International Day of Persons with Disabilities")),
    (12, 10, 10, _("Human Rights Day")),
]


@dataclass(frozen=True)
class PlanningDay:
    day: date
    name: str
    source: str  # a country code, or INTERNATIONAL
    lang: str = ""  # the name's language when it is not the interface's

    @property
    def source_label(self) -> str:
        return str(COUNTRIES.get(self.source, _("International day")))


def _library_language(country: str, reader: str) -> str:
    """The reader's language when the library names the country's holidays in it, else English."""
    base = reader.split("-")[0]
    if base in holidays.country_holidays(country).supported_languages:
        return base
    return "en_US"


def national_holidays(country: str, first: date, last: date) -> list[PlanningDay]:
    reader = get_language() or "en"
    language = _library_language(country, reader)
    years = range(first.year, last.year + 1)
    found = holidays.country_holidays(country, years=years, language=language)
    days = []
    for day, names in sorted(found.items()):
        if first <= day <= last:
            for name in names.split("; "):
                if language == "sr":
                    name = text_in_reader_script(name, reader, written_in="sr")
                days.append(PlanningDay(day, name, country, language.split("_")[0]))
    return days


def international_days(first: date, last: date) -> list[PlanningDay]:
    days = []
    for year in range(first.year, last.year + 1):
        for month, start, end, name in INTERNATIONAL_DAYS:
            day = date(year, month, start)
            while day <= date(year, month, end):
                if first <= day <= last:
                    days.append(PlanningDay(day, str(name), INTERNATIONAL))
                day += timedelta(days=1)
    return days


def planning_days(layers: list[str], first: date, last: date) -> dict[date, list[PlanningDay]]:
    """The chosen layers' days between first and last, by day."""
    by_day = defaultdict(list)
    for layer in layers:
        if layer in COUNTRIES:
            found = national_holidays(layer, first, last)
        elif layer == INTERNATIONAL:
            found = international_days(first, last)
        else:
            continue
        for planning_day in found:
            by_day[planning_day.day].append(planning_day)
    return dict(by_day)


def default_layers(organization) -> list[str]:
    country = organization.country if organization.country in COUNTRIES else "RS"
    return [country, INTERNATIONAL]

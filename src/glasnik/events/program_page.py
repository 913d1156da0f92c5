"""What the programme page keeps between requests: it is what every participant opens when a
training's registration opens, and drawing it whole (fifty event rows of dates, places and
kinds; the timeline; the team) was most of its cost.

- Each event's row, drawn once per language (and kept in the reader's script, so that the
  page's conversion skips it), in the event's cache namespace, dropped with
  `object_cache_clear("event", pk)` whenever the event is saved or deleted. The programme's time
  zone and language are part of the entry's name, so a change to them draws new rows. The seats
  column changes with every registration and is drawn afresh on each request.
- The programme's timeline with its description, its team and its number of participants, in
  the programme's namespace, dropped with `object_cache_clear("program", pk)` whenever the
  programme, one of its phases, an enrolment, a role on it, a member of its team or their
  lecturer's profile is saved or deleted
  (`programme_forget`, `programme_team_member_forget`, connected in `EventsConfig.ready`). The
  timeline's entry is named by the programme's today, as its phases' states change by date.

Nothing kept depends on who reads it: the parts that do (taking part, organising) are drawn
for each request."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from glasnik.core.object_cache import (
    object_cache_clear,
    object_cache_keep_many,
    object_cache_read,
    object_cache_read_many,
)
from glasnik.core.reader_script import html_in_reader_script

ROW_ENTRY = "programme-row:v2"
ROW_SECONDS = 24 * 3600
ROW_TEMPLATE = "events/program/_event_row.html"


@dataclass(frozen=True)
class ProgrammeRow:
    html: SafeString  # the row up to its seats cell: drawn once, kept with the event
    seats_taken: int
    seats: str  # the seats cell's text: counted and drawn on every request


def seats_label(*, registration_enabled: bool, capacity: int | None, seats_taken: int) -> str:
    """The seats column, in Python rather than with a blocktranslate per row (same
    messages)."""
    if not registration_enabled:
        return gettext("No registration")
    if capacity:
        return gettext("%(taken)s of %(capacity)s taken") % {
            "taken": seats_taken,
            "capacity": capacity,
        }
    return ngettext("%(counter)s registered", "%(counter)s registered", seats_taken) % {
        "counter": seats_taken
    }


def row_in_reader_script(row: str) -> str:
    """The row converted to the reader's script once, here, and marked `notranslit` so that
    the page's conversion (ReaderScriptMiddleware) passes over it on every request."""
    converted = html_in_reader_script(row, get_language())
    return converted.replace('<tr class="', '<tr class="notranslit ', 1)


def program_event_rows(program, events) -> list[ProgrammeRow]:
    """A row for each of `events` (a queryset with `seats_taken`), in its order. Only the
    seats are read for every event; the events whose row is not kept are read whole and drawn.
    The caller is inside the programme's time zone (`timezone.override`)."""
    counts = list(events.values("pk", "registration_enabled", "capacity", "seats_taken"))
    name = f"{ROW_ENTRY}:{get_language()}:{program.time_zone}:{program.content_language}"
    reads = object_cache_read_many("event", [count["pk"] for count in counts], name)
    missing = [pk for pk, read in reads.items() if name not in read]
    drawn = {
        event.pk: row_in_reader_script(render_to_string(ROW_TEMPLATE, {"event": event}))
        # Through the programme's manager, so that each event knows its programme.
        for event in (program.events.filter(pk__in=missing) if missing else [])
    }
    object_cache_keep_many(reads.values(), name, drawn, ROW_SECONDS)
    return [
        ProgrammeRow(
            html=mark_safe(drawn.get(count["pk"]) or reads[count["pk"]].get(name)),  # noqa: S308
            seats_taken=count["seats_taken"],
            seats=seats_label(
                registration_enabled=count["registration_enabled"],
                capacity=count["capacity"],
                seats_taken=count["seats_taken"],
            ),
        )
        for count in counts
    ]


ABOUT_ENTRY = "programme-about"
TEAM_ENTRY = "programme-team"
COUNT_ENTRY = "programme-participants"
PART_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ProgrammeParts:
    about: SafeString  # the timeline and the description
    team: SafeString
    participant_count: int


def program_kept_parts(program) -> ProgrammeParts:
    """The programme's timeline with its description, and its team, as HTML: kept, or drawn
    and kept, in one round trip to the cache (and one more to keep what was drawn)."""
    from glasnik.programs.selectors import (
        program_participant_count,
        program_team,
        program_timeline,
        program_today,
    )

    language = get_language()
    names = {
        "about": f"{ABOUT_ENTRY}:{language}:{program_today(program).isoformat()}",
        "team": f"{TEAM_ENTRY}:{language}",
        "participant_count": COUNT_ENTRY,
    }
    read = object_cache_read("program", program.pk, names.values())
    draw = {
        "about": lambda: render_to_string(
            "events/program/_programme_about.html",
            {"program": program, "timeline": program_timeline(program)},
        ),
        "team": lambda: render_to_string(
            "events/program/_programme_team.html", {"team": program_team(program)}
        ),
        "participant_count": lambda: program_participant_count(program),
    }
    parts = {}
    for part, name in names.items():
        if name in read:
            parts[part] = read.get(name)
        else:
            parts[part] = draw[part]()
            read.keep(name, parts[part], PART_SECONDS)
    return ProgrammeParts(
        about=mark_safe(parts["about"]),  # noqa: S308 - drawn by our templates
        team=mark_safe(parts["team"]),  # noqa: S308
        participant_count=parts["participant_count"],
    )


def programme_forget(program_id) -> None:
    if program_id is not None:
        object_cache_clear("program", program_id)


def programme_team_member_forget(person_id) -> None:
    """The programmes whose team `person_id` is in show their name: drop what they keep."""
    from django.contrib.contenttypes.models import ContentType

    from glasnik.access.models import Role, RoleGrant
    from glasnik.programs.models import Program

    for program_id in RoleGrant.objects.filter(
        person_id=person_id,
        role__in=[Role.ORGANISER, Role.TRAINER],
        scope_type=ContentType.objects.get_for_model(Program),
    ).values_list("scope_id", flat=True):
        programme_forget(program_id)

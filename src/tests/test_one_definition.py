"""Each fact about an event is worked out in one place, checked by reading the code.

- Its days (`Event.days`, in the event's own time zone; a meeting ending at midnight lasts one
  day): no other module turns `starts_at`/`ends_at` into a list or range of dates.
- Its owner and audit scope (`Event.owner`, `Event.audit_scope`): no module picks between the
  programme and the network by hand.
- Its pages (`Event.urls`): no module or template names the public, registration, edit or
  calendar page of an event by its URL name, so no page can send people somewhere else.
"""

import re
from pathlib import Path

GLASNIK = Path(__file__).resolve().parents[1] / "glasnik"
EVENT_MODEL = GLASNIK / "events" / "models" / "event.py"
EVENT_URLS = GLASNIK / "events" / "models" / "urls.py"
# A survey belongs to a programme or a network too: that is the survey's own fact, not an event's.
SURVEY_MODEL = GLASNIK / "surveys" / "models.py"


def _sources(*suffixes: str):
    for path in sorted(GLASNIK.rglob("*")):
        if path.suffix in suffixes and "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def _found(pattern: str, *suffixes: str, allowed=()) -> list[str]:
    regex = re.compile(pattern)
    return [
        f"{path.relative_to(GLASNIK)}:{text.count(chr(10), 0, match.start()) + 1}: {match[0]}"
        for path, text in _sources(*suffixes)
        if path not in allowed
        for match in regex.finditer(text)
    ]


def _definitions(pattern: str, allowed=()) -> list[str]:
    return [line.split(": ", 1)[1] for line in _found(pattern, ".py", allowed=allowed)]


def test_event_days_are_defined_once():
    assert _found(r"def \w*days\(self\)|def \w*event_days\w*\(", ".py") == [
        f"events/models/event.py:{_line_of(EVENT_MODEL, 'def days(self)')}: def days(self)"
    ]
    assert _found(r"ends_at\s*-\s*timedelta\(microseconds", ".py") == []


def test_event_owner_and_audit_scope_are_defined_once():
    assert _found(r"def (event_scope|_audit_scope|_scope)\b", ".py") == []
    assert (
        _found(
            r"\.program or \w*\.?network|program_id else \w+\.network",
            ".py",
            allowed=[SURVEY_MODEL],
        )
        == []
    )
    # A certificate's scope is its programme's or its event's (`Event.audit_scope`).
    assert _definitions(r"def (owner|audit_scope)\(self\)", allowed=[SURVEY_MODEL]) == [
        "def audit_scope(self)",
        "def owner(self)",
        "def audit_scope(self)",
    ]
    assert "self.event.audit_scope" in (GLASNIK / "certificates" / "models.py").read_text()


PAGE_NAMES = (
    "meeting_detail|program_event_detail|register|registrations_manage|meeting_edit|"
    "program_event_edit|meeting_cancel|program_event_cancel|meeting_ics|registration_ics"
)


def test_event_pages_are_defined_once():
    assert _found(rf"events:({PAGE_NAMES})\b", ".py", ".html", ".txt") == []
    assert _found(r"def event_page_url", ".py") == []
    assert EVENT_URLS.exists()


def _line_of(path: Path, text: str) -> int:
    source = path.read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1

"""The programme tests' fixtures live in fixtures_programs.py, shared with the tests of
programme events (src/tests/events/program_events/)."""

from fixtures_programs import (  # noqa: F401 - fixtures
    make_enrolment,
    make_event,
    prog_association,
    program,
    program_organiser,
    program_organiser_client,
)

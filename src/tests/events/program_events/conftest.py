"""The programme fixtures (src/tests/programs/fixtures_programs.py) for the tests of programme
events and lecturers that live beside the other events tests."""

import sys
from pathlib import Path

# The programmes' test folder is not a package; make its fixture module importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "programs"))

from fixtures_programs import (  # noqa: F401 - fixtures
    make_enrolment,
    make_event,
    prog_association,
    program,
    program_organiser,
    program_organiser_client,
)

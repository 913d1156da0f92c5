import pytest
from django.core.management import call_command

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.events.models import EventKind, Lecturer
from glasnik.programs.demo import SLUG
from glasnik.programs.models import EnrolmentStatus, Program
from glasnik.programs.selectors import program_timeline

pytestmark = pytest.mark.django_db


def test_demo_programme_has_phases_training_mentoring_team_and_participants(capsys):
    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()

    program = Program.objects.get(slug=SLUG)
    assert program.is_published
    assert program.name == "Društvene mreže — program obuke i mentorstva"
    assert [entry.phase.kind for entry in program_timeline(program)] == [
        "research",
        "training",
        "mentoring",
        "competition",
    ]
    assert [entry.state for entry in program_timeline(program)].count("current") == 1
    training, mentoring = program.events.order_by("starts_at")
    assert training.kind == EventKind.TRAINING
    assert (training.ends_at - training.starts_at).days == 1
    assert training.agenda_items.count() == 13
    assert set(training.agenda_items.values_list("session_type", flat=True)) >= {
        "theory",
        "exercise",
        "group_work",
        "practice",
        "discussion",
    }
    assert mentoring.kind == EventKind.ONLINE_SESSION
    assert mentoring.online_url
    assert Lecturer.objects.count() == 2
    assert Lecturer.objects.get(name="Dragan Ilić").person.email.startswith("dragan.ilic@")
    assert [p.email.split("@")[0] for p in role_holders(Role.ORGANISER, program)] == [
        "jelena.markovic"
    ]
    assert role_holders(Role.TRAINER, program).count() == 1
    assert program.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 3

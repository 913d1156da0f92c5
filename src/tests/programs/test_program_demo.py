import pytest
from django.core.management import call_command

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.events.models import EventKind, Lecturer
from glasnik.programs.models import EnrolmentStatus, Program
from glasnik.programs.selectors import program_timeline
from glasnik.site.demo_programs import SLUG

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
    # The two events the programme was set up with (the activity demo adds past ones and more).
    training, mentoring = program.events.filter(
        title__in=[
            "Dvodnevni trening: društvene mreže za lokalne samouprave",
            "Mentorska sesija: vaša pitanja o društvenim mrežama",
        ]
    ).order_by("starts_at")
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
    # Four with demo logins and six who only take the knowledge tests (glasnik.surveys.demo).
    assert program.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 10


def test_demo_has_something_for_every_page_of_a_programme_event(capsys):
    from glasnik.certificates.models import Certificate
    from glasnik.events.demo_program import PAST_SESSION, PAST_TRAINING, WEBINAR, WORKSHOP
    from glasnik.events.models import (
        Attendance,
        CheckinCode,
        EventInvitation,
        FeedbackResponse,
        Material,
        Registration,
        SubmissionComment,
    )

    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()

    program = Program.objects.get(slug=SLUG)
    events = {event.title: event for event in program.events.all()}
    assert {PAST_TRAINING, PAST_SESSION, WEBINAR, WORKSHOP} <= set(events)
    workshop = events[WORKSHOP]
    assert sorted(workshop.registrations.values_list("status", flat=True)) == [
        "cancelled",
        "confirmed",
        "offered",
        "waitlisted",
    ]
    past = events[PAST_TRAINING]
    assert Attendance.objects.filter(registration__event=past, is_present=True).count() == 5
    assert Attendance.objects.filter(registration__event=past, is_present=False).count() == 1
    assert CheckinCode.objects.filter(event=past).count() == 1
    assert sorted(Material.objects.filter(event=past).values_list("is_public", flat=True)) == [
        False,
        True,
        True,
    ]
    assert SubmissionComment.objects.filter(submission__assignment__event=past).count() == 1
    assert [r.person for r in FeedbackResponse.objects.filter(event=past)] == [None, None]
    named = FeedbackResponse.objects.get(event=events[PAST_SESSION])
    assert named.person.email.startswith("marko.petrovic@")
    assert not events[WEBINAR].registration_enabled
    assert Material.objects.filter(event=events[WEBINAR], is_public=False).count() == 1
    certificates = Certificate.objects.filter(event=past).order_by("person__email")
    assert [c.revoked_at is None for c in certificates] == [True, False]
    assert EventInvitation.objects.filter(event=workshop).count() == 1
    assert program.invitations.count() == 1
    assert (
        Registration.objects.filter(event__program__slug="druzbena-omrezja-za-obcine").count() == 1
    )

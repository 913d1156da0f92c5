"""What happens around a demo programme's events, for `manage.py demo`: a training that took
place last week (registrations, attendance, a room code, materials public and not, an exercise
with submissions and a trainer's comment, anonymous feedback), an online session three days ago
with named feedback, a public webinar without registration, a small workshop whose seats ran out
(confirmed, cancelled, offered and waiting registrations), an invitation, a workshop the
organisers cancelled (with its reason, after people had registered and joined the waiting list),
and a registration for the big training. Nobody is emailed. Idempotent: each part is made once,
by its title."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from glasnik.core.demo import demo_pdf, demo_without_mail
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

from .models import (
    Event,
    EventKind,
    EventMode,
    Lecturer,
    Registration,
    RegistrationStatus,
    SessionType,
    Visibility,
)
from .services.attendance import attendance_correct, checkin_code_create
from .services.cancellation import event_cancel
from .services.feedback import LecturerAnswer, feedback_submit
from .services.materials import (
    assignment_create,
    material_create,
    submission_comment_add,
    submission_save,
)
from .services.programs import program_agenda_set, program_event_create
from .services.registration import (
    event_invitations_send,
    registration_cancel,
    registration_create,
)

EMAIL_DOMAIN = "demo.glasnik.test"

PAST_TRAINING = "Radionica: plan objava za društvene mreže"
PAST_SESSION = "Mentorska sesija: prvi mesec plana objava"
WEBINAR = "Vebinar: analitika društvenih mreža"
WORKSHOP = "Radionica: kratki video telefonom"
BIG_TRAINING = "Dvodnevni trening: društvene mreže za lokalne samouprave"
CANCELLED_WORKSHOP = "Radionica: krizno komuniciranje"


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def _at(day: date, clock: str, zone: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), ZoneInfo(zone))


def _today(program: Program) -> date:
    return timezone.localdate(timezone=ZoneInfo(program.time_zone))


def _enrolment(program: Program, person) -> Enrolment | None:
    return Enrolment.objects.filter(
        program=program, person=person, status=EnrolmentStatus.ENROLLED
    ).first()


def _confirmed_before(event: Event, people) -> list[Registration]:
    """Registrations made before a past event took place (the services refuse registering for
    an event that has ended, so the history is written as it stood)."""
    registrations = []
    for person in people:
        enrolment = _enrolment(event.program, person)
        registration, _ = Registration.objects.get_or_create(
            event=event,
            person=person,
            defaults={
                "organization": enrolment.organization if enrolment else None,
                "status": RegistrationStatus.CONFIRMED,
                "confirmed_at": event.starts_at - timedelta(days=10),
                "reminder_sent_at": event.starts_at - timedelta(days=1),
            },
        )
        registrations.append(registration)
    return registrations


def _past_training(program: Program, organiser, trainer, lecturers: list[Lecturer]) -> Event:
    zone = program.time_zone
    first_day = _today(program) - timedelta(days=8)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.TRAINING,
        title=PAST_TRAINING,
        description="Dvodnevna radionica: kako napraviti plan objava za mesec dana.",
        starts_at=_at(first_day, "09:30", zone),
        ends_at=_at(first_day + timedelta(days=1), "16:00", zone),
        mode=EventMode.IN_PERSON,
        venue_name="SKIP centar",
        venue_address="Bulevar Zorana Đinđića 64a, Beograd",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=20,
        required_days=2,
    )
    program_agenda_set(
        event=event,
        actor=organiser,
        items=[
            {
                "title": "Zašto plan objava",
                "starts_at": _at(first_day, "09:30", zone),
                "ends_at": _at(first_day, "11:00", zone),
                "session_type": SessionType.THEORY,
                "room": "Sala 1",
                "lecturers": [lecturers[0]],
            },
            {
                "title": "Vežba: plan za jedan mesec",
                "starts_at": _at(first_day + timedelta(days=1), "09:30", zone),
                "ends_at": _at(first_day + timedelta(days=1), "12:00", zone),
                "session_type": SessionType.EXERCISE,
                "room": "Sala 2",
                "lecturers": lecturers,
            },
        ],
    )
    marko, ana, milica = (
        _person(name) for name in ("marko.petrovic", "ana.jovanovic", "milica.stojanovic")
    )
    registrations = dict(
        zip((marko, ana, milica), _confirmed_before(event, [marko, ana, milica]), strict=True)
    )
    second_day = first_day + timedelta(days=1)
    for person, days in (
        (marko, [first_day, second_day]),
        (milica, [first_day, second_day]),
        (ana, [first_day]),
    ):
        for day in (first_day, second_day):
            attendance_correct(
                registration=registrations[person], day=day, is_present=day in days, actor=organiser
            )
    checkin_code_create(event=event, day=first_day, actor=trainer)
    _materials(event, organiser, trainer)
    assignment = assignment_create(
        event=event,
        actor=trainer,
        title="Plan objava za vašu opštinu",
        instructions="Napravite plan objava za sledeći mesec: teme, kanali i dani objave.",
        due_at=timezone.now() + timedelta(days=14),
    )
    mine = submission_save(
        assignment=assignment,
        person=marko,
        text="Ponedeljkom vesti iz opštine, sredom servisne informacije, petkom fotografije.",
        file=demo_pdf("plan-objava-kragujevac.pdf", "Plan objava - Kragujevac"),
    )
    submission_save(assignment=assignment, person=milica, text="Plan u prilogu sledeće nedelje.")
    submission_comment_add(
        submission=mine, author=trainer, text="Odlično; dodajte i jedan kratki video nedeljno."
    )
    return event


def _materials(event: Event, organiser, trainer) -> None:
    material_create(
        event=event,
        actor=trainer,
        title="Slajdovi: plan objava",
        file=demo_pdf("slajdovi-plan-objava.pdf", "Plan objava - slajdovi"),
    )
    material_create(
        event=event,
        actor=organiser,
        title="Vodič kroz plan objava",
        file=demo_pdf("vodic-plan-objava.pdf", "Vodic kroz plan objava"),
        is_public=True,
    )
    material_create(
        event=event,
        actor=organiser,
        title="Šablon kalendara objava",
        url="https://example.org/sablon-kalendara-objava",
        is_public=True,
    )


def demo_anonymous_feedback(program: Program) -> None:
    """The past training's anonymous feedback, given through the service as participants give
    it: each answer in transactions of its own, so this runs after the demo's transaction."""
    event = program.events.filter(title=PAST_TRAINING).first()
    if event is None:
        return
    lecturer = (
        event.agenda_items.exclude(lecturers=None).values_list("lecturers", flat=True).first()
    )
    answers = [
        ("marko.petrovic", 5, "Mnogo praktičnih primera.", lecturer),
        ("milica.stojanovic", 4, "Više vremena za vežbu.", None),
    ]
    for local_part, rating, comment, lecturer_id in answers:
        person = _person(local_part)
        if event.feedback_receipts.filter(person=person, answered_at__isnull=False).exists():
            continue
        feedback_submit(
            event=event,
            person=person,
            rating=rating,
            comment=comment,
            lecturer_answers=(
                [LecturerAnswer(lecturer_id=lecturer_id, rating=5, comment="")]
                if lecturer_id
                else []
            ),
        )


def _past_session(program: Program, organiser, lecturers: list[Lecturer]) -> Event:
    """Online, three days ago, with named feedback."""
    zone = program.time_zone
    day = _today(program) - timedelta(days=3)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.ONLINE_SESSION,
        title=PAST_SESSION,
        description="Pitanja polaznika posle prvog meseca rada po planu.",
        starts_at=_at(day, "11:00", zone),
        ends_at=_at(day, "12:30", zone),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/prvi-mesec",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        feedback_anonymous=False,
    )
    program_agenda_set(
        event=event,
        actor=organiser,
        items=[
            {
                "title": "Pitanja i odgovori",
                "starts_at": _at(day, "11:00", zone),
                "ends_at": _at(day, "12:30", zone),
                "session_type": SessionType.DISCUSSION,
                "lecturers": [lecturers[0]],
            }
        ],
    )
    marko = _person("marko.petrovic")
    [registration] = _confirmed_before(event, [marko])
    attendance_correct(registration=registration, day=day, is_present=True, actor=organiser)
    feedback_submit(event=event, person=marko, rating=4, comment="Konkretni odgovori, hvala.")
    return event


def _webinar(program: Program, organiser, trainer) -> Event:
    """Public and without registration: everyone sees it; its slides and exercise are for the
    programme's participants and team only."""
    zone = program.time_zone
    day = _today(program) + timedelta(days=10)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.WEBINAR,
        title=WEBINAR,
        description="Koje brojke pratiti i kako ih čitati.",
        starts_at=_at(day, "13:00", zone),
        ends_at=_at(day, "14:00", zone),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/analitika",
        visibility=Visibility.PUBLIC,
        registration_enabled=False,
    )
    material_create(
        event=event,
        actor=trainer,
        title="Slajdovi: analitika",
        file=demo_pdf("slajdovi-analitika.pdf", "Analitika - slajdovi"),
    )
    assignment_create(
        event=event,
        actor=trainer,
        title="Izveštaj za jedan mesec",
        instructions="Izvezite podatke svog profila za prošli mesec i izdvojite tri broja.",
        due_at=timezone.now() + timedelta(days=20),
    )
    return event


def _workshop(program: Program, organiser) -> Event:
    """Two seats: two confirmed, two waiting; one cancels, the first waiting is offered the
    seat, the second still waits."""
    zone = program.time_zone
    day = _today(program) + timedelta(days=21)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.TRAINING,
        title=WORKSHOP,
        description="Snimanje i montaža telefonom.",
        starts_at=_at(day, "10:00", zone),
        ends_at=_at(day, "14:00", zone),
        mode=EventMode.IN_PERSON,
        venue_name="SKIP centar",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=2,
        registration_closes_at=_at(day - timedelta(days=2), "23:59", zone),
    )
    outcomes = {
        name: registration_create(event=event, person=_person(name)).registration
        for name in ("marko.petrovic", "ana.jovanovic", "milica.stojanovic", "amra.hodzic")
    }
    registration_cancel(registration=outcomes["ana.jovanovic"], actor=_person("ana.jovanovic"))
    event_invitations_send(
        event=event, actor=organiser, emails=[f"gost@{EMAIL_DOMAIN}"], language="sr-latn"
    )
    return event


def _cancelled_workshop(program: Program, organiser) -> Event:
    """One seat, taken and waited for, then cancelled by the organisers with a reason."""
    zone = program.time_zone
    day = _today(program) + timedelta(days=17)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.TRAINING,
        title=CANCELLED_WORKSHOP,
        description="Kako govoriti u kriznim situacijama: vežbe i primeri.",
        starts_at=_at(day, "10:00", zone),
        ends_at=_at(day, "15:00", zone),
        mode=EventMode.IN_PERSON,
        venue_name="SKIP centar",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=1,
    )
    for name in ("marko.petrovic", "milica.stojanovic"):
        registration_create(event=event, person=_person(name))
    event_cancel(
        event=event,
        actor=organiser,
        reason="Predavačica je sprečena; radionicu ćemo ponoviti na jesen.",
    )
    return event


@transaction.atomic
def demo_program_activity(program: Program, lecturers: list[Lecturer]) -> None:
    organiser = _person("jelena.markovic")
    trainer = _person("dragan.ilic")
    existing = set(program.events.values_list("title", flat=True))
    with demo_without_mail():
        if PAST_TRAINING not in existing:
            _past_training(program, organiser, trainer, lecturers)
        if PAST_SESSION not in existing:
            _past_session(program, organiser, lecturers)
        if WEBINAR not in existing:
            _webinar(program, organiser, trainer)
        if WORKSHOP not in existing:
            _workshop(program, organiser)
        if CANCELLED_WORKSHOP not in existing:
            _cancelled_workshop(program, organiser)
        big = program.events.filter(title=BIG_TRAINING).first()
        marko = _person("marko.petrovic")
        if big is not None and not big.registrations.filter(person=marko).exists():
            registration_create(event=big, person=marko)

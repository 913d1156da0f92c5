"""The demo programmes for `manage.py demo`. After seed 000: "Društvene mreže — program obuke i
mentorstva" of the Serbian association of towns and municipalities, with its four phases, a
two-day training at the training centre with a full agenda and two lecturers, an online
mentoring session, a few participants, an invitation, and what happened at its past events
(`glasnik.events.demo_program`). And a small programme of the Slovenian association, so that a
second association has private things of its own. Idempotent."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.core.demo import demo_pdf, demo_without_mail
from glasnik.events.demo_program import demo_program_activity
from glasnik.events.models import EventKind, EventMode, Lecturer, SessionType, Visibility
from glasnik.events.services.materials import material_create
from glasnik.events.services.programs import (
    lecturer_create,
    program_agenda_set,
    program_event_create,
)
from glasnik.events.services.registration import registration_create
from glasnik.organizations.models import Organization
from glasnik.programs.models import Enrolment, EnrolmentPolicy, EnrolmentStatus, PhaseKind, Program
from glasnik.programs.selectors import person_default_organization
from glasnik.programs.services.enrolment import enrolment_approve, enrolment_create, invitation_send
from glasnik.programs.services.program import (
    phase_create,
    program_create,
    program_publish,
    program_team_add,
)

EMAIL_DOMAIN = "demo.glasnik.test"
SLUG = "drustvene-mreze-program-obuke-i-mentorstva"
TIME_ZONE = "Europe/Belgrade"

PROGRAM = {
    "name": "Društvene mreže — program obuke i mentorstva",
    "summary": (
        "Program obuke i mentorstva za PR zaposlene u jedinicama lokalne samouprave: "
        "istraživanje, treninzi uživo, onlajn mentorske sesije i takmičenje gradova i opština."
    ),
    "description": (
        "Društvene mreže imaju mnogo prednosti koje se mogu iskoristiti za komunikaciju "
        "reforme javne uprave. Program obučava i unapređuje zaposlene u PR sektorima na "
        "lokalnom nivou za rad na društvenim mrežama kroz treninge uživo, zatim onlajn "
        "mentorske sesije, i dalje ih motiviše kroz takmičenje gradova i opština za najbolje "
        "predstavljanje na društvenim mrežama.\n\n"
        "U prvoj fazi onlajn istraživanje oblikuje sadržaj programa prema stvarnim potrebama "
        "polaznika. Treninzi uključuju teoriju, individualne i grupne vežbe, diskusije o dobrim "
        "i lošim praksama, preporuke i praktične savete."
    ),
    "target_group": (
        "PR zaposleni u jedinicama lokalne samouprave: službenici za odnose s javnošću, "
        "urednici društvenih mreža i šefovi kabineta gradova i opština."
    ),
}

# (kind, title, description, first month, last month) relative to this month.
PHASES = [
    (
        PhaseKind.RESEARCH,
        "Istraživanje",
        "Onlajn upitnik o potrebama polaznika oblikuje sadržaj programa.",
        -2,
        -1,
    ),
    (
        PhaseKind.TRAINING,
        "Treninzi uživo",
        "Dvodnevni treninzi u SKIP centru: teorija, vežbe, dobre i loše prakse.",
        -1,
        1,
    ),
    (
        PhaseKind.MENTORING,
        "Mentorske sesije",
        "Onlajn sesije na kojima polaznici čuju više i postavljaju svoja pitanja.",
        1,
        3,
    ),
    (
        PhaseKind.COMPETITION,
        "Takmičenje",
        "Takmičenje gradova i opština za najbolje predstavljanje na društvenim mrežama.",
        3,
        5,
    ),
]

LECTURERS = [
    {
        "local_part": "dragan.ilic",
        "name": "Dragan Ilić",
        "title": "Trener i mentor za digitalnu komunikaciju",
        "organization_name": "Stalna konferencija gradova i opština",
        "biography": (
            "Petnaest godina radi sa lokalnim samoupravama na komunikaciji s građanima; "
            "vodi treninge o planiranju sadržaja i kriznom komuniciranju na mrežama."
        ),
    },
    {
        "local_part": None,
        "name": "Jovana Stanković",
        "title": "Konsultantkinja za društvene mreže",
        "organization_name": "EU projekat za vidljivost reforme javne uprave",
        "biography": (
            "Savetuje institucije o vizuelnoj komunikaciji, video formatima i analitici "
            "društvenih mreža."
        ),
    },
]

# (day, start, end, title, type, room, lecturers by index)
AGENDA = [
    (
        0,
        "09:30",
        "10:00",
        "Dolazak, upoznavanje i očekivanja",
        SessionType.DISCUSSION,
        "Sala 1",
        [],
    ),
    (
        0,
        "10:00",
        "11:30",
        "Društvene mreže u komunikaciji lokalne samouprave",
        SessionType.THEORY,
        "Sala 1",
        [0],
    ),
    (0, "11:30", "11:45", "Pauza", SessionType.BREAK, "", []),
    (
        0,
        "11:45",
        "13:15",
        "Individualna vežba: analiza profila sopstvene opštine",
        SessionType.EXERCISE,
        "Sala 1",
        [0],
    ),
    (0, "13:15", "14:00", "Ručak", SessionType.BREAK, "", []),
    (
        0,
        "14:00",
        "15:30",
        "Vizuelna komunikacija i kratki video",
        SessionType.THEORY,
        "Sala 1",
        [1],
    ),
    (
        0,
        "15:30",
        "17:00",
        "Grupna vežba: plan objava za jedan mesec",
        SessionType.GROUP_WORK,
        "Sala 2",
        [0, 1],
    ),
    (
        1,
        "09:30",
        "11:00",
        "Dobre i loše prakse: primeri gradova i opština",
        SessionType.PRACTICE,
        "Sala 1",
        [1],
    ),
    (1, "11:00", "11:15", "Pauza", SessionType.BREAK, "", []),
    (1, "11:15", "12:45", "Krizno komuniciranje na mrežama", SessionType.THEORY, "Sala 1", [0]),
    (1, "12:45", "13:30", "Ručak", SessionType.BREAK, "", []),
    (
        1,
        "13:30",
        "15:00",
        "Grupni rad: odgovori na komentare građana",
        SessionType.GROUP_WORK,
        "Sala 2",
        [0, 1],
    ),
    (
        1,
        "15:00",
        "16:00",
        "Diskusija, preporuke i praktični saveti",
        SessionType.DISCUSSION,
        "Sala 1",
        [0, 1],
    ),
]

MENTORING_SESSION = "Mentorska sesija: vaša pitanja o društvenim mrežama"
PARTICIPANTS = ["marko.petrovic", "ana.jovanovic", "milica.stojanovic", "amra.hodzic"]
INVITED = f"nova.polaznica@{EMAIL_DOMAIN}"


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def _month_start(offset: int) -> date:
    return timezone.localdate().replace(day=1) + relativedelta(months=offset)


def _at(day: date, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), ZoneInfo(TIME_ZONE))


def _lecturers() -> list[Lecturer]:
    lecturers = []
    for spec in LECTURERS:
        lecturer = Lecturer.objects.filter(name=spec["name"]).first()
        if lecturer is None:
            person = _person(spec["local_part"]) if spec["local_part"] else None
            if person is not None:
                lecturer = Lecturer.objects.filter(person=person).first()
            lecturer = lecturer or lecturer_create(
                actor=None,
                person=person,
                **{key: spec[key] for key in ("name", "title", "organization_name", "biography")},
            )
        lecturers.append(lecturer)
    return lecturers


def _training(program: Program, organiser, lecturers: list[Lecturer]) -> None:
    first_day = timezone.localdate() + timedelta(days=14)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.TRAINING,
        title="Dvodnevni trening: društvene mreže za lokalne samouprave",
        description=(
            "Trening uživo za PR zaposlene u gradovima i opštinama: teorija, individualne i "
            "grupne vežbe, diskusija o dobrim i lošim praksama, preporuke i praktični saveti."
        ),
        starts_at=_at(first_day, "09:30"),
        ends_at=_at(first_day + timedelta(days=1), "16:00"),
        mode=EventMode.IN_PERSON,
        venue_name="SKIP centar",
        venue_address="Bulevar Zorana Đinđića 64a, Beograd",
        map_url="https://www.openstreetmap.org/search?query=Bulevar%20Zorana%20%C4%90in%C4%91i%C4%87a%2064a%20Beograd",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=25,
        per_organization_limit=2,
        registration_closes_at=_at(first_day - timedelta(days=2), "23:59"),
    )
    program_agenda_set(
        event=event,
        actor=organiser,
        items=[
            {
                "title": title,
                "starts_at": _at(first_day + timedelta(days=day), start),
                "ends_at": _at(first_day + timedelta(days=day), end),
                "session_type": session_type,
                "room": room,
                "lecturers": [lecturers[index] for index in speakers],
            }
            for day, start, end, title, session_type, room, speakers in AGENDA
        ],
    )


def _mentoring(program: Program, organiser, lecturers: list[Lecturer]) -> None:
    day = timezone.localdate() + timedelta(days=42)
    event = program_event_create(
        program=program,
        actor=organiser,
        kind=EventKind.ONLINE_SESSION,
        title=MENTORING_SESSION,
        description="Onlajn sesija: dodatna znanja, preporuke i odgovori na pitanja polaznika.",
        starts_at=_at(day, "11:00"),
        ends_at=_at(day, "12:30"),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/mentorska-sesija",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=40,
    )
    program_agenda_set(
        event=event,
        actor=organiser,
        items=[
            {
                "title": "Pitanja polaznika i odgovori mentora",
                "starts_at": _at(day, "11:00"),
                "ends_at": _at(day, "12:30"),
                "session_type": SessionType.DISCUSSION,
                "lecturers": [lecturers[0]],
            }
        ],
    )


@transaction.atomic
def demo_programs() -> Program:
    organiser = _person("jelena.markovic")
    trainer = _person("dragan.ilic")
    program = Program.objects.filter(slug=SLUG).first()
    if program is None:
        association = Organization.objects.get(
            country="RS", name="Stalna konferencija gradova i opština"
        )
        program = program_create(
            slug=SLUG,
            organization=association,
            organisers=[organiser],
            actor=None,
            time_zone=TIME_ZONE,
            enrolment_policy=EnrolmentPolicy.APPROVAL,
            **PROGRAM,
        )
    program_team_add(program=program, person=trainer, role=Role.TRAINER, actor=None)
    if not program.phases.exists():
        for kind, title, description, first, last in PHASES:
            phase_create(
                program=program,
                actor=organiser,
                kind=kind,
                title=title,
                description=description,
                starts_on=_month_start(first),
                ends_on=_month_start(last + 1) - timedelta(days=1),
            )
    program_publish(program=program, actor=organiser)
    if not program.events.exists():
        lecturers = _lecturers()
        _training(program, organiser, lecturers)
        _mentoring(program, organiser, lecturers)
    for local_part in PARTICIPANTS:
        person = _person(local_part)
        enrolment = Enrolment.objects.filter(program=program, person=person).first()
        if enrolment is None:
            enrolment = enrolment_create(
                program=program,
                person=person,
                organization=person_default_organization(person),
                notify=False,
            )
        if enrolment.status == EnrolmentStatus.PENDING:
            enrolment_approve(enrolment=enrolment, actor=organiser, notify=False)
    if not program.invitations.exists():
        with demo_without_mail():
            invitation_send(program=program, email=INVITED, actor=organiser)
    demo_program_activity(program, _lecturers())
    demo_slovenian_program()
    return program


SLOVENIAN_SLUG = "druzbena-omrezja-za-obcine"
SLOVENIAN_PROGRAM = {
    "name": "Družbena omrežja za občine",
    "summary": "Usposabljanje komunikatorjev v občinah za delo na družbenih omrežjih.",
    "description": "Delavnice in mentorstvo za komunikatorje v občinah in javnih zavodih.",
    "target_group": "Komunikatorji v občinah in občinskih javnih zavodih.",
}
SLOVENIAN_WORKSHOP = "Delavnica: načrt objav za občino"


def demo_slovenian_program() -> Program:
    """The Slovenian association's programme: its organiser, a participant, a workshop with a
    registration and slides that only its participants see."""
    organiser = _person("mojca.novak")
    participant = _person("luka.kovac")
    program = Program.objects.filter(slug=SLOVENIAN_SLUG).first()
    if program is None:
        association = Organization.objects.get(country="SI", name="Skupnost občin Slovenije")
        program = program_create(
            slug=SLOVENIAN_SLUG,
            organization=association,
            organisers=[organiser],
            actor=None,
            time_zone="Europe/Ljubljana",
            enrolment_policy=EnrolmentPolicy.APPROVAL,
            **SLOVENIAN_PROGRAM,
        )
        phase_create(
            program=program,
            actor=organiser,
            kind=PhaseKind.TRAINING,
            title="Delavnice",
            description="Delavnice v živo in na spletu.",
            starts_on=_month_start(0),
            ends_on=_month_start(3) - timedelta(days=1),
        )
        program_publish(program=program, actor=organiser)
    if not Enrolment.objects.filter(program=program, person=participant).exists():
        enrolment = enrolment_create(
            program=program,
            person=participant,
            organization=person_default_organization(participant),
            notify=False,
        )
        enrolment_approve(enrolment=enrolment, actor=organiser, notify=False)
    if not program.events.exists():
        day = timezone.localdate() + timedelta(days=20)
        zone = ZoneInfo("Europe/Ljubljana")
        event = program_event_create(
            program=program,
            actor=organiser,
            kind=EventKind.TRAINING,
            title=SLOVENIAN_WORKSHOP,
            description="Kako pripraviti mesečni načrt objav občine.",
            starts_at=datetime.combine(day, time(9), zone),
            ends_at=datetime.combine(day, time(13), zone),
            mode=EventMode.IN_PERSON,
            venue_name="Skupnost občin Slovenije, sejna soba",
            visibility=Visibility.MEMBERS,
            registration_enabled=True,
            capacity=15,
        )
        material_create(
            event=event,
            actor=organiser,
            title="Prosojnice: načrt objav",
            file=demo_pdf("prosojnice-nacrt-objav.pdf", "Nacrt objav - prosojnice"),
        )
        with demo_without_mail():
            registration_create(event=event, person=participant)
    return program

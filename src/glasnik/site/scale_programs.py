"""Bulk data for load tests (`manage.py seed_scale`): a published programme with 50 events and
1,500 registrations, for the programme page's benchmark. Written with bulk_create on purpose,
bypassing the services and the audit log, as the rest of seed_scale does."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from glasnik.access.models import Role, RoleGrant
from glasnik.accounts.models import Position
from glasnik.events.models import Event, EventKind, EventMode, Registration, Visibility
from glasnik.programs.models import (
    Enrolment,
    EnrolmentPolicy,
    EnrolmentStatus,
    Phase,
    PhaseKind,
    Program,
)

PROGRAM_SLUG = "seed-programme"
EVENTS = 50
SEATS_PER_EVENT = 30  # 50 × 30 = 1,500 registrations
PARTICIPANTS = 300


def seed_program(*, email_domain: str, organization_id: int) -> int:
    """Create the programme once; returns how many registrations it has."""
    program = Program.objects.filter(slug=PROGRAM_SLUG).first()
    if program is not None:
        return Registration.objects.filter(event__program=program).count()
    program = Program.objects.create(
        name="Seed programme of trainings",
        slug=PROGRAM_SLUG,
        organization_id=organization_id,
        summary="Synthetic programme for load tests.",
        enrolment_policy=EnrolmentPolicy.OPEN,
        is_published=True,
    )
    today = timezone.localdate()
    Phase.objects.bulk_create(
        Phase(
            program=program,
            position=number,
            kind=kind,
            title=str(kind.label),
            starts_on=today + timedelta(days=60 * (number - 1)),
            ends_on=today + timedelta(days=60 * number - 1),
        )
        for number, kind in enumerate(
            [PhaseKind.RESEARCH, PhaseKind.TRAINING, PhaseKind.MENTORING, PhaseKind.COMPETITION]
        )
    )
    people = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{email_domain}")
        .order_by("email")
        .values_list("pk", flat=True)[:PARTICIPANTS]
    )
    if not people:
        return 0
    institutions = dict(
        Position.objects.filter(person_id__in=people)
        .order_by("person_id", "-pk")
        .values_list("person_id", "organization_id")
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            program=program,
            person_id=person_id,
            organization_id=institutions.get(person_id, organization_id),
            status=EnrolmentStatus.ENROLLED,
        )
        for person_id in people
    )
    scope_type = ContentType.objects.get_for_model(Program)
    RoleGrant.objects.bulk_create(
        (
            RoleGrant(person_id=pk, role=Role.MEMBER, scope_type=scope_type, scope_id=program.pk)
            for pk in people
        ),
        ignore_conflicts=True,
    )
    start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0)
    events = Event.objects.bulk_create(
        Event(
            program=program,
            kind=EventKind.TRAINING,
            title=f"Seed training {number:02d}",
            starts_at=start + timedelta(days=7 * number),
            ends_at=start + timedelta(days=7 * number + 1, hours=8),
            mode=EventMode.IN_PERSON,
            venue_name="Training centre",
            venue_address="Belgrade",
            visibility=Visibility.PUBLIC,
            registration_enabled=True,
            capacity=SEATS_PER_EVENT,
        )
        for number in range(EVENTS)
    )
    events = list(Event.objects.filter(program=program).order_by("pk"))
    registrations = [
        Registration(
            event=event,
            person_id=people[(index * SEATS_PER_EVENT + seat) % len(people)],
            status="confirmed",
        )
        for index, event in enumerate(events)
        for seat in range(min(SEATS_PER_EVENT, len(people)))
    ]
    Registration.objects.bulk_create(registrations, batch_size=1_000)
    return len(registrations)

"""Reads about programmes: the public list and page, phases, events, team, enrolments."""

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from glasnik.access.models import Role, RoleGrant
from glasnik.core.object_cache import ObjectCacheRead, object_cache_clear, object_cache_read
from glasnik.core.transliteration import search_key

from .models import Enrolment, EnrolmentStatus, Invitation, Phase, Program

# A person's programmes change only through the enrolment and team services, which forget
# this; the timeout bounds what a renamed programme can leave stale on the dashboard.
PERSON_PROGRAMS_CACHE_SECONDS = 300


def _enrolled_count():
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(program=OuterRef("pk"), status=EnrolmentStatus.ENROLLED)
            .values("program")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def program_list_public() -> QuerySet[Program]:
    """Published programmes with their organiser and how many take part, newest first."""
    return (
        Program.objects.filter(is_published=True)
        .select_related("organization")
        .annotate(participant_count=_enrolled_count())
        .order_by("-created_at", "pk")
    )


def programs_managed_by(user) -> QuerySet[Program]:
    """Drafts and published programmes the person organises (all of them for administrators)."""
    from glasnik.access.selectors import user_is_platform_admin

    programs = Program.objects.select_related("organization").order_by("name", "pk")
    if user_is_platform_admin(user):
        return programs
    program_type = ContentType.objects.get_for_model(Program)
    ids = RoleGrant.objects.filter(
        person=user, role=Role.ORGANISER, scope_type=program_type
    ).values("scope_id")
    return programs.filter(pk__in=ids)


def program_participant_count(program: Program) -> int:
    return program.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()


@dataclass(frozen=True)
class PhaseOnTimeline:
    phase: Phase
    state: str  # "past", "current" or "upcoming"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def program_today(program: Program) -> date:
    return timezone.localdate(timezone=_zone(program))


def _zone(program: Program):
    from zoneinfo import ZoneInfo

    return ZoneInfo(program.time_zone)


def program_timeline(program: Program, *, today: date | None = None) -> list[PhaseOnTimeline]:
    """The phases in order, each marked past, current or upcoming (in the programme's zone)."""
    today = today or program_today(program)
    timeline = []
    for phase in program.phases.order_by("starts_on", "position", "pk"):
        if phase.ends_on < today:
            state = "past"
        elif phase.starts_on > today:
            state = "upcoming"
        else:
            state = "current"
        timeline.append(PhaseOnTimeline(phase=phase, state=state))
    return timeline


def program_team(program: Program) -> dict[str, list]:
    """The organisers and the trainers or mentors, people once each, in one query."""
    grants = (
        RoleGrant.objects.filter(
            scope_type=ContentType.objects.get_for_model(Program),
            scope_id=program.pk,
            role__in=[Role.ORGANISER, Role.TRAINER],
            person__is_active=True,
        )
        .select_related("person", "person__lecturer_profile")
        .order_by("person__last_name", "person__first_name", "person__pk")
    )
    team = {"organisers": [], "trainers": []}
    for grant in grants:
        key = "organisers" if grant.role == Role.ORGANISER else "trainers"
        team[key].append(grant.person)
    return team


def program_organisers(program: Program) -> QuerySet:
    from glasnik.access.selectors import role_holders

    return role_holders(Role.ORGANISER, program).order_by("last_name", "first_name", "pk")


def enrolment_of(person, program: Program) -> Enrolment | None:
    """The person's enrolment in the programme, in any state, or None (e.g. for visitors)."""
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        Enrolment.objects.select_related("organization")
        .filter(program=program, person=person)
        .first()
    )


def person_default_organization(person):
    """The institution of the person's current position (the newest one still held)."""
    position = (
        person.positions.filter(Q(until__isnull=True) | Q(until__gte=timezone.localdate()))
        .select_related("organization")
        .order_by("-since", "pk")
        .first()
    )
    return position.organization if position is not None else None


def person_organizations(person):
    from glasnik.organizations.models import Organization

    return Organization.objects.filter(positions__person=person).distinct().order_by("name", "pk")


@dataclass(frozen=True)
class ParticipantFilters:
    status: str = ""
    kind: str = ""
    search: str = ""


def participants_for_organiser(
    program: Program, filters: ParticipantFilters = ParticipantFilters()
) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.filter(program=program)
    if filters.status:
        enrolments = enrolments.filter(status=filters.status)
    if filters.kind:
        enrolments = enrolments.filter(organization__kind=filters.kind)
    if filters.search:
        needle = search_key(filters.search)
        enrolments = enrolments.filter(
            Q(person__first_name__icontains=filters.search)
            | Q(person__last_name__icontains=filters.search)
            | Q(person__email__icontains=filters.search)
            | Q(organization__name__icontains=filters.search)
            | Q(organization__search_name__contains=needle)
        )
    return enrolments.select_related("person", "organization").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def enrolment_status_counts(program: Program) -> dict[str, int]:
    counts = dict(
        Enrolment.objects.filter(program=program)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in EnrolmentStatus.values}


def program_invitations(program: Program) -> QuerySet[Invitation]:
    return program.invitations.select_related("invited_by").order_by("-created_at", "pk")


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("program").filter(token=token).first()


# --- the dashboard ----------------------------------------------------------------------------


def programs_with_enrolments_waiting(program_ids) -> list[Program]:
    """The programmes (by name), each with `pending_count`: the requests to take part that wait
    for the organisers' decision. One query however many programmes."""
    return list(
        Program.objects.filter(pk__in=program_ids)
        .annotate(
            pending_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.PENDING))
        )
        .order_by("name", "pk")
    )


# Kept under the person's namespace (glasnik.core.object_cache).
PERSON_PROGRAMS_ENTRY = "dashboard:programs"


def person_programs(person, *, kept: ObjectCacheRead | None = None) -> list[dict]:
    """The programmes a person takes part in (or asked to) and those they organise or teach,
    with their part in each, for the dashboard: one query, then the cache. `kept` is the
    person's namespace when the caller has read it already."""
    kept = kept or object_cache_read("person", person.pk, [PERSON_PROGRAMS_ENTRY])
    summaries = kept.get(PERSON_PROGRAMS_ENTRY)
    if summaries is None:
        summaries = [
            {"name": name, "slug": slug, "part": status}
            for name, slug, status in Enrolment.objects.filter(person_id=person.pk)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .order_by("program__name")
            .values_list("program__name", "program__slug", "status")
        ]
        team_ids = RoleGrant.objects.filter(
            person_id=person.pk,
            role__in=[Role.ORGANISER, Role.TRAINER],
            scope_type=ContentType.objects.get_for_model(Program),
        ).values("scope_id")
        known = {summary["slug"] for summary in summaries}
        for name, slug, role in (
            Program.objects.filter(pk__in=team_ids)
            .order_by("name")
            .values_list("name", "slug")
            .annotate(
                role=Subquery(
                    RoleGrant.objects.filter(
                        person_id=person.pk,
                        scope_type=ContentType.objects.get_for_model(Program),
                        scope_id=OuterRef("pk"),
                        role__in=[Role.ORGANISER, Role.TRAINER],
                    )
                    .order_by("role")
                    .values("role")[:1]
                )
            )
        ):
            if slug not in known:
                summaries.append({"name": name, "slug": slug, "part": role})
        kept.keep(PERSON_PROGRAMS_ENTRY, summaries, PERSON_PROGRAMS_CACHE_SECONDS)
    return summaries


def forget_person_programs(person_id: int) -> None:
    object_cache_clear("person", person_id)

"""Django-side helpers for benchmarks/run.py, run in a subprocess with the benchmark's environment.

python benchmarks/django_prep.py targets         -> JSON: an organization slug, a signed-in
                                                    member's session cookie
python benchmarks/django_prep.py survey_targets  -> JSON: seed_scale's survey, its response count,
                                                    an organiser's session (second factor passed)
                                                    and the questions to cross-tab
python benchmarks/django_prep.py rush_targets N S -> JSON: a new training of seed_scale's programme
                                                    with S seats, open for registration, and the
                                                    sessions of N of its participants
python benchmarks/django_prep.py rush_result PK   -> JSON: that training's registrations by status
                                                    (then the training is deleted)
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from glasnik.access.models import ROLES_REQUIRING_MFA, Role  # noqa: E402
from glasnik.organizations.models import Organization  # noqa: E402

BENCH_MEMBER_EMAIL = "bench-member@example.invalid"


def _member():
    """A signed-in page is measured as an ordinary member: no role that requires MFA."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .exclude(role_grants__role__in=ROLES_REQUIRING_MFA)
    )
    for candidates in (
        users.filter(role_grants__role=Role.MEMBER)
        .annotate(n=Count("positions"))
        .order_by("-n", "pk"),
        users.annotate(n=Count("positions")).order_by("-n", "pk"),
    ):
        user = candidates.first()
        if user is not None:
            return user, False
    user = get_user_model().objects.create_user(email=BENCH_MEMBER_EMAIL, password=None)
    return user, True


def _participant():
    """A participant of seed_scale's programme (enrolled, no role that requires MFA): who opens
    the programme's pages signed in when its registration opens."""
    from glasnik.programs.models import Enrolment, EnrolmentStatus
    from glasnik.site.scale_programs import PROGRAM_SLUG

    enrolment = (
        Enrolment.objects.filter(program__slug=PROGRAM_SLUG, status=EnrolmentStatus.ENROLLED)
        .exclude(person__role_grants__role__in=ROLES_REQUIRING_MFA)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return enrolment.person if enrolment is not None else None


def _session_key(user) -> str:
    """A signed-in session of `user`, as the login view would leave it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils.module_loading import import_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _directory_member(network_slug: str):
    """A member of seed_scale's big network, to measure its member directory as a member sees it."""
    from glasnik.networks.models import Membership, MembershipStatus

    membership = (
        Membership.objects.filter(network__slug=network_slug, status=MembershipStatus.MEMBER)
        .exclude(person__role_grants__role__in=ROLES_REQUIRING_MFA)
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return membership.person if membership is not None else None


def _public_paths() -> dict:
    """Addresses of the public pages of networks, calls and programme events, from the data."""
    from glasnik.events.models import Event
    from glasnik.networks.models import Call

    call = Call.objects.filter(is_published=True).select_related("network").order_by("pk").first()
    event = (
        Event.objects.filter(program__slug="seed-programme", visibility="public")
        .order_by("starts_at", "pk")
        .first()
    )
    return {
        "call_path": f"/sr/networks/{call.network.slug}/calls/{call.slug}/" if call else None,
        "network_path": f"/sr/networks/{call.network.slug}/" if call else None,
        "program_event_path": f"/sr/events/programme/{event.pk}/" if event else None,
    }


def _directory_questions(network_slug: str) -> list[str]:
    """Questions a member may ask the directory (name or surname, kind of institution, region,
    experience), every one different, in a fixed shuffled order: a list of query strings."""
    import random
    from itertools import product
    from urllib.parse import urlencode

    from glasnik.accounts.models import ExperienceLevel
    from glasnik.networks.models import Membership, MembershipStatus
    from glasnik.organizations.models import OrganizationKind

    members = Membership.objects.filter(network__slug=network_slug, status=MembershipStatus.MEMBER)
    names = set()
    for first, last in members.values_list("person__first_name", "person__last_name").distinct():
        names |= {first, last, f"{first} {last}"}
    regions = sorted(
        set(members.exclude(organization__region="").values_list("organization__region", flat=True))
    )
    questions = [
        "?" + urlencode([(k, v) for k, v in pairs if v])
        for pairs in (
            (("q", name), ("kind", kind), ("region", region), ("experience", experience))
            for name, kind, region, experience in product(
                sorted(names),
                ["", *OrganizationKind.values],
                ["", *regions],
                ["", *ExperienceLevel.values],
            )
        )
    ]
    random.Random(20261206).shuffle(questions)
    return questions


def targets() -> dict:
    organization = (
        Organization.objects.filter(parent__isnull=False).order_by("pk").first()
        or Organization.objects.order_by("pk").first()
    )
    user, created = _member()
    client = Client()
    client.force_login(user)  # the first configured backend that loads people
    from django.conf import settings

    from glasnik.site.management.commands.seed_scale import NETWORK_SLUG

    participant = _participant()
    directory_member = _directory_member(NETWORK_SLUG)
    directory_session_key = None
    if directory_member is not None:
        directory_client = Client()
        directory_client.force_login(directory_member)
        directory_session_key = directory_client.cookies[settings.SESSION_COOKIE_NAME].value

    return {
        **_public_paths(),
        "organization_slug": organization.slug if organization else None,
        "member_email": user.email,
        "member_created_by_harness": created,
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "session_key": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "participant_email": participant.email if participant else None,
        "participant_session_key": _session_key(participant) if participant else None,
        "directory_network_slug": NETWORK_SLUG if directory_member is not None else None,
        "directory_member_email": directory_member.email if directory_member else None,
        "directory_session_key": directory_session_key,
        "directory_questions": (
            _directory_questions(NETWORK_SLUG) if directory_member is not None else []
        ),
        "counts": {
            "organizations": Organization.objects.count(),
            "people": get_user_model().objects.count(),
        },
    }


BENCH_ORGANISER_EMAIL = "bench-organiser@example.invalid"


def survey_targets() -> dict:
    """seed_scale's survey and a session of an organiser of its programme, as after the password
    and the code from the authenticator app (organisers must pass the second factor)."""
    import secrets

    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.http import HttpRequest

    from glasnik.access.models import RoleGrant
    from glasnik.programs.models import Program
    from glasnik.site.scale_surveys import SURVEY_SLUG
    from glasnik.surveys.models import Question, Response, Survey

    survey = Survey.objects.get(slug=SURVEY_SLUG)
    organiser, _ = get_user_model().objects.get_or_create(
        email=BENCH_ORGANISER_EMAIL, defaults={"first_name": "Bench", "last_name": "Organiser"}
    )
    RoleGrant.objects.get_or_create(
        person=organiser,
        role=Role.ORGANISER,
        scope_type=ContentType.objects.get_for_model(Program),
        scope_id=survey.program_id,
    )
    if not Authenticator.objects.filter(user=organiser, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(organiser, secrets.token_hex(10))
    client = Client()
    client.force_login(organiser)
    request = HttpRequest()
    request.session = client.session
    request.user = organiser
    record_authentication(request, organiser, "mfa", type=Authenticator.Type.TOTP)
    request.session.save()
    questions = Question.objects.filter(section__survey=survey).order_by(
        "section__position", "position"
    )
    multiple = questions.filter(type="multiple").first()
    single = questions.filter(type="single").first()
    long_text = questions.filter(type="long_text").first()
    return {
        "survey_slug": survey.slug,
        "responses": Response.objects.filter(survey=survey).count(),
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "session_key": request.session.session_key,
        "multiple_question": multiple.pk,
        "single_question": single.pk,
        "single_choice": single.choices.order_by("position", "pk").first().pk,
        "text_question": long_text.pk,
    }


RUSH_TITLE = "Rush training"


def rush_targets(people: int, seats: int) -> dict:
    """A training of seed_scale's programme that opens for registration now, with `seats`
    seats, and signed-in sessions of `people` of the programme's participants (distinct
    people, no role that requires MFA)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from glasnik.events.models import Event, EventKind, EventMode, Visibility
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program
    from glasnik.site.scale_programs import PROGRAM_SLUG

    program = Program.objects.get(slug=PROGRAM_SLUG)
    Event.objects.filter(program=program, title=RUSH_TITLE).delete()
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=3)
    event = Event.objects.create(
        program=program,
        kind=EventKind.TRAINING,
        title=RUSH_TITLE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        mode=EventMode.IN_PERSON,
        venue_name="Training centre",
        venue_address="Belgrade",
        visibility=Visibility.PUBLIC,
        registration_enabled=True,
        capacity=seats,
    )
    participants = [
        enrolment.person
        for enrolment in Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
        .exclude(person__role_grants__role__in=ROLES_REQUIRING_MFA)
        .select_related("person")
        .order_by("pk")[:people]
    ]
    return {
        "event_pk": event.pk,
        "program_path": f"/sr/programmes/{program.slug}/",
        "event_path": f"/sr/events/programme/{event.pk}/",
        "register_path": f"/sr/events/{event.pk}/register/",
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
        "sessions": [_session_key(person) for person in participants],
    }


def rush_result(event_pk: int) -> dict:
    from glasnik.events.models import Event, Registration

    registrations = Registration.objects.filter(event_id=event_pk)
    by_status = dict(
        registrations.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    people = registrations.values("person_id").distinct().count()
    Event.objects.filter(pk=event_pk).delete()
    return {"by_status": by_status, "registrations": sum(by_status.values()), "people": people}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "targets":
        result = targets()
    elif command == "survey_targets":
        result = survey_targets()
    elif command == "rush_targets":
        result = rush_targets(int(sys.argv[2]), int(sys.argv[3]))
    elif command == "rush_result":
        result = rush_result(int(sys.argv[2]))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))

"""Django-side helpers for benchmarks/run.py, run in a subprocess with the benchmark's environment.

python benchmarks/django_prep.py targets         -> JSON: an organization slug, a signed-in
                                                    member's session cookie
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


def targets() -> dict:
    organization = (
        Organization.objects.filter(parent__isnull=False).order_by("pk").first()
        or Organization.objects.order_by("pk").first()
    )
    user, created = _member()
    client = Client()
    client.force_login(user)  # the first configured backend that loads people
    from django.conf import settings

    return {
        "organization_slug": organization.slug if organization else None,
        "member_email": user.email,
        "member_created_by_harness": created,
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "session_key": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "counts": {
            "organizations": Organization.objects.count(),
            "people": get_user_model().objects.count(),
        },
    }


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "targets":
        result = targets()
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))

"""System checks on the people who can sign in (`manage.py check --database default`, migrate,
and every app server before it serves: glasnik.wsgi)."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, Tags.database)
def check_no_demo_logins(app_configs, databases=None, **kwargs):
    """The demo's logins have a password and a TOTP secret that anyone can read (the demo
    command prints them, the code holds them): a production server must not start with them."""
    if settings.DEMO_LOGINS_ALLOWED or not databases:
        return []
    errors = []
    for alias in databases:
        try:
            public_secrets, demo_people = _demo_logins(alias)
        except DatabaseError:  # not migrated yet: there is nobody to sign in
            continue
        if public_secrets:
            errors.append(
                Error(
                    f"{public_secrets} two-factor authenticator(s) use the demo's public TOTP "
                    "secret.",
                    hint=(
                        "Remove them (the admin's Authenticators, or the person's two-factor "
                        "page) and have their owners set up two-factor authentication again. "
                        "Only a demo or benchmark server may set GLASNIK_DEMO_LOGINS_ALLOWED."
                    ),
                    id="glasnik.E001",
                )
            )
        if demo_people:
            errors.append(
                Error(
                    f"{demo_people} demo login(s) exist, whose password is public.",
                    hint=(
                        "This database holds the demo data (manage.py demo): do not serve it as "
                        "a production site. Only a demo or benchmark server may set "
                        "GLASNIK_DEMO_LOGINS_ALLOWED."
                    ),
                    id="glasnik.E002",
                )
            )
    return errors


def _demo_logins(alias: str) -> tuple[int, int]:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt
    from django.contrib.auth import get_user_model

    from .demo import DEMO_TOTP_SECRET, EMAIL_DOMAIN

    secrets = Authenticator.objects.using(alias).filter(type=Authenticator.Type.TOTP)
    public_secrets = sum(
        1
        for data in secrets.values_list("data", flat=True).iterator()
        if decrypt(data.get("secret", "")) == DEMO_TOTP_SECRET
    )
    demo_people = (
        get_user_model().objects.using(alias).filter(email__iendswith=f"@{EMAIL_DOMAIN}").count()
    )
    return public_secrets, demo_people

"""The demo's logins (public password, public TOTP secret) are for the demo only: production
settings refuse to load them, and an app server refuses to start while they exist."""

import importlib
import sys

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError

from glasnik.accounts.demo import DEMO_TOTP_SECRET
from glasnik.accounts.models import User
from glasnik.core.checks import check_before_serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEMO_LOGINS_ALLOWED = False
    return settings


def test_demo_command_refuses_under_production_settings(production):
    with pytest.raises(CommandError, match="GLASNIK_DEMO_LOGINS_ALLOWED"):
        call_command("demo")

    assert not User.objects.exists()


def test_server_refuses_to_start_with_the_demo_totp_secret(production, make_person):
    TOTP.activate(make_person("ivana@example.org"), DEMO_TOTP_SECRET)

    with pytest.raises(SystemCheckError, match=r"glasnik\.E001"):
        check_before_serving()
    with pytest.raises(SystemCheckError, match=r"glasnik\.E001"):
        call_command("check", "--database", "default")


def test_wsgi_application_refuses_to_start_with_the_demo_totp_secret(production, make_person):
    TOTP.activate(make_person("ivana@example.org"), DEMO_TOTP_SECRET)
    sys.modules.pop("glasnik.wsgi", None)

    with pytest.raises(SystemCheckError, match=r"glasnik\.E001"):
        importlib.import_module("glasnik.wsgi")


def test_server_refuses_to_start_with_demo_accounts(production, make_person):
    make_person("admin@demo.glasnik.test")

    with pytest.raises(SystemCheckError, match=r"glasnik\.E002"):
        check_before_serving()


def test_server_starts_with_secrets_of_their_own(production, make_person):
    TOTP.activate(make_person("ivana@example.org"), "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    check_before_serving()


def test_demo_server_may_keep_the_demo_logins(settings, make_person):
    settings.DEMO_LOGINS_ALLOWED = True
    TOTP.activate(make_person("admin@demo.glasnik.test"), DEMO_TOTP_SECRET)

    check_before_serving()

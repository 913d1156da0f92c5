"""Links that leave the site (emails, calendar files, certificates) lead to the configured public
address, whatever address the request that sent them came to; `./dev start` sets that address
from the one it serves."""

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from glasnik.core.links import public_url

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[3]
PUBLIC = "https://glasnik.example.org"


def sending_email():
    return TestCase.captureOnCommitCallbacks(execute=True)


def links_in(message) -> list[str]:
    [(html, _mimetype)] = message.alternatives
    return re.findall(r"https?://[^\s\"<]+", message.body + html)


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC


def test_public_url_joins_the_address_and_the_path(settings):
    settings.SITE_URL = "https://example.org/glasnik/"

    assert public_url("/en/events/?q=1#top") == "https://example.org/glasnik/en/events/?q=1#top"
    assert public_url("http://10.0.0.5:8000/en/") == "https://example.org/glasnik/en/"


def test_password_reset_email_links_to_the_public_address(client, make_person, public_address):
    person = make_person("ana@example.org")
    with translation.override("en"):
        url = reverse("account_reset_password")

    with sending_email():
        client.post(url, {"email": person.email}, HTTP_HOST="localhost:8123")

    [message] = mail.outbox
    links = links_in(message)
    assert any(link.startswith(f"{PUBLIC}/en/accounts/password/reset/key/") for link in links)
    assert all(link.startswith(PUBLIC) for link in links), links


def test_password_reset_for_an_unknown_address_links_to_the_public_sign_up(client, public_address):
    with translation.override("en"):
        url = reverse("account_reset_password")

    with sending_email():
        client.post(url, {"email": "nobody@example.org"}, HTTP_HOST="localhost:8123")

    [message] = mail.outbox
    assert f"{PUBLIC}/en/accounts/signup/" in links_in(message)
    assert all(link.startswith(PUBLIC) for link in links_in(message))


def test_sign_up_confirmation_email_links_to_the_public_address(client, password, public_address):
    with translation.override("sl"):
        url = reverse("account_signup")

    with sending_email():
        client.post(
            url,
            {"email": "mojca@example.org", "password1": password, "password2": password},
            HTTP_HOST="localhost:8123",
        )

    [message] = mail.outbox
    links = links_in(message)
    assert any(link.startswith(f"{PUBLIC}/sl/accounts/confirm-email/") for link in links)
    assert all(link.startswith(PUBLIC) for link in links), links


# ./dev start ---------------------------------------------------------------------------------


def _fake_venv(folder: Path, log: Path) -> Path:
    """A .venv whose python only writes down the site address it was given and its arguments."""
    python = folder / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\necho "$GLASNIK_SITE_URL $*" >> {log}\n')
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    (folder / ".installed-base").touch()
    return folder


def _dev_start(tmp_path: Path, **environment) -> list[str]:
    log = tmp_path / "calls.log"
    venv = _fake_venv(tmp_path / "venv", log)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"GLASNIK_SITE_URL", "GLASNIK_HOST", "GLASNIK_PORT"}
    }
    env |= {"GLASNIK_VENV": str(venv), **environment}
    subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [shutil.which("bash"), str(REPOSITORY / "dev"), "start"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return log.read_text().splitlines()


def test_dev_start_links_lead_to_the_address_it_serves(tmp_path):
    calls = _dev_start(tmp_path, GLASNIK_PORT="8123")

    assert "http://127.0.0.1:8123 manage.py runserver 127.0.0.1:8123" in calls
    assert "http://127.0.0.1:8123 manage.py demo" in calls


def test_dev_start_keeps_a_public_address_that_is_set(tmp_path):
    calls = _dev_start(tmp_path, GLASNIK_PORT="8123", GLASNIK_SITE_URL=PUBLIC)

    assert f"{PUBLIC} manage.py runserver 127.0.0.1:8123" in calls

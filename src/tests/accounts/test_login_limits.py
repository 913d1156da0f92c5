"""Failed sign-ins are limited per address and per account, so that no attacker can lock out a
person or a whole office, also behind the load balancer."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.10"
HOME = "192.0.2.44"
BALANCER = "10.0.0.2"


def login(client, email: str, password: str, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url.endswith("/dashboard/")


def fail(email: str, times: int, **headers) -> None:
    for _ in range(times):
        assert login(Client(), email, "wrong-password-0", **headers).status_code == 200


def test_failures_at_one_address_do_not_lock_the_person_out_elsewhere(make_person, password):
    make_person("ana@example.org")
    fail("ana@example.org", 5, REMOTE_ADDR=ATTACKER)

    assert not signed_in(login(Client(), "ana@example.org", password, REMOTE_ADDR=ATTACKER))
    assert signed_in(login(Client(), "ana@example.org", password, REMOTE_ADDR=HOME))


def test_failures_at_one_account_do_not_lock_out_the_office(make_person, password):
    make_person("ana@example.org")
    make_person("bojan@example.org")
    fail("ana@example.org", 5, REMOTE_ADDR=OFFICE)

    assert signed_in(login(Client(), "bojan@example.org", password, REMOTE_ADDR=OFFICE))


def test_one_address_cannot_try_many_accounts(make_person, password):
    make_person("ana@example.org")
    for number in range(30):
        fail(f"guess{number}@example.org", 1, REMOTE_ADDR=ATTACKER)

    assert not signed_in(login(Client(), "ana@example.org", password, REMOTE_ADDR=ATTACKER))
    assert signed_in(login(Client(), "ana@example.org", password, REMOTE_ADDR=OFFICE))


def test_guessing_from_many_addresses_is_capped_but_the_persons_browser_still_signs_in(
    make_person, password
):
    make_person("ana@example.org")
    own_browser = Client()
    assert signed_in(login(own_browser, "ana@example.org", password, REMOTE_ADDR=HOME))
    own_browser.post(reverse("account_logout"))

    for number in range(6):
        fail("ana@example.org", 5, REMOTE_ADDR=f"203.0.113.{number + 1}")

    assert not signed_in(login(Client(), "ana@example.org", password, REMOTE_ADDR=OFFICE))
    assert signed_in(login(own_browser, "ana@example.org", password, REMOTE_ADDR=OFFICE))


def test_nobody_elses_failures_keep_the_person_out_of_their_own_browser(make_person, password):
    make_person("ana@example.org")
    own_browser = Client()
    assert signed_in(login(own_browser, "ana@example.org", password, REMOTE_ADDR=OFFICE))
    own_browser.post(reverse("account_logout"))

    fail("ana@example.org", 5, REMOTE_ADDR=OFFICE)  # a colleague's computer, the same address

    assert signed_in(login(own_browser, "ana@example.org", password, REMOTE_ADDR=OFFICE))


def test_own_browser_is_still_limited_on_its_own(make_person, password):
    make_person("ana@example.org")
    own_browser = Client()
    assert signed_in(login(own_browser, "ana@example.org", password, REMOTE_ADDR=HOME))
    own_browser.post(reverse("account_logout"))

    for _ in range(5):
        assert login(own_browser, "ana@example.org", "wrong-password-0").status_code == 200

    assert not signed_in(login(own_browser, "ana@example.org", password))


def test_behind_the_load_balancer_each_client_is_counted_apart(settings, make_person, password):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    make_person("ana@example.org")
    for number in range(30):
        fail(f"guess{number}@example.org", 1, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=ATTACKER)

    attacker = login(
        Client(), "ana@example.org", password, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=ATTACKER
    )
    # A client cannot pretend to be another: the balancer appends the address it saw.
    spoofed = login(
        Client(),
        "ana@example.org",
        password,
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=f"{OFFICE}, {ATTACKER}",
    )
    office = login(
        Client(), "ana@example.org", password, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=OFFICE
    )

    assert not signed_in(attacker)
    assert not signed_in(spoofed)
    assert signed_in(office)


def test_client_address_header_is_read_when_configured(settings, make_person, password):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    make_person("ana@example.org")
    fail("ana@example.org", 5, REMOTE_ADDR=BALANCER, HTTP_X_REAL_IP=ATTACKER)

    assert signed_in(
        login(Client(), "ana@example.org", password, REMOTE_ADDR=BALANCER, HTTP_X_REAL_IP=HOME)
    )


def test_proxy_settings_come_from_the_environment():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "glasnik.settings.production",
        "DJANGO_SECRET_KEY": "only-for-this-test",
        "GLASNIK_TRUSTED_PROXY_COUNT": "2",
        "GLASNIK_CLIENT_IP_HEADER": "CF-Connecting-IP",
    }
    code = (
        "from django.conf import settings as s; import json; "
        "print(json.dumps([s.ALLAUTH_TRUSTED_PROXY_COUNT, s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER]))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        cwd=django_settings.BASE_DIR / "src",
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [2, "CF-Connecting-IP"]

"""Signing up with an address that has an account takes the same work as with a new one, so
the time of the answer does not tell who has an account."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def hashed(monkeypatch):
    """How many passwords were hashed (the test settings hash with MD5)."""
    calls = []
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


def signup(client, email: str, password: str):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def test_signup_with_a_taken_address_hashes_the_password_as_a_new_one_does(
    client, make_person, hashed
):
    make_person("ana@example.org")
    password = "another-long-password-7"
    hashed.clear()  # the existing account's own password

    taken = signup(client, "ana@example.org", password)
    hashed_for_taken = len(hashed)
    new = signup(client, "novak@example.org", password)

    assert taken.status_code == new.status_code == 302
    assert taken.url == new.url
    assert hashed_for_taken == 1
    assert len(hashed) == 2

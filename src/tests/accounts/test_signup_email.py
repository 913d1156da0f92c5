import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from glasnik.accounts.models import User
from glasnik.core.email import email_render

PASSWORD = "a-long-test-password-1"  # the same as make_person's

pytestmark = pytest.mark.django_db


def sending_email():
    """Email is queued when the transaction commits: run those callbacks as a request would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^/\s]+/")


def subject_in(language: str, text: str) -> str:
    with translation.override(language):
        return "[Glasnik] " + gettext(text)


def signup(client, email: str, password: str = PASSWORD, language: str = "en"):
    with translation.override(language):
        url = reverse("account_signup")
    with sending_email():
        return client.post(url, {"email": email, "password1": password, "password2": password})


def html_part(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_signup_sends_verification_email_in_language_of_signup(client):
    response = signup(client, "mojca@example.org", language="sl")

    assert response.status_code == 302
    person = User.objects.get(email="mojca@example.org")
    assert person.preferred_language == "sl"
    [message] = mail.outbox
    assert message.to == ["mojca@example.org"]
    assert message.subject == subject_in("sl", "Confirm your email address")
    link = CONFIRM_LINK.search(message.body).group(0)
    assert "/sl/accounts/confirm-email/" in link
    html = html_part(message)
    assert f'href="{link}"' in html
    assert '<html lang="sl">' in html


def test_verification_link_verifies_the_address(client):
    signup(client, "ana@example.org")
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    page = client.get(f"/{path}")
    confirmed = client.post(f"/{path}")

    assert page.status_code == 200
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="ana@example.org").verified


def test_login_before_verification_is_refused(client):
    signup(client, "ana@example.org")
    client.logout()
    mail.outbox.clear()

    with sending_email():
        response = client.post(
            reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
        )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signup_with_existing_email_sends_account_exists_email(client, make_person):
    make_person("ana@example.org")

    response = signup(client, "ana@example.org")

    # The visitor sees what a new sign-up sees, so addresses cannot be probed.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="ana@example.org").count() == 1
    [message] = mail.outbox
    assert message.subject == subject_in("en", "You already have a Glasnik account")
    assert "/en/accounts/password/reset/" in message.body
    html_part(message)


def test_signup_with_weak_password_shows_error(client):
    response = signup(client, "ana@example.org", password="12345678")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="ana@example.org").exists()
    assert mail.outbox == []


def test_confirm_email_with_wrong_key_shows_message(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))

    assert response.status_code == 200
    assert response.context["confirmation"] is None
    assert reverse("account_email") in response.content.decode()


def test_password_reset_sends_link(client, make_person):
    make_person("ana@example.org")

    with sending_email():
        response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == subject_in("en", "Reset your password")
    assert "/en/accounts/password/reset/key/" in message.body
    assert "/en/accounts/password/reset/key/" in html_part(message)


def test_password_reset_for_unknown_address_sends_unknown_account_email(client):
    with sending_email():
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == subject_in("en", "There is no Glasnik account for this address")
    assert "/en/accounts/signup/" in message.body


def test_email_goes_out_in_recipients_language(client, make_person):
    make_person("luka@example.org", language="sl")

    with sending_email():
        client.post(reverse("account_reset_password"), {"email": "luka@example.org"})

    [message] = mail.outbox
    assert message.subject == subject_in("sl", "Reset your password")


def test_email_render_wraps_text_when_html_template_is_missing(tmp_path, settings):
    (tmp_path / "demo_subject.txt").write_text("Hello")
    (tmp_path / "demo_message.txt").write_text("See https://example.org/x\n\nBye & <b>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    subject, _text, html = email_render(template="demo", context={}, language="en")

    assert subject == "Hello"
    assert '<a href="https://example.org/x"' in html
    assert "Bye &amp; &lt;b&gt;" in html
    assert "<p>" in html


def test_email_addresses_page_opens_for_a_signed_in_person(client, make_person):
    person = make_person("vesna@example.org")
    client.force_login(person)

    response = client.get(reverse("account_email"))

    assert response.status_code == 200
    assert response.context["current_emailaddress"].email == "vesna@example.org"

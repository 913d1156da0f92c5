import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.core import mail
from django.test import RequestFactory, TestCase
from django.utils import translation
from django.utils.translation import gettext

from glasnik.core.email import email_render

pytestmark = pytest.mark.django_db

NOTIFICATIONS = {
    "account/email/password_changed": "Your password was changed",
    "account/email/password_set": "A password was set for your account",
    "account/email/password_reset": "Your password was reset",
    "account/email/email_changed": "Your email address was changed",
    "account/email/email_deleted": "An email address was removed",
    "account/email/email_confirm": "Your email address was confirmed",
    "mfa/email/totp_activated": "Two-factor authentication was turned on",
    "mfa/email/totp_deactivated": "Two-factor authentication was turned off",
    "mfa/email/recovery_codes_generated": "New recovery codes were created",
}


@pytest.mark.parametrize(("template", "subject"), NOTIFICATIONS.items())
def test_security_notification_is_sent_with_both_parts(make_person, template, subject):
    person = make_person("ana@example.org", language="sl")
    request = RequestFactory().get("/", HTTP_USER_AGENT="Firefox", REMOTE_ADDR="192.0.2.7")
    context = {"from_email": "old@example.org", "to_email": "ana@example.org"}

    with request_context(request), TestCase.captureOnCommitCallbacks(execute=True):
        get_adapter(request).send_notification_mail(template, person, context)

    [message] = mail.outbox
    with translation.override("sl"):
        assert message.subject == "[Glasnik] " + gettext(subject)
    [(html, _)] = message.alternatives
    for part in (message.body, html):
        assert "192.0.2.7" in part
        assert "Firefox" in part


@pytest.mark.parametrize(
    "template",
    [
        "account/email/email_confirmation_signup",
        "account/email/email_confirmation",
        "account/email/password_reset_key",
        "account/email/unknown_account",
        "account/email/account_already_exists",
        *NOTIFICATIONS,
    ],
)
@pytest.mark.parametrize("language", ["sr", "sr-latn", "bs", "hr", "sl", "en"])
def test_every_account_email_renders_in_every_language(template, language):
    subject, text, html = email_render(
        template=template,
        context={"activate_url": "https://x.test/a", "password_reset_url": "https://x.test/r"},
        language=language,
    )

    assert subject
    assert "\n" not in subject
    assert text.strip()
    assert html.startswith("<!DOCTYPE html>")
    assert "{%" not in text + html

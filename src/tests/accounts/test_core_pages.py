import logging

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from glasnik.core.logging import ScrubPersonalDataFilter
from glasnik.core.views import server_error


def test_server_error_renders_translated_500_page():
    request = RequestFactory().get("/sl/")
    with translation.override("sl"):
        response = server_error(request)
        heading = gettext("Something went wrong")

    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="sl">' in content
    assert f"<h1>{heading}</h1>" in content


def test_log_record_with_email_address_is_scrubbed():
    record = logging.LogRecord(
        "glasnik", logging.WARNING, __file__, 1, "Login failed for %s from %s",
        ("ana.ilic@example.org", "+381 64 123 4567"), None,
    )  # fmt: skip

    assert ScrubPersonalDataFilter().filter(record) is True

    assert record.getMessage() == "Login failed for [email] from [phone]"


def test_log_record_keeps_task_ids_whole():
    record = logging.LogRecord(
        "django_tasks", logging.INFO, __file__, 1, "Task id=%s state=SUCCESSFUL",
        ("08be61f2-1234-4567-89df-a35a9a1085c0",), None,
    )  # fmt: skip

    ScrubPersonalDataFilter().filter(record)

    assert record.getMessage() == "Task id=08be61f2-1234-4567-89df-a35a9a1085c0 state=SUCCESSFUL"


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"

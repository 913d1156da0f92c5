"""Certificates' pages: verification, downloads, the holder's list and requests, the organisers'
page with bulk issue."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.events import RegistrationFactory
from training_days import DAY_ONE, attend, both_days

from glasnik.certificates import pdf
from glasnik.certificates.models import Certificate, CertificateBatch
from glasnik.certificates.services import certificate_issue, certificate_revoke
from glasnik.events.models import RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(make_registration, program_organiser):
    registration = both_days(
        make_registration("Marko", "Petrović", language="en", email="marko@opstina.example")
    )
    return certificate_issue(registration=registration, actor=program_organiser, notify=False)


def _verify_url(code: str, language: str = "en") -> str:
    return f"/{language}/certificates/verify/{code}/"


# Verification


def test_verify_shows_authentic_with_only_what_is_printed(client, certificate):
    response = client.get(_verify_url(certificate.code))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Authentic" in content
    assert "Marko Petrović" in content
    assert "Radionica 1: Strategija na društvenim mrežama" in content
    assert "Društvene mreže – program obuke i mentorstva" in content
    assert "14 March 2026 – 15 March 2026" in content
    assert "marko@opstina.example" not in content
    assert certificate.person.registrations.get().organization.name not in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_verify_in_the_readers_script(client, certificate):
    response = client.get(_verify_url(certificate.code, "sr"))

    assert "Марко Петровић" in response.content.decode()


def test_verify_with_a_tampered_code_is_not_found(
    client, certificate, make_registration, program_organiser
):
    other = certificate_issue(
        registration=both_days(make_registration("Druga", "Osoba")),
        actor=program_organiser,
        notify=False,
    )
    tampered = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")

    for code in (tampered, certificate.code.lower(), certificate.code + "x", "1", "x" * 300):
        response = client.get(_verify_url(code))
        assert response.status_code == 404, code
        content = response.content.decode()
        assert "Page not found" in content
        assert "Petrović" not in content
        assert other.holder_name not in content


def test_verify_shows_a_revoked_certificate_as_revoked(client, certificate, program_organiser):
    certificate_revoke(certificate=certificate, actor=program_organiser)

    response = client.get(_verify_url(certificate.code))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Revoked" in content
    assert "no longer valid" in content
    assert "Authentic" not in content


def test_verify_shows_a_revocation_to_visitors_at_once(client, certificate, program_organiser):
    before = client.get(_verify_url(certificate.code)).content.decode()
    certificate_revoke(certificate=certificate, actor=program_organiser)

    after = client.get(_verify_url(certificate.code)).content.decode()

    assert "Authentic" in before
    assert "Revoked" in after
    assert "Authentic" not in after


def test_verify_lookups_are_limited_per_address(client, certificate, settings):
    settings.CERTIFICATES_VERIFY_LIMIT = 3
    for _ in range(3):
        assert client.get(_verify_url("unknown-code")).status_code == 404

    response = client.get(_verify_url(certificate.code))

    assert response.status_code == 429
    assert "Marko" not in response.content.decode()
    other_address = client.get(_verify_url(certificate.code), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


# Downloads


def test_holder_downloads_their_pdf(client, certificate):
    client.force_login(certificate.person)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_organiser_of_the_event_downloads_it(
    client, certificate, program_organiser, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 200


def test_someone_else_cannot_download_it(client, certificate, make_person):
    client.force_login(make_person())

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 404


def test_a_revoked_certificate_cannot_be_downloaded(client, certificate, program_organiser):
    certificate_revoke(certificate=certificate, actor=program_organiser)
    client.force_login(certificate.person)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 404


def _without_pango(monkeypatch):
    def missing_pango():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_import_weasyprint", missing_pango)


def test_download_without_pango_explains_instead_of_failing(client, certificate, monkeypatch):
    _without_pango(monkeypatch)
    client.force_login(certificate.person)

    response = client.get(reverse("certificates:download", args=[certificate.pk]))

    assert response.status_code == 503
    assert "system library is missing (Pango)" in response.content.decode()


def test_organisers_page_without_pango_warns(
    client, certificate, program_organiser, monkeypatch, login_with_second_factor
):
    _without_pango(monkeypatch)
    login_with_second_factor(client, program_organiser)

    response = client.get(reverse("certificates:event", args=[certificate.event_id]))

    assert response.status_code == 200
    assert "system library is missing (Pango)" in response.content.decode()


def test_email_without_pango_still_goes_out_with_the_link(
    certificate, monkeypatch, django_capture_on_commit_callbacks
):
    from glasnik.certificates.tasks import certificate_email_send

    _without_pango(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        certificate_email_send.call(certificate_id=certificate.pk)

    [message] = mail.outbox
    assert message.attachments == []
    assert "/en/certificates/" in message.body


# The holder's page


def test_my_certificates_lists_mine_only(client, certificate, make_registration, program_organiser):
    certificate_issue(
        registration=both_days(make_registration("Druga", "Osoba")),
        actor=program_organiser,
        notify=False,
    )
    client.force_login(certificate.person)

    response = client.get(reverse("certificates:mine"))

    content = response.content.decode()
    assert "Radionica 1" in content
    assert reverse("certificates:download", args=[certificate.pk]) in content
    assert Certificate.objects.exclude(pk=certificate.pk).get().code not in content


def test_my_certificates_empty_state(client, make_person):
    client.force_login(make_person())

    response = client.get(reverse("certificates:mine"))

    assert "You have no certificates yet" in response.content.decode()


def test_my_certificates_query_count_does_not_grow_with_rows(
    client, make_registration, make_training, program_organiser, django_assert_num_queries
):
    registration = both_days(make_registration(language="en"))
    person = registration.person
    certificate_issue(registration=registration, actor=program_organiser, notify=False)
    client.force_login(person)
    url = reverse("certificates:mine")
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(29):
        event = make_training(title=f"Obuka {number}")
        more = RegistrationFactory(
            event=event, person=person, status=RegistrationStatus.CONFIRMED, organization=None
        )
        if number % 2:
            certificate_issue(registration=both_days(more), actor=program_organiser, notify=False)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_participant_asks_and_is_told_why_not(client, make_registration):
    registration = make_registration(language="en")
    attend(registration, DAY_ONE)
    client.force_login(registration.person)
    url = reverse("certificates:request_event", args=[registration.event_id])

    response = client.post(url, follow=True)

    content = response.content.decode()
    assert "No certificate yet" in content
    assert "1 of 2" in content
    assert not Certificate.objects.exists()


def test_participant_asks_and_receives_it(client, make_registration):
    registration = both_days(make_registration(language="en"))
    client.force_login(registration.person)

    response = client.post(
        reverse("certificates:request_event", args=[registration.event_id]), follow=True
    )

    assert "Your certificate has been issued" in response.content.decode()
    assert Certificate.objects.get().person == registration.person


def test_asking_for_an_event_one_is_not_registered_for_is_404(client, training, make_person):
    client.force_login(make_person())

    response = client.post(reverse("certificates:request_event", args=[training.pk]))

    assert response.status_code == 404


# The organisers' page


def test_organisers_page_is_hidden_from_participants(client, make_registration):
    registration = make_registration()
    client.force_login(registration.person)

    response = client.get(reverse("certificates:event", args=[registration.event_id]))

    assert response.status_code == 404


def test_organiser_issues_in_bulk_and_sees_who_was_skipped(
    client,
    program_organiser,
    training,
    make_registration,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    ana = both_days(make_registration("Ana", "Anić", language="en"))
    vesna = make_registration("Vesna", "Vesić", language="en")
    attend(vesna, DAY_ONE)
    login_with_second_factor(client, program_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:event_issue_bulk", args=[training.pk]))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()

    assert CertificateBatch.objects.get().issued_count == 1
    assert [message.to for message in mail.outbox] == [[ana.person.email]]
    assert "1 certificate issued and emailed" in page
    assert "1 participant skipped" in page
    assert "Vesna Vesić" in page
    assert "1 of 2" in page


def test_organiser_issue_for_one_person_refused_with_the_reason(
    client, program_organiser, training, make_registration, login_with_second_factor
):
    registration = make_registration("Vesna", "Vesić", language="en")
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("certificates:event_issue", args=[training.pk, registration.pk]), follow=True
    )

    content = response.content.decode()
    assert "No certificate for Vesna Vesić" in content
    assert "0 of 2" in content


def test_organiser_revokes_a_certificate(
    client, program_organiser, certificate, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    client.post(reverse("certificates:revoke", args=[certificate.pk]))

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None


def test_holder_cannot_revoke_their_certificate(client, certificate):
    client.force_login(certificate.person)

    response = client.post(reverse("certificates:revoke", args=[certificate.pk]))

    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_organisers_page_query_count_does_not_grow_with_rows(
    client,
    program_organiser,
    training,
    make_registration,
    django_assert_num_queries,
    login_with_second_factor,
):
    first = both_days(make_registration(language="en"))
    certificate_issue(registration=first, actor=program_organiser, notify=False)
    login_with_second_factor(client, program_organiser)
    url = reverse("certificates:event", args=[training.pk])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(29):
        registration = make_registration(f"Ime{number}", "Prezime", language="en")
        if number % 2:
            certificate_issue(
                registration=both_days(registration), actor=program_organiser, notify=False
            )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


# The organisers' page of a programme (certificates of completion)


def test_organiser_issues_a_completion_certificate_or_is_told_why_not(
    client, program_organiser, program, make_registration, login_with_second_factor
):
    done = both_days(make_registration("Ana", "Anić", language="en"))
    missed = make_registration("Vesna", "Vesić", language="en")
    login_with_second_factor(client, program_organiser)
    done_enrolment = done.person.enrolments.get()
    missed_enrolment = missed.person.enrolments.get()

    refused = client.post(
        reverse("certificates:program_issue", args=[program.pk, missed_enrolment.pk]), follow=True
    ).content.decode()
    issued = client.post(
        reverse("certificates:program_issue", args=[program.pk, done_enrolment.pk]), follow=True
    ).content.decode()

    assert "No certificate for Vesna Vesić" in refused
    assert "0 of 2" in refused
    assert "The certificate for Ana Anić has been issued" in issued
    certificate = Certificate.objects.get()
    assert certificate.program == program
    assert certificate.person == done.person


def test_programme_page_is_hidden_from_participants(client, program, make_registration):
    registration = make_registration()
    client.force_login(registration.person)

    response = client.get(reverse("certificates:program", args=[program.pk]))

    assert response.status_code == 404


def test_programme_page_query_count_does_not_grow_with_rows(
    client,
    program_organiser,
    program,
    make_registration,
    django_assert_num_queries,
    login_with_second_factor,
):
    from glasnik.certificates.services import certificate_issue_completion

    first = both_days(make_registration(language="en"))
    certificate_issue_completion(program=program, person=first.person, actor=program_organiser)
    login_with_second_factor(client, program_organiser)
    url = reverse("certificates:program", args=[program.pk])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(29):
        registration = make_registration(f"Ime{number}", "Prezime", language="en")
        if number % 2:
            certificate_issue_completion(
                program=program, person=both_days(registration).person, actor=program_organiser
            )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Not issued") == 15

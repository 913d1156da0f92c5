"""A certificate only for a training that has happened: before the event's end nobody gets one,
whatever the attendance record says, and the organiser and the participant are told why."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from factories.events import RegistrationFactory
from training_days import BELGRADE, attend, both_days

from glasnik.certificates.models import Certificate, CertificateBatch
from glasnik.certificates.selectors import person_requestable_registrations
from glasnik.certificates.services import (
    certificate_issue,
    certificate_issue_completion,
    certificates_issue_bulk_start,
)
from glasnik.events.models import RegistrationStatus

pytestmark = pytest.mark.django_db

NOT_ENDED = "The event has not ended yet (it ends on 22 December 2026)"


@pytest.fixture
def december_training(make_training):
    """A training on 21–22 December 2026 (the tests run earlier or are moved in time)."""
    return make_training(
        title="Radionica 3: Krizno komuniciranje",
        starts_at=datetime(2026, 12, 21, 9, 0, tzinfo=BELGRADE),
        ends_at=datetime(2026, 12, 22, 17, 0, tzinfo=BELGRADE),
    )


@pytest.fixture
def checked_in_early(make_registration, december_training):
    """Checked in for both days before the training took place (as the old check-in allowed)."""
    registration = make_registration("Ana", "Anić", language="en", event=december_training)
    attend(registration, december_training.starts_at.date(), december_training.ends_at.date())
    return registration


@pytest.fixture
def before_the_end(monkeypatch):
    """7 December 2026, two weeks before the training."""
    moment = datetime(2026, 12, 7, 10, 0, tzinfo=BELGRADE)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_certificate_refused_before_the_event_has_ended(
    checked_in_early, program_organiser, before_the_end
):
    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=checked_in_early, actor=program_organiser)

    assert refused.value.code == "rule_not_met"
    assert refused.value.messages == [f"{NOT_ENDED}: certificates are issued once it is over."]
    assert not Certificate.objects.exists()


def test_certificate_issued_once_the_event_has_ended(
    checked_in_early, program_organiser, monkeypatch
):
    after = datetime(2026, 12, 22, 17, 30, tzinfo=BELGRADE)
    monkeypatch.setattr(timezone, "now", lambda: after)

    certificate = certificate_issue(
        registration=checked_in_early, actor=program_organiser, notify=False
    )

    assert certificate.title == "Radionica 3: Krizno komuniciranje"


def test_bulk_issue_refused_before_the_event_has_ended(
    december_training, checked_in_early, program_organiser, before_the_end
):
    with pytest.raises(ValidationError) as refused:
        certificates_issue_bulk_start(event=december_training, actor=program_organiser)

    assert refused.value.code == "not_ended"
    assert not CertificateBatch.objects.exists()
    assert not Certificate.objects.exists()


def test_completion_refused_while_an_event_of_the_programme_has_not_ended(
    program, training, checked_in_early, program_organiser, before_the_end
):
    both_days(
        RegistrationFactory(
            event=training,
            person=checked_in_early.person,
            status=RegistrationStatus.CONFIRMED,
            organization=None,
        )
    )

    with pytest.raises(ValidationError) as refused:
        certificate_issue_completion(
            program=program, person=checked_in_early.person, actor=program_organiser
        )

    assert NOT_ENDED in refused.value.messages[0]


def test_organisers_page_before_the_end_says_when_instead_of_offering_to_issue(
    login_with_second_factor,
    client,
    december_training,
    checked_in_early,
    program_organiser,
    before_the_end,
):
    login_with_second_factor(client, program_organiser)

    content = client.get(
        reverse("certificates:event", args=[december_training.pk])
    ).content.decode()

    assert NOT_ENDED in content
    assert reverse("certificates:event_issue_bulk", args=[december_training.pk]) not in content
    issue = reverse("certificates:event_issue", args=[december_training.pk, checked_in_early.pk])
    assert issue not in content


def test_organiser_bulk_issue_before_the_end_is_refused_with_the_reason(
    login_with_second_factor,
    client,
    december_training,
    checked_in_early,
    program_organiser,
    before_the_end,
):
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("certificates:event_issue_bulk", args=[december_training.pk]), follow=True
    )

    assert f"No certificates yet: {NOT_ENDED}" in response.content.decode()
    assert not CertificateBatch.objects.exists()


def test_organiser_issue_for_one_person_before_the_end_is_refused_with_the_reason(
    login_with_second_factor,
    client,
    december_training,
    checked_in_early,
    program_organiser,
    before_the_end,
):
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("certificates:event_issue", args=[december_training.pk, checked_in_early.pk]),
        follow=True,
    )

    assert f"No certificate for Ana Anić: {NOT_ENDED}" in response.content.decode()
    assert not Certificate.objects.exists()


def test_participant_may_ask_only_once_the_event_is_over(
    december_training, checked_in_early, monkeypatch
):
    during = datetime(2026, 12, 21, 12, 0, tzinfo=BELGRADE)
    monkeypatch.setattr(timezone, "now", lambda: during)
    assert list(person_requestable_registrations(checked_in_early.person)) == []

    monkeypatch.setattr(timezone, "now", lambda: during + timedelta(days=2))
    assert list(person_requestable_registrations(checked_in_early.person)) == [checked_in_early]

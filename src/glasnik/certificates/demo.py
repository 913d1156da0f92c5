"""Demo certificates for `manage.py demo`: the demo programme's past training gives one
participant a certificate of attendance and another one that was issued and then revoked (so
the verification page shows both), and the programme has had certificates of completion issued
to everyone once (nobody has completed it yet, so the summary lists everyone and why). Nobody is
emailed. Idempotent."""

from django.contrib.auth import get_user_model
from django.db import transaction

from glasnik.core.demo import demo_without_mail
from glasnik.events.demo_program import PAST_TRAINING
from glasnik.events.models import Event, Registration

from .models import Certificate, CertificateBatch
from .services import (
    certificate_issue,
    certificate_revoke,
    certificates_issue_completion_bulk,
)

EMAIL_DOMAIN = "demo.glasnik.test"


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


@transaction.atomic
def demo_certificates() -> list[Certificate]:
    event = Event.objects.filter(title=PAST_TRAINING).first()
    if event is None:
        return []
    organiser = _person("jelena.markovic")
    certificates = []
    for local_part, revoke in (("marko.petrovic", False), ("milica.stojanovic", True)):
        registration = Registration.objects.select_related("event", "person").get(
            event=event, person=_person(local_part)
        )
        existing = Certificate.objects.filter(event=event, person=registration.person).first()
        certificate = existing or certificate_issue(
            registration=registration, actor=organiser, notify=False
        )
        if revoke and existing is None:
            certificate_revoke(certificate=certificate, actor=organiser)
        certificates.append(certificate)
    _completion_batch(event.program, organiser)
    return certificates


def _completion_batch(program, organiser) -> None:
    if program is None or CertificateBatch.objects.filter(program=program).exists():
        return
    with demo_without_mail():
        certificates_issue_completion_bulk(program=program, actor=organiser)

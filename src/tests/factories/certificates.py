"""Certificates."""

import factory

from glasnik.certificates.models import Certificate, CertificateKind

from .accounts import PersonFactory
from .events import TrainingFactory


class AttendanceCertificateFactory(factory.django.DjangoModelFactory):
    """An issued certificate of attendance of a training. Written directly, for tests about
    what is done with certificates once they exist; `certificate_issue` (eligibility, the
    holder's name and language, the email) has its own tests."""

    class Meta:
        model = Certificate

    kind = CertificateKind.ATTENDANCE
    person = factory.SubFactory(PersonFactory)
    event = factory.SubFactory(TrainingFactory)
    holder_name = factory.LazyAttribute(
        lambda certificate: f"{certificate.person.first_name} {certificate.person.last_name}"
    )
    title = factory.SelfAttribute("event.title")
    dates = "14–15. 3. 2026."
    language = "sr"

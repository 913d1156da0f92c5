"""Background work for certificates. Tasks take ids and re-read what they need."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from glasnik.core.email import email_queue, email_render
from glasnik.core.links import public_url

from .models import BatchStatus, Certificate, CertificateBatch
from .pdf import PdfUnavailableError, certificate_filename, certificate_pdf, verification_url
from .services import certificates_issue_bulk, certificates_issue_completion_bulk

logger = logging.getLogger("glasnik.certificates")


@task()
def certificates_issue_bulk_task(*, batch_id: int) -> None:
    """Issue a queued batch: of attendance for its event, or of completion for its programme."""
    batch = (
        CertificateBatch.objects.select_related("event", "program__organization", "requested_by")
        .filter(pk=batch_id, status=BatchStatus.QUEUED)
        .first()
    )
    if batch is None:
        return
    if batch.program_id is not None:
        certificates_issue_completion_bulk(
            program=batch.program, actor=batch.requested_by, batch=batch
        )
    else:
        certificates_issue_bulk(event=batch.event, actor=batch.requested_by, batch=batch)


@task()
def certificate_email_send(*, certificate_id: int) -> None:
    """Email the holder their certificate, the PDF attached (or, when PDFs cannot be drawn on
    this server, the address of their certificates page)."""
    certificate = Certificate.objects.select_related("person").filter(pk=certificate_id).first()
    if certificate is None or certificate.revoked_at is not None:
        return
    person = certificate.person
    if not person.is_active:
        return
    try:
        pdf = certificate_pdf(certificate)
    except PdfUnavailableError:
        pdf = None
    language = person.preferred_language
    with translation.override(language):
        mine_url = public_url(reverse("certificates:mine"))
        kind_label = certificate.get_kind_display()
    subject, text, html = email_render(
        template="certificates/email/certificate_issued",
        context={
            "user": person,
            "certificate": certificate,
            "kind_label": kind_label,
            "mine_url": mine_url,
            "verify_url": verification_url(certificate),
            "attached": pdf is not None,
        },
        language=language,
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )
    attachments = []
    if pdf is not None:
        attachments.append((certificate_filename(certificate), pdf, "application/pdf"))
    email_queue(to=person.email, subject=subject, text=text, html=html, attachments=attachments)

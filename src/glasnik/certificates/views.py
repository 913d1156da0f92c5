"""Certificates' pages: the holder's list and downloads, the organisers' page of an event, and
the public verification page."""

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.events.models import Registration, RegistrationStatus
from glasnik.programs.models import Enrolment, EnrolmentStatus

from . import selectors, services
from .access import certificate_for_user, event_for_certificates, program_for_certificates
from .eligibility import event_certificate_refusal
from .models import Certificate
from .pdf import PdfUnavailableError, certificate_filename, certificate_pdf, weasyprint_load

PAGE_SIZE = 30
REQUESTABLE_LIMIT = 50
# Lookups of the verification page per address and window: enough for people, too few to guess.
VERIFY_LIMIT = 60
VERIFY_WINDOW_SECONDS = 10 * 60
CODE_MAX_LENGTH = Certificate._meta.get_field("code").max_length


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def mine(request):
    """The person's certificates, and the events and programmes they may ask one for."""
    page = Paginator(selectors.person_certificates(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "registrations": selectors.person_requestable_registrations(request.user)[
            :REQUESTABLE_LIMIT
        ],
        "enrolments": selectors.person_requestable_enrolments(request.user)[:REQUESTABLE_LIMIT],
    }
    return render(request, "certificates/mine.html", context)


def _pdf_unavailable(request, error: PdfUnavailableError):
    return render(
        request, "certificates/pdf_unavailable.html", {"message": error.message}, status=503
    )


@login_required
def download(request, pk: int):
    certificate = certificate_for_user(request.user, pk)
    if certificate.revoked_at is not None:
        raise Http404
    try:
        pdf = certificate_pdf(certificate)
    except PdfUnavailableError as error:
        return _pdf_unavailable(request, error)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def request_for_event(request, event_pk: int):
    """A participant asks for their certificate; if the rule is not met they are told why."""
    registration = (
        Registration.objects.select_related(
            "event__program__organization", "event__network__organization", "person"
        )
        .filter(event_id=event_pk, person=request.user, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        raise Http404
    try:
        services.certificate_issue(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("No certificate yet: %(reason)s") % {"reason": _refusal(error)},
        )
    else:
        messages.success(request, _("Your certificate has been issued and emailed to you."))
    return redirect("certificates:mine")


@login_required
@require_POST
def request_for_program(request, program_pk: int):
    enrolment = (
        Enrolment.objects.select_related("program__organization")
        .filter(program_id=program_pk, person=request.user, status=EnrolmentStatus.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise Http404
    try:
        services.certificate_issue_completion(
            program=enrolment.program, person=request.user, actor=request.user
        )
    except ValidationError as error:
        messages.error(
            request,
            _("No certificate yet: %(reason)s") % {"reason": _refusal(error)},
        )
    else:
        messages.success(request, _("Your certificate has been issued and emailed to you."))
    return redirect("certificates:mine")


def _pdf_available() -> bool:
    try:
        weasyprint_load()
    except PdfUnavailableError:
        return False
    return True


@login_required
def event_certificates(request, event_pk: int):
    """The organisers' page: who is confirmed, who has a certificate, the last bulk run."""
    event = event_for_certificates(request.user, event_pk)
    page = Paginator(selectors.event_participants(event), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    certificates = selectors.certificates_by_person(
        event, [registration.person_id for registration in page.object_list]
    )
    for registration in page.object_list:
        registration.certificate = certificates.get(registration.person_id)
    context = {
        "event": event,
        "page": page,
        "batch": selectors.event_latest_batch(event),
        "refusal": event_certificate_refusal(event),
        "pdf_available": _pdf_available(),
        "pdf_unavailable_message": PdfUnavailableError.message,
    }
    with timezone.override(event.time_zone):
        return render(request, "certificates/event.html", context)


@login_required
@require_POST
def event_issue(request, event_pk: int, registration_pk: int):
    event = event_for_certificates(request.user, event_pk)
    registration = (
        Registration.objects.select_related("person")
        .filter(pk=registration_pk, event=event)
        .first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    _issue_and_say(
        request,
        registration.person,
        lambda: services.certificate_issue(registration=registration, actor=request.user),
    )
    return redirect("certificates:event", event_pk=event.pk)


def _issue_and_say(request, person, issue) -> None:
    """Issue one certificate and tell the organiser what happened (or why it was refused)."""
    try:
        issue()
    except ValidationError as error:
        messages.error(
            request,
            _("No certificate for %(name)s: %(reason)s")
            % {"name": person, "reason": _refusal(error)},
        )
    else:
        messages.success(
            request,
            _("The certificate for %(name)s has been issued and emailed.") % {"name": person},
        )


@login_required
@require_POST
def event_issue_bulk(request, event_pk: int):
    event = event_for_certificates(request.user, event_pk)
    try:
        services.certificates_issue_bulk_start(event=event, actor=request.user)
    except ValidationError as error:
        messages.error(request, _("No certificates yet: %(reason)s") % {"reason": _refusal(error)})
    else:
        messages.success(
            request,
            _(
                "Certificates are being issued to everyone who meets the rule and emailed to "
                "them. The summary appears on this page when it is done."
            ),
        )
    return redirect("certificates:event", event_pk=event.pk)


@login_required
def program_certificates(request, program_pk: int):
    """The organisers' page of a programme's certificates of completion."""
    program = program_for_certificates(request.user, program_pk)
    page = Paginator(selectors.program_participants(program), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = list(page.object_list)
    certificates = selectors.completion_certificates_by_person(
        program, [enrolment.person_id for enrolment in page.object_list]
    )
    for enrolment in page.object_list:
        enrolment.certificate = certificates.get(enrolment.person_id)
    context = {
        "program": program,
        "page": page,
        "batch": selectors.program_latest_batch(program),
        "pdf_available": _pdf_available(),
        "pdf_unavailable_message": PdfUnavailableError.message,
    }
    with timezone.override(program.time_zone):
        return render(request, "certificates/program.html", context)


@login_required
@require_POST
def program_issue_bulk(request, program_pk: int):
    program = program_for_certificates(request.user, program_pk)
    services.certificates_issue_completion_bulk_start(program=program, actor=request.user)
    messages.success(
        request,
        _(
            "Certificates of completion are being issued to everyone who meets the rule and "
            "emailed to them. The summary appears on this page when it is done."
        ),
    )
    return redirect("certificates:program", program_pk=program.pk)


@login_required
@require_POST
def program_issue(request, program_pk: int, enrolment_pk: int):
    program = program_for_certificates(request.user, program_pk)
    enrolment = (
        Enrolment.objects.select_related("person")
        .filter(pk=enrolment_pk, program=program, status=EnrolmentStatus.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise Http404
    _issue_and_say(
        request,
        enrolment.person,
        lambda: services.certificate_issue_completion(
            program=program, person=enrolment.person, actor=request.user
        ),
    )
    return redirect("certificates:program", program_pk=program.pk)


@login_required
@require_POST
def revoke(request, pk: int):
    certificate = certificate_for_user(
        request.user, pk, permission="certificates.manage_certificate"
    )
    services.certificate_revoke(certificate=certificate, actor=request.user)
    messages.success(
        request,
        _("The certificate of %(name)s has been revoked. The verification page now says so.")
        % {"name": certificate.holder_name},
    )
    if certificate.event_id is not None:
        return redirect("certificates:event", event_pk=certificate.event_id)
    return redirect("certificates:program", program_pk=certificate.program_id)


def _client_address(request) -> str:
    # The same address the sign-in rate limits use, so a proxy in front is configured once
    # (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER).
    try:
        return get_account_adapter(request).get_client_ip(request) or ""
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "")


def _too_many_lookups(request) -> bool:
    """Count lookups per address in the cache; the codes cannot be guessed, this is a fence."""
    limit = getattr(settings, "CERTIFICATES_VERIFY_LIMIT", VERIFY_LIMIT)
    key = f"certificates:verify-lookups:{_client_address(request)}"
    cache.add(key, 0, VERIFY_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, VERIFY_WINDOW_SECONDS)
        count = 1
    return count > limit


def verify(request, code: str):
    """Public: is this certificate authentic? Only the name, what it certifies, the programme
    and the dates, and whether it has been revoked. Never served from the public-page cache:
    an organiser's revocation must show to the next visitor, not a minute later."""
    if _too_many_lookups(request):
        return render(request, "certificates/verify_limited.html", status=429)
    if len(code) > CODE_MAX_LENGTH:
        raise Http404
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        raise Http404
    response = render(request, "certificates/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

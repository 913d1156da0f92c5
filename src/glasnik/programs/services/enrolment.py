"""Taking part in a programme: enrolling (open, by approval or by invitation), the organisers'
decisions, withdrawing. An enrolled participant holds Role.MEMBER on the programme."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.services import role_grant, role_revoke
from glasnik.accounts.services import position_ensure
from glasnik.audit.services import log_action
from glasnik.core.email import email_send
from glasnik.core.languages import written_in_text
from glasnik.core.links import public_url

from ..models import Enrolment, EnrolmentPolicy, EnrolmentStatus, Invitation, Program
from ..selectors import forget_person_programs, program_organisers

# Statuses from which a person may (again) ask to take part.
REOPENABLE = (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.DECLINED)
# At most this many addresses in one batch of invitations.
MAX_INVITATIONS = 200


def _email(person, template: str, program: Program, **context) -> None:
    email_send(
        to=person.email,
        template=f"programs/email/{template}",
        context={
            "user": person,
            "program_name": written_in_text(program.name, program),
            "program_slug": program.slug,
            **context,
        },
        language=person.preferred_language,
    )


def _set_status(enrolment: Enrolment, status: str, *, actor, decided: bool = False) -> None:
    enrolment.status = status
    fields = ["status", "updated_at"]
    if decided:
        enrolment.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        enrolment.decided_at = timezone.now()
        fields += ["decided_by", "decided_at"]
    enrolment.save(update_fields=fields)
    log_action(
        f"programs.enrolment.{status}",
        actor=actor,
        target=enrolment,
        scope=enrolment.program,
        data={"person": enrolment.person_id, "status": status},
    )
    if status == EnrolmentStatus.ENROLLED:
        role_grant(person=enrolment.person, role=Role.MEMBER, scope=enrolment.program)
    else:
        role_revoke(person=enrolment.person, role=Role.MEMBER, scope=enrolment.program)
    forget_person_programs(enrolment.person_id)


@transaction.atomic
def enrolment_create(
    *,
    program: Program,
    person,
    organization,
    invitation: Invitation | None = None,
    position_title: str = "",
    notify: bool = True,
) -> Enrolment:
    """The person asks to take part, with the institution they take part for. An open
    programme (or an invitation) enrols at once; by approval the organisers decide.
    `position_title`, given by someone whose profile names no institution yet, adds their
    position there to the profile. `notify=False` sends no email (the demo data)."""
    if not program.is_published:
        raise ValidationError(_("This programme is not open for enrolment."))
    if organization is None:
        raise ValidationError({"organization": _("Name the institution you take part for.")})
    if program.enrolment_policy == EnrolmentPolicy.INVITATION and invitation is None:
        raise ValidationError(
            _("This programme takes participants by invitation only. Ask its organisers.")
        )
    if position_title.strip():
        position_ensure(
            person=person, organization=organization, title=position_title.strip(), actor=person
        )
    enrolment, created = Enrolment.objects.select_for_update().get_or_create(
        program=program, person=person, defaults={"organization": organization}
    )
    if not created:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            raise ValidationError(_("You are already a participant of this programme."))
        if enrolment.status == EnrolmentStatus.PENDING:
            raise ValidationError(
                _("You have already asked to take part; the organisers will let you know.")
            )
        enrolment.organization = organization
        enrolment.decided_by, enrolment.decided_at = None, None
        enrolment.save(update_fields=["organization", "decided_by", "decided_at", "updated_at"])
    at_once = invitation is not None or program.enrolment_policy == EnrolmentPolicy.OPEN
    _set_status(
        enrolment,
        EnrolmentStatus.ENROLLED if at_once else EnrolmentStatus.PENDING,
        actor=person,
    )
    if not notify:
        return enrolment
    if at_once:
        _email(person, "enrolment_enrolled", program)
    else:
        _email(person, "enrolment_pending", program)
        for organiser in program_organisers(program):
            _email(
                organiser,
                "enrolment_organiser_notice",
                program,
                participant=person.get_full_name() or person.email,
                enrolment_id=enrolment.pk,
            )
    return enrolment


@transaction.atomic
def enrolment_approve(
    *, enrolment: Enrolment, actor, message: str = "", notify: bool = True
) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("program", "person")
        .get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.ENROLLED:
        return enrolment
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise ValidationError(_("This person has withdrawn from the programme."))
    _set_status(enrolment, EnrolmentStatus.ENROLLED, actor=actor, decided=True)
    if notify:
        _email(
            enrolment.person,
            "enrolment_approved",
            enrolment.program,
            message=written_in_text(message.strip(), enrolment.program),
        )
    return enrolment


@transaction.atomic
def enrolment_decline(*, enrolment: Enrolment, actor, message: str = "") -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("program", "person")
        .get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.DECLINED:
        return enrolment
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise ValidationError(_("This person has withdrawn from the programme."))
    _set_status(enrolment, EnrolmentStatus.DECLINED, actor=actor, decided=True)
    _email(
        enrolment.person,
        "enrolment_declined",
        enrolment.program,
        message=written_in_text(message.strip(), enrolment.program),
    )
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor) -> Enrolment:
    """The participant leaves (or the organisers take them out); their role on the programme
    goes with it. Registrations for the programme's events stay for the registration rules."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("program", "person")
        .get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        return enrolment
    by_self = getattr(actor, "pk", None) == enrolment.person_id
    _set_status(enrolment, EnrolmentStatus.WITHDRAWN, actor=actor, decided=not by_self)
    _email(enrolment.person, "enrolment_withdrawn", enrolment.program, by_self=by_self)
    return enrolment


ORGANISER_DECISIONS = {
    EnrolmentStatus.ENROLLED: enrolment_approve,
    EnrolmentStatus.DECLINED: enrolment_decline,
}


# --- invitations ---------------------------------------------------------------------------


def invitation_link(invitation: Invitation, language: str) -> str:
    with translation.override(language):
        return public_url(reverse("programs:invitation", args=[invitation.token]))


@transaction.atomic
def invitation_send(*, program: Program, email: str, actor) -> Invitation:
    """Invite one address. Sending again to the same address repeats the email with the same
    link; an address whose invitation was used is refused."""
    email = email.strip().lower()
    validate_email(email)
    invitation, created = Invitation.objects.select_for_update().get_or_create(
        program=program, email=email, defaults={"invited_by": actor}
    )
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("%(email)s has already accepted an invitation to this programme.") % {"email": email}
        )
    person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if person is not None:
        enrolment = Enrolment.objects.filter(program=program, person=person).first()
        if enrolment is not None and enrolment.status == EnrolmentStatus.ENROLLED:
            raise ValidationError(
                _("%(email)s is already a participant of this programme.") % {"email": email}
            )
    language = person.preferred_language if person is not None else translation.get_language()
    email_send(
        to=email,
        template="programs/email/invitation",
        context={
            "user": person,
            "program_name": written_in_text(program.name, program),
            "program_summary": written_in_text(program.summary, program),
            "inviter": actor.get_full_name() if actor is not None else "",
            "link": invitation_link(invitation, language),
        },
        language=language,
    )
    log_action(
        "programs.invitation.sent" if created else "programs.invitation.resent",
        actor=actor,
        target=invitation,
        scope=program,
    )
    return invitation


def invitation_emails_parse(text: str) -> tuple[list[str], list[str]]:
    """Addresses from a pasted list (one per line, or separated by commas, semicolons or
    spaces): (valid ones without repeats, in order; the entries that are not addresses)."""
    valid, invalid, seen = [], [], set()
    for raw in text.replace(",", " ").replace(";", " ").split():
        entry = raw.strip().strip("<>").lower()
        try:
            validate_email(entry)
        except ValidationError:
            invalid.append(raw)
            continue
        if entry not in seen:
            seen.add(entry)
            valid.append(entry)
    return valid, invalid


def invitations_send(*, program: Program, emails: list[str], actor) -> dict:
    """Invite many addresses, each on its own (one refused address does not stop the rest):
    {"sent": [emails], "refused": [(email, reason)]}."""
    if len(emails) > MAX_INVITATIONS:
        raise ValidationError(
            _("Send at most %(count)d invitations at a time.") % {"count": MAX_INVITATIONS}
        )
    sent, refused = [], []
    for email in emails:
        try:
            invitation_send(program=program, email=email, actor=actor)
        except ValidationError as error:
            refused.append((email, " ".join(error.messages)))
        else:
            sent.append(email)
    return {"sent": sent, "refused": refused}


@transaction.atomic
def invitation_accept(*, invitation: Invitation, person, organization) -> Enrolment:
    """The invited person takes part. An invitation is used once."""
    invitation = (
        Invitation.objects.select_for_update().select_related("program").get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    enrolment = enrolment_create(
        program=invitation.program,
        person=person,
        organization=organization,
        invitation=invitation,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    log_action(
        "programs.invitation.accepted",
        actor=person,
        target=invitation,
        scope=invitation.program,
        data={"person": person.pk},
    )
    return enrolment

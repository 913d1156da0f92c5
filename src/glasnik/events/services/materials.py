"""Materials and assignments: organisers and trainers share files and links, set exercises and
comment on what participants submit."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.email import email_send
from glasnik.core.uploads import upload_check

from ..models import (
    AgendaItem,
    Assignment,
    Event,
    Material,
    MaterialKind,
    Submission,
    SubmissionComment,
)
from ..selectors import materials as selectors

# Slides come as presentations too; documents as for every other upload.
MATERIAL_EXTENSIONS = ("pdf", "pptx", "docx", "xlsx", "odt", "txt", "png", "jpg", "jpeg")
MATERIAL_MAX_BYTES = 25 * 1024 * 1024
SUBMISSION_EXTENSIONS = ("pdf", "docx", "odt", "txt", "png", "jpg", "jpeg", "pptx", "xlsx")
SUBMISSION_MAX_BYTES = 10 * 1024 * 1024


def _session_check(event: Event, session: AgendaItem | None) -> None:
    if session is not None and session.event_id != event.pk:
        raise ValidationError(_("This session is not part of the event."), code="wrong_session")


@transaction.atomic
def material_create(
    *,
    event: Event,
    actor,
    title: str,
    file=None,
    url: str = "",
    session: AgendaItem | None = None,
    is_public: bool = False,
) -> Material:
    """A file or a link (exactly one) for the event or one of its sessions."""
    _session_check(event, session)
    if bool(file) == bool(url):
        raise ValidationError(_("Upload a file or give a link, not both."), code="file_or_link")
    if file:
        upload_check(file, extensions=MATERIAL_EXTENSIONS, max_bytes=MATERIAL_MAX_BYTES)
    material = Material.objects.create(
        event=event,
        agenda_item=session,
        title=title,
        kind=MaterialKind.FILE if file else MaterialKind.LINK,
        file=file or "",
        url=url,
        is_public=is_public,
        uploaded_by=actor,
    )
    log_action(
        "events.material.added",
        actor=actor,
        target=material,
        scope=event.audit_scope,
        data={"event": event.pk, "kind": material.kind, "public": is_public},
    )
    return material


def _file_delete_on_commit(field) -> None:
    """Delete a replaced file once the change is saved for good (kept if it rolls back)."""
    storage, name = field.storage, field.name
    transaction.on_commit(lambda: storage.delete(name))


def _differs(material: Material, name: str, value) -> bool:
    if name == "file":  # a new upload, or a file given up for a link
        return bool(value) or bool(material.file)
    return getattr(material, name) != value


@transaction.atomic
def material_update(
    *,
    material: Material,
    actor,
    title: str,
    file=None,
    url: str = "",
    session: AgendaItem | None = None,
    is_public: bool = False,
) -> Material:
    """Change a material. A new file replaces the old one, a link replaces a file (and the
    other way round); with neither, a file stays as it is. Checked as when it was added."""
    event = material.event
    _session_check(event, session)
    if file and url:
        raise ValidationError(_("Upload a file or give a link, not both."), code="file_or_link")
    if not file and not url and material.kind == MaterialKind.LINK:
        raise ValidationError(_("Upload a file or give a link."), code="file_or_link")
    if file:
        upload_check(file, extensions=MATERIAL_EXTENSIONS, max_bytes=MATERIAL_MAX_BYTES)
    replaced = material.file if material.file and (file or url) else None
    values = {"title": title, "agenda_item": session, "is_public": is_public}
    if file:
        values |= {"kind": MaterialKind.FILE, "file": file, "url": ""}
    elif url:
        values |= {"kind": MaterialKind.LINK, "file": "", "url": url}
    changed = sorted(name for name, value in values.items() if _differs(material, name, value))
    if not changed:
        return material
    if replaced is not None:
        _file_delete_on_commit(replaced)
    for name in changed:
        setattr(material, name, values[name])
    material.save(update_fields=changed)
    log_action(
        "events.material.changed",
        actor=actor,
        target=material,
        scope=event.audit_scope,
        data={"event": event.pk, "fields": changed, "kind": material.kind},
    )
    return material


@transaction.atomic
def material_delete(*, material: Material, actor) -> None:
    log_action(
        "events.material.removed",
        actor=actor,
        target=material,
        scope=material.event.audit_scope,
        data={"event": material.event_id, "kind": material.kind},
    )
    if material.file:
        material.file.delete(save=False)
    material.delete()


@transaction.atomic
def assignment_create(
    *,
    event: Event,
    actor,
    title: str,
    instructions: str,
    due_at: datetime | None = None,
    session: AgendaItem | None = None,
) -> Assignment:
    _session_check(event, session)
    assignment = Assignment.objects.create(
        event=event, agenda_item=session, title=title, instructions=instructions, due_at=due_at
    )
    log_action(
        "events.assignment.created",
        actor=actor,
        target=assignment,
        scope=event.audit_scope,
        data={"event": event.pk, "due_at": due_at.isoformat() if due_at else None},
    )
    return assignment


@transaction.atomic
def assignment_update(
    *,
    assignment: Assignment,
    actor,
    title: str,
    instructions: str,
    due_at: datetime | None = None,
    session: AgendaItem | None = None,
) -> Assignment:
    """Change an exercise. A later due date lets participants change their work again."""
    event = assignment.event
    _session_check(event, session)
    values = {
        "title": title,
        "instructions": instructions,
        "due_at": due_at,
        "agenda_item": session,
    }
    changed = sorted(name for name, value in values.items() if getattr(assignment, name) != value)
    if not changed:
        return assignment
    for name in changed:
        setattr(assignment, name, values[name])
    assignment.save(update_fields=changed)
    log_action(
        "events.assignment.changed",
        actor=actor,
        target=assignment,
        scope=event.audit_scope,
        data={
            "event": event.pk,
            "fields": changed,
            "due_at": assignment.due_at.isoformat() if assignment.due_at else None,
        },
    )
    return assignment


def submission_open(assignment: Assignment, *, now: datetime | None = None) -> bool:
    return assignment.due_at is None or (now or timezone.now()) < assignment.due_at


@transaction.atomic
def submission_save(
    *,
    assignment: Assignment,
    person,
    text: str = "",
    file=None,
    now: datetime | None = None,
) -> Submission:
    """A participant submits (or, until the due date, changes) their answer: text, a file or
    both. A new file replaces the old one; without one the old file stays."""
    event = assignment.event
    if not selectors.is_participant(person, event):
        raise ValidationError(
            _("Only participants with a confirmed registration can submit."), code="not_participant"
        )
    if not submission_open(assignment, now=now):
        raise ValidationError(_("The due date has passed."), code="past_due")
    if file:
        upload_check(file, extensions=SUBMISSION_EXTENSIONS, max_bytes=SUBMISSION_MAX_BYTES)
    submission = (
        Submission.objects.select_for_update().filter(assignment=assignment, person=person).first()
    )
    if not text.strip() and not file and not (submission and submission.file):
        raise ValidationError(_("Write an answer or attach a file."), code="empty")
    created = submission is None
    if created:
        submission = Submission(assignment=assignment, person=person)
    submission.text = text
    if file:
        if submission.file:
            submission.file.delete(save=False)
        submission.file = file
    submission.save()
    log_action(
        "events.submission.submitted" if created else "events.submission.changed",
        actor=person,
        target=submission,
        scope=event.audit_scope,
        data={"assignment": assignment.pk, "file": bool(submission.file)},
    )
    return submission


@transaction.atomic
def submission_comment_add(*, submission: Submission, author, text: str) -> SubmissionComment:
    """A trainer comments; the participant gets an email in their language."""
    if not text.strip():
        raise ValidationError(_("Write a comment."), code="empty")
    comment = SubmissionComment.objects.create(submission=submission, author=author, text=text)
    assignment = submission.assignment
    log_action(
        "events.submission.commented",
        actor=author,
        target=submission,
        scope=assignment.event.audit_scope,
        data={"assignment": assignment.pk, "comment": comment.pk},
    )
    participant = submission.person
    email_send(
        to=participant.email,
        template="events/materials/email/submission_commented",
        context={
            "user": participant,
            "assignment": assignment,
            "event": assignment.event,
            "author_name": author.get_full_name() or author.email,
            "comment": text,
        },
        language=participant.preferred_language,
    )
    return comment

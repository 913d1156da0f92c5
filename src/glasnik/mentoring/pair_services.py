"""Every write to one-to-one mentoring: pairs, their meetings' log, action items and their
reminders, and reviews of work. Each decision is written to the audit log under the programme;
emails leave through tasks queued when the transaction commits."""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.audit.services import log_action
from glasnik.core.uploads import upload_check
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

from .models import (
    ActionItem,
    ItemOwner,
    MentoringPair,
    PairSession,
    ReviewSection,
    ReviewStatus,
    ReviewVersion,
    WorkReview,
)
from .models.reviews import REVIEW_EXTENSIONS

REVIEW_MAX_BYTES = 10 * 1024 * 1024


def _log(action: str, *, actor, target, program: Program, **data) -> None:
    log_action(f"mentoring.{action}", actor=actor, target=target, scope=program, data=data)


def pair_create(
    *, program: Program, mentor, actor, mentee=None, organization=None, goals: str = ""
) -> MentoringPair:
    """Pair a mentor (a trainer of the programme) with an enrolled participant or with an
    institution that has enrolled people."""
    if (mentee is None) == (organization is None):
        raise ValidationError(_("Choose either a participant or an institution."), code="mentee")
    if not role_holders(Role.TRAINER, program).filter(pk=mentor.pk).exists():
        raise ValidationError(
            _("Only the programme's trainers and mentors can be paired."), code="mentor"
        )
    enrolled = Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
    if mentee is not None and not enrolled.filter(person=mentee).exists():
        raise ValidationError(_("This person is not enrolled in the programme."), code="mentee")
    if organization is not None and not enrolled.filter(organization=organization).exists():
        raise ValidationError(
            _("Nobody from this institution is enrolled in the programme."), code="mentee"
        )
    pairs = MentoringPair.objects.filter(program=program, mentor=mentor)
    if (mentee and pairs.filter(mentee=mentee).exists()) or (
        organization and pairs.filter(organization=organization).exists()
    ):
        raise ValidationError(_("This pair already exists."), code="twice")
    pair = MentoringPair.objects.create(
        program=program,
        mentor=mentor,
        mentee=mentee,
        organization=organization,
        goals=goals.strip(),
        created_by=actor,
    )
    _log("pair.create", actor=actor, target=pair, program=program, mentor=mentor.pk)
    return pair


def pair_goals_update(*, pair: MentoringPair, goals: str, actor) -> MentoringPair:
    pair.goals = goals.strip()
    pair.save(update_fields=["goals"])
    _log("pair.goals", actor=actor, target=pair, program=pair.program)
    return pair


def pair_session_log(
    *, pair: MentoringPair, held_on: datetime.date, notes: str, actor
) -> PairSession:
    session = PairSession.objects.create(
        pair=pair, held_on=held_on, notes=notes.strip(), written_by=actor
    )
    _log("pair.session", actor=actor, target=pair, program=pair.program, session=session.pk)
    return session


def action_item_add(
    *, pair: MentoringPair, text: str, owner: str, due_on: datetime.date, actor
) -> ActionItem:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what is to be done."), code="empty")
    if owner not in ItemOwner.values:
        raise ValidationError(_("Choose who does it."), code="owner")
    item = ActionItem.objects.create(pair=pair, text=text, owner=owner, due_on=due_on)
    _log("pair.item_add", actor=actor, target=pair, program=pair.program, item=item.pk)
    return item


def action_item_mark(*, item: ActionItem, done: bool, actor) -> ActionItem:
    item.done = done
    item.save(update_fields=["done"])
    _log(
        "pair.item_done" if done else "pair.item_reopen",
        actor=actor,
        target=item.pair,
        program=item.pair.program,
        item=item.pk,
    )
    return item


def action_item_owners(item: ActionItem) -> list:
    """Who an action item's reminder goes to: the mentor, or the mentee (every enrolled person
    of a paired institution)."""
    pair = item.pair
    if item.owner == ItemOwner.MENTOR:
        return [pair.mentor]
    if pair.mentee_id:
        return [pair.mentee]
    return [
        enrolment.person
        for enrolment in Enrolment.objects.filter(
            program_id=pair.program_id,
            organization_id=pair.organization_id,
            status=EnrolmentStatus.ENROLLED,
        )
        .select_related("person")
        .order_by("pk")
    ]


def action_items_due_claim(today: datetime.date) -> list[int]:
    """The open action items due tomorrow not reminded of yet for that date, marked as
    reminded in the same transaction (rows locked), so two runs never remind twice."""
    tomorrow = today + datetime.timedelta(days=1)
    with transaction.atomic():
        items = list(
            ActionItem.objects.select_for_update()
            .filter(due_on=tomorrow, done=False)
            .exclude(reminded_for=tomorrow)
            .values_list("pk", flat=True)
        )
        ActionItem.objects.filter(pk__in=items).update(reminded_for=tomorrow)
    return items


# --- reviews of work -----------------------------------------------------------------------


def pair_of_mentee(pair: MentoringPair, person) -> bool:
    """Whether `person` is the pair's mentee (or enrolled for its paired institution)."""
    if pair.mentee_id:
        return pair.mentee_id == person.pk
    return Enrolment.objects.filter(
        program_id=pair.program_id,
        organization_id=pair.organization_id,
        person_id=person.pk,
        status=EnrolmentStatus.ENROLLED,
    ).exists()


def _clean_sections(sections: list[tuple[str, str]], document) -> list[tuple[str, str]]:
    cleaned = [(title.strip(), text.strip()) for title, text in sections if text.strip()]
    if not cleaned and not document:
        raise ValidationError(
            _("Write at least one section of your plan or attach a document."), code="empty"
        )
    if document:
        upload_check(document, extensions=REVIEW_EXTENSIONS, max_bytes=REVIEW_MAX_BYTES)
    return cleaned


def _add_version(review: WorkReview, number: int, sections, document) -> ReviewVersion:
    version = ReviewVersion.objects.create(review=review, number=number, document=document or "")
    ReviewSection.objects.bulk_create(
        ReviewSection(version=version, position=i, title=title, text=text)
        for i, (title, text) in enumerate(sections)
    )
    return version


def _notify(review_id: int, template: str) -> None:
    from .tasks import review_notify

    transaction.on_commit(partial(review_notify.enqueue, review_id=review_id, template=template))


@transaction.atomic
def review_submit(
    *,
    pair: MentoringPair,
    author,
    title: str,
    kind: str,
    sections,
    document=None,
    notify: bool = True,
) -> WorkReview:
    """A participant's work to their own mentor; anyone else's pair is refused. The mentor is
    emailed unless `notify` is False (the demo data)."""
    if not pair_of_mentee(pair, author):
        raise ValidationError(
            _("You can send work for review only to your own mentor."), code="not_your_mentor"
        )
    sections = _clean_sections(sections, document)
    if not title.strip():
        raise ValidationError(_("Give your work a title."), code="title")
    review = WorkReview.objects.create(pair=pair, author=author, title=title.strip(), kind=kind)
    _add_version(review, 1, sections, document)
    _log("review.submit", actor=author, target=review, program=pair.program, version=1)
    if notify:
        _notify(review.pk, "submitted")
    return review


@transaction.atomic
def review_resubmit(
    *, review: WorkReview, author, sections, document=None, notify: bool = True
) -> ReviewVersion:
    """A new version, after the mentor asked for changes."""
    review = (
        WorkReview.objects.select_for_update().select_related("pair__program").get(pk=review.pk)
    )
    if not pair_of_mentee(review.pair, author):
        raise ValidationError(
            _("You can send work for review only to your own mentor."), code="not_your_mentor"
        )
    if review.status != ReviewStatus.NEEDS_WORK:
        raise ValidationError(
            _("A new version can be sent only after the mentor asked for changes."),
            code="status",
        )
    sections = _clean_sections(sections, document)
    number = review.versions.count() + 1
    version = _add_version(review, number, sections, document)
    review.status = ReviewStatus.SUBMITTED
    review.save(update_fields=["status", "updated_at"])
    _log(
        "review.resubmit", actor=author, target=review, program=review.pair.program, version=number
    )
    if notify:
        _notify(review.pk, "submitted")
    return version


@transaction.atomic
def review_return(
    *,
    review: WorkReview,
    mentor,
    status: str,
    comments: dict[int, str],
    note: str = "",
    notify: bool = True,
) -> ReviewVersion:
    """The mentor's comments on the latest version's sections and their decision."""
    review = (
        WorkReview.objects.select_for_update().select_related("pair__program").get(pk=review.pk)
    )
    if review.pair.mentor_id != mentor.pk:
        raise ValidationError(_("Only the pair's mentor reviews this work."), code="not_mentor")
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError(_("This version has already been returned."), code="status")
    if status not in (ReviewStatus.NEEDS_WORK, ReviewStatus.APPROVED):
        raise ValidationError(_("Choose needs work or approved."), code="decision")
    version = review.versions.order_by("-number").first()
    for section in version.sections.all():
        comment = comments.get(section.pk, "").strip()
        if comment != section.comment:
            section.comment = comment
            section.save(update_fields=["comment"])
    version.returned_status = status
    version.returned_at = timezone.now()
    version.mentor_note = note.strip()
    version.save(update_fields=["returned_status", "returned_at", "mentor_note"])
    review.status = status
    review.save(update_fields=["status", "updated_at"])
    _log(
        "review.return",
        actor=mentor,
        target=review,
        program=review.pair.program,
        version=version.number,
        status=status,
    )
    if notify:
        _notify(review.pk, "returned")
    return version

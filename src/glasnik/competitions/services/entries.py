"""An institution's entries: made, changed and submitted while entries are open, with example
posts; the organiser's measured value."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.uploads import upload_check
from glasnik.programs.models import Enrolment, EnrolmentStatus

from ..models import Category, Competition, Eligibility, Entry, EntryStatus, ExamplePost
from .setup import editable_check, filed_under

SCREENSHOT_EXTENSIONS = ("png", "jpg", "jpeg")
SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024
ENTRY_FIELDS = ("description", "profile_links", "period_start", "period_end")


def _entries_open_check(competition: Competition) -> None:
    editable_check(competition)
    if not competition.entries_open():
        raise ValidationError(
            _("Entries are not open: they can be made and changed only until the deadline."),
            code="entries_closed",
        )


def _eligible_check(competition: Competition, institution) -> None:
    if competition.eligibility != Eligibility.ENROLLED:
        return
    if not Enrolment.objects.filter(
        program_id=competition.program_id,
        organization=institution,
        status=EnrolmentStatus.ENROLLED,
    ).exists():
        raise ValidationError(
            _("Only institutions enrolled in the programme may enter this competition."),
            code="not_eligible",
        )


@transaction.atomic
def entry_create(
    *, competition: Competition, category: Category, institution, actor, **fields
) -> Entry:
    """A draft entry of the institution in a category: one per institution per category."""
    _entries_open_check(competition)
    if category.competition_id != competition.pk:
        raise ValidationError(_("This category is not part of the competition."))
    _eligible_check(competition, institution)
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Not an entry field: {', '.join(sorted(unknown))}")
    duplicate = ValidationError(
        _("This institution already has an entry in this category."), code="duplicate_entry"
    )
    if Entry.objects.filter(category=category, institution=institution).exists():
        raise duplicate
    try:
        with transaction.atomic():
            entry = Entry.objects.create(
                competition=competition,
                category=category,
                institution=institution,
                created_by=actor,
                **fields,
            )
    except IntegrityError as error:  # the same entry made at the same moment
        raise duplicate from error
    log_action(
        "competitions.entry.created",
        actor=actor,
        target=entry,
        scope=filed_under(competition),
        data={"category": category.pk, "institution": institution.pk},
    )
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, actor, **fields) -> Entry:
    _entries_open_check(entry.competition)
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Not an entry field: {', '.join(sorted(unknown))}")
    changed = sorted(name for name, value in fields.items() if getattr(entry, name) != value)
    if not changed:
        return entry
    for name in changed:
        setattr(entry, name, fields[name])
    entry.save(update_fields=[*changed, "updated_at"])
    log_action(
        "competitions.entry.updated",
        actor=actor,
        target=entry,
        scope=filed_under(entry.competition),
        data={"fields": changed},
    )
    return entry


@transaction.atomic
def entry_submit(*, entry: Entry, actor) -> Entry:
    _entries_open_check(entry.competition)
    if entry.is_submitted:
        return entry
    entry.status, entry.submitted_at = EntryStatus.SUBMITTED, timezone.now()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(
        "competitions.entry.submitted",
        actor=actor,
        target=entry,
        scope=filed_under(entry.competition),
    )
    return entry


@transaction.atomic
def example_post_add(
    *, entry: Entry, actor, url: str, screenshot=None, why_chosen: str = ""
) -> ExamplePost:
    _entries_open_check(entry.competition)
    if screenshot:
        upload_check(screenshot, extensions=SCREENSHOT_EXTENSIONS, max_bytes=SCREENSHOT_MAX_BYTES)
    post = ExamplePost.objects.create(
        entry=entry,
        url=url,
        screenshot=screenshot or "",
        why_chosen=why_chosen,
        position=entry.example_posts.count(),
    )
    log_action(
        "competitions.example_post.added",
        actor=actor,
        target=post,
        scope=filed_under(entry.competition),
        data={"entry": entry.pk},
    )
    return post


@transaction.atomic
def entry_metric_set(*, entry: Entry, value, actor) -> Entry:
    """The organiser's measured value for the entry (None: not measured, counts as 0)."""
    editable_check(entry.competition)
    old = entry.metric
    entry.metric = None if value is None else Decimal(value)
    entry.save(update_fields=["metric", "updated_at"])
    log_action(
        "competitions.entry.metric_set",
        actor=actor,
        target=entry,
        scope=filed_under(entry.competition),
        data={
            "old": None if old is None else str(old),
            "new": None if value is None else str(entry.metric),
        },
    )
    return entry

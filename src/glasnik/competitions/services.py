"""Every write of a competition: setup, entries, jury scores, conflicts, the public vote and
publishing. Each decision is in the audit log, every score change with its old and new value.
What is refused raises `ValidationError` with a message for people and changes nothing."""

from decimal import Decimal, InvalidOperation

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.audit.services import log_action
from glasnik.core.uploads import upload_check
from glasnik.programs.models import Enrolment, EnrolmentStatus

from . import selectors
from .models import (
    Category,
    Competition,
    Conflict,
    Criterion,
    Eligibility,
    Entry,
    EntryStatus,
    ExamplePost,
    Juror,
    Method,
    Score,
    ScoreSheet,
    Vote,
)

SCREENSHOT_EXTENSIONS = ("png", "jpg", "jpeg")
SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024
ENTRY_FIELDS = ("description", "profile_links", "period_start", "period_end")


def filed_under(competition: Competition):
    """What the audit log files a competition's decisions under: its programme (whose
    organisers read them), or the competition itself when it was imported without one."""
    return competition.program or competition


def weights_check(alpha: Decimal, beta: Decimal) -> None:
    if alpha < 0 or beta < 0 or alpha + beta > 1:
        raise ValidationError(
            _("The weights of the metric and of the public vote must be from 0 to 1 together."),
            code="weights",
        )


def _editable_check(competition: Competition) -> None:
    if competition.is_imported:
        raise ValidationError(
            _("This competition was imported from an archive and cannot be changed."),
            code="imported",
        )


def competition_slug_free(title: str) -> str:
    base = slugify(title)[:100] or "competition"
    slug, number = base, 1
    while Competition.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def competition_create(
    *, program, actor, title: str, slug: str = "", categories=(), criteria=(), **fields
) -> Competition:
    """A competition of the programme with its categories (`(key, name)` pairs) and criteria
    (dicts of key, name, weight, max)."""
    weights_check(Decimal(fields.get("alpha", 0)), Decimal(fields.get("beta", 0)))
    timeline_check(fields)
    if slug and Competition.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another competition already has this address.")})
    competition = Competition.objects.create(
        program=program, title=title.strip(), slug=slug or competition_slug_free(title), **fields
    )
    log_action(
        "competitions.competition.created",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
    )
    for key, name in categories:
        category_create(competition=competition, key=key, name=name, actor=actor)
    for criterion in criteria:
        criterion_create(competition=competition, actor=actor, **criterion)
    return competition


@transaction.atomic
def category_create(*, competition: Competition, key: str, name: str, actor) -> Category:
    _editable_check(competition)
    if competition.categories.filter(key=key).exists():
        raise ValidationError({"key": _("Another category already has this key.")})
    category = Category.objects.create(
        competition=competition, key=key, name=name, position=competition.categories.count()
    )
    log_action(
        "competitions.category.created",
        actor=actor,
        target=category,
        scope=filed_under(competition),
        data={"key": key},
    )
    return category


@transaction.atomic
def criterion_create(
    *,
    competition: Competition,
    key: str,
    name: str,
    weight=1,
    max: int = 5,
    actor,
    description: str = "",
) -> Criterion:
    _editable_check(competition)
    if competition.criteria.filter(key=key).exists():
        raise ValidationError({"key": _("Another criterion already has this key.")})
    if Decimal(weight) <= 0 or int(max) <= 0:
        raise ValidationError(_("A criterion's weight and highest score must be above 0."))
    criterion = Criterion.objects.create(
        competition=competition,
        key=key,
        name=name,
        description=description,
        weight=Decimal(weight),
        max=int(max),
        position=competition.criteria.count(),
    )
    log_action(
        "competitions.criterion.created",
        actor=actor,
        target=criterion,
        scope=filed_under(competition),
        data={"key": key, "weight": str(criterion.weight), "max": criterion.max},
    )
    return criterion


TIMELINE = (
    "entries_open_at",
    "entries_close_at",
    "jury_starts_at",
    "jury_ends_at",
    "vote_opens_at",
    "vote_closes_at",
)


def timeline_check(dates: dict) -> None:
    """Each window opens before it closes."""
    for start, end in (
        ("entries_open_at", "entries_close_at"),
        ("jury_starts_at", "jury_ends_at"),
        ("vote_opens_at", "vote_closes_at"),
    ):
        if dates.get(start) and dates.get(end) and dates[end] <= dates[start]:
            raise ValidationError({end: _("This must be later than the opening.")})


@transaction.atomic
def competition_timeline_set(*, competition: Competition, actor, **dates) -> Competition:
    """When entries, the jury and the public vote open and close."""
    _editable_check(competition)
    unknown = set(dates) - set(TIMELINE)
    if unknown:
        raise TypeError(f"Not a date of the timeline: {', '.join(sorted(unknown))}")
    timeline_check({name: dates.get(name, getattr(competition, name)) for name in TIMELINE})
    changed = sorted(name for name, value in dates.items() if getattr(competition, name) != value)
    if not changed:
        return competition
    for name in changed:
        setattr(competition, name, dates[name])
    competition.save(update_fields=[*changed, "updated_at"])
    log_action(
        "competitions.competition.timeline_set",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"fields": changed},
    )
    return competition


SETTINGS = ("title", "rules", "eligibility", "metric_name", "blind_scoring")


@transaction.atomic
def competition_update(*, competition: Competition, actor, **fields) -> Competition:
    """The competition's title, rules, who may enter, the metric's name and blind scoring."""
    _editable_check(competition)
    unknown = set(fields) - set(SETTINGS)
    if unknown:
        raise TypeError(f"Not a setting of the competition: {', '.join(sorted(unknown))}")
    changed = sorted(name for name, value in fields.items() if getattr(competition, name) != value)
    if not changed:
        return competition
    for name in changed:
        setattr(competition, name, fields[name])
    competition.save(update_fields=[*changed, "updated_at"])
    log_action(
        "competitions.competition.updated",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"fields": changed},
    )
    return competition


@transaction.atomic
def competition_method_set(
    *, competition: Competition, method: str, actor, alpha=None, beta=None
) -> Competition:
    """The aggregation method and the weights of the metric and the vote."""
    _editable_check(competition)
    if method not in Method.values:
        raise ValidationError(_("Choose one of the methods offered."), code="method")
    alpha = competition.alpha if alpha is None else Decimal(alpha)
    beta = competition.beta if beta is None else Decimal(beta)
    weights_check(alpha, beta)
    competition.method, competition.alpha, competition.beta = method, alpha, beta
    competition.save(update_fields=["method", "alpha", "beta", "updated_at"])
    log_action(
        "competitions.competition.method_set",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"method": method, "alpha": str(alpha), "beta": str(beta)},
    )
    return competition


@transaction.atomic
def juror_assign(*, competition: Competition, person, actor, categories=(), entries=()) -> Juror:
    _editable_check(competition)
    juror, created = Juror.objects.get_or_create(competition=competition, person=person)
    # The juror's role opens the jury's pages and asks for two-factor authentication.
    role_grant(person=person, role=Role.JUROR, scope=competition, actor=actor)
    juror.categories.set(categories)
    juror.entries.set(entries)
    log_action(
        "competitions.juror.assigned",
        actor=actor,
        target=juror,
        scope=filed_under(competition),
        data={
            "person": person.pk,
            "categories": [c.pk for c in categories],
            "entries": [e.pk for e in entries],
            "new": created,
        },
    )
    return juror


def _entries_open_check(competition: Competition) -> None:
    _editable_check(competition)
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
    _editable_check(entry.competition)
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


@transaction.atomic
def conflict_declare(*, juror: Juror, entry: Entry, actor, reason: str = "") -> Conflict:
    """The juror's sheet for the entry stops counting (scores already given stay recorded)."""
    _editable_check(juror.competition)
    if entry.competition_id != juror.competition_id:
        raise ValidationError(_("This entry is not part of the competition."))
    conflict, created = Conflict.objects.get_or_create(
        juror=juror, entry=entry, defaults={"reason": reason}
    )
    if created:
        log_action(
            "competitions.conflict.declared",
            actor=actor,
            target=conflict,
            scope=filed_under(juror.competition),
            data={"juror": juror.pk, "entry": entry.pk},
        )
    return conflict


def _scoring_check(juror: Juror, entry: Entry) -> None:
    competition = juror.competition
    _editable_check(competition)
    if not competition.scoring_open():
        raise ValidationError(
            _("Scoring is closed: scores can be given only during the jury period."),
            code="scoring_locked",
        )
    if entry.competition_id != competition.pk or not entry.is_submitted:
        raise ValidationError(_("This entry cannot be scored."), code="not_scorable")
    if not selectors.juror_may_score(juror, entry):
        raise ValidationError(_("You are not on the jury for this entry."), code="not_assigned")
    if selectors.juror_conflicted(juror, entry):
        raise ValidationError(
            _("You have a conflict of interest with this entry and cannot score it."),
            code="conflicted",
        )


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@transaction.atomic
def score_set(
    *, juror: Juror, entry: Entry, criterion: Criterion, value, actor, comment: str = ""
) -> Score:
    """A juror's score on one criterion, from 0 to the criterion's highest score."""
    _scoring_check(juror, entry)
    if criterion.competition_id != juror.competition_id:
        raise ValidationError(_("This criterion is not part of the competition."))
    try:
        value = Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number."), code="invalid") from error
    if not value.is_finite() or value < 0 or value > criterion.max:
        raise ValidationError(
            _("The score must be from 0 to %(max)s.") % {"max": criterion.max}, code="scale"
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(juror=juror, entry=entry)
    score = Score.objects.filter(sheet=sheet, criterion=criterion).first()
    old = None if score is None else (score.value, score.comment)
    if old == (value, comment):
        return score
    if score is None:
        score = Score.objects.create(sheet=sheet, criterion=criterion, value=value, comment=comment)
    else:
        score.value, score.comment = value, comment
        score.save(update_fields=["value", "comment", "updated_at"])
    log_action(
        "competitions.score.set",
        actor=actor,
        target=sheet,
        scope=filed_under(juror.competition),
        data={
            "juror": juror.pk,
            "entry": entry.pk,
            "criterion": criterion.key,
            "old": None if old is None else _decimal_text(old[0]),
            "new": _decimal_text(value),
            "comment_changed": (old is None and bool(comment))
            or (old is not None and old[1] != comment),
        },
    )
    return score


@transaction.atomic
def feedback_set(*, juror: Juror, entry: Entry, feedback: str, actor) -> ScoreSheet:
    """The juror's general written feedback for the entrant (shown without the juror's name)."""
    _scoring_check(juror, entry)
    sheet, _created = ScoreSheet.objects.get_or_create(juror=juror, entry=entry)
    if sheet.feedback != feedback:
        sheet.feedback = feedback
        sheet.save(update_fields=["feedback", "updated_at"])
        log_action(
            "competitions.feedback.set",
            actor=actor,
            target=sheet,
            scope=filed_under(juror.competition),
            data={"juror": juror.pk, "entry": entry.pk},
        )
    return sheet


def vote_cast(*, entry: Entry, person) -> Vote:
    """A verified account's vote in the entry's category, while the vote is open. A second
    vote in the category is refused, also when both arrive at the same moment."""
    competition = entry.competition
    if not competition.vote_open():
        raise ValidationError(_("The public vote is not open."), code="vote_closed")
    if not entry.is_submitted:
        raise ValidationError(_("This entry cannot be voted for."), code="not_votable")
    if not EmailAddress.objects.filter(user=person, verified=True).exists():
        raise ValidationError(
            _("Only accounts with a confirmed email address can vote."), code="not_verified"
        )
    second = ValidationError(_("You have already voted in this category."), code="already_voted")
    if Vote.objects.filter(person=person, category_id=entry.category_id).exists():
        raise second
    try:
        with transaction.atomic():
            vote = Vote.objects.create(category_id=entry.category_id, entry=entry, person=person)
            log_action(
                "competitions.vote.cast",
                actor=person,
                target=entry,
                scope=filed_under(competition),
                data={"category": entry.category_id},
            )
    except IntegrityError as error:
        raise second from error
    return vote


@transaction.atomic
def results_publish(*, competition: Competition, actor) -> Competition:
    if competition.results_published:
        return competition
    if competition.scoring_open():
        raise ValidationError(
            _("Results can be published once the jury period has ended."), code="jury_open"
        )
    competition.results_published_at = timezone.now()
    competition.save(update_fields=["results_published_at", "updated_at"])
    log_action(
        "competitions.results.published",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"method": competition.method},
    )
    return competition


@transaction.atomic
def archive_publish_set(*, competition: Competition, published: bool, actor) -> Competition:
    """Publish (or withdraw) the results' archive, with pseudonymous institution keys."""
    if competition.archive_published != published:
        competition.archive_published = published
        competition.save(update_fields=["archive_published", "updated_at"])
        log_action(
            "competitions.archive.published" if published else "competitions.archive.withdrawn",
            actor=actor,
            target=competition,
            scope=filed_under(competition),
        )
    return competition

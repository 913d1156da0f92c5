"""A competition's setup: the competition, its categories, criteria, timeline, method and
weights. Shared checks for every other write live here too."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import Category, Competition, Criterion, Method, Score


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


def editable_check(competition: Competition) -> None:
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
    editable_check(competition)
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
    editable_check(competition)
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


@transaction.atomic
def category_remove(*, category: Category, actor) -> None:
    """A category added by mistake goes, while no entry is in it."""
    competition = category.competition
    editable_check(competition)
    if category.entries.exists():
        raise ValidationError(_("A category with entries cannot be removed."), code="in_use")
    log_action(
        "competitions.category.removed",
        actor=actor,
        target=category,
        scope=filed_under(competition),
        data={"key": category.key},
    )
    category.delete()


@transaction.atomic
def criterion_remove(*, criterion: Criterion, actor) -> None:
    """A criterion added by mistake goes, while no juror has scored it."""
    competition = criterion.competition
    editable_check(competition)
    if Score.objects.filter(criterion=criterion).exists():
        raise ValidationError(
            _("A criterion that jurors have scored cannot be removed."), code="in_use"
        )
    log_action(
        "competitions.criterion.removed",
        actor=actor,
        target=criterion,
        scope=filed_under(competition),
        data={"key": criterion.key},
    )
    criterion.delete()


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
    editable_check(competition)
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
    editable_check(competition)
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
    editable_check(competition)
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

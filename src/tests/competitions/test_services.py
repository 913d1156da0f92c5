"""The competition's services: what they refuse (with a clear message, nothing changed), what
they log, and results read from the database in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone
from factories.accounts import PersonFactory
from factories.competitions import (
    CategoryFactory,
    CompetitionFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
)
from factories.organizations import OrganizationFactory
from factories.programs import EnrolmentFactory, ProgramFactory

from glasnik.accounts.models import Position
from glasnik.audit.models import AuditLogEntry
from glasnik.competitions import services
from glasnik.competitions.models import (
    Competition,
    Eligibility,
    Entry,
    EntryStatus,
    Score,
    Vote,
)
from glasnik.competitions.selectors import competition_results

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> list[str]:
    return error.messages


@pytest.fixture
def competition():
    return CompetitionFactory()


@pytest.fixture
def category(competition):
    return CategoryFactory(competition=competition)


@pytest.fixture
def criterion(competition):
    return CriterionFactory(competition=competition, max=4)


def test_competition_create_with_categories_and_criteria_logs_each():
    program = ProgramFactory()
    actor = PersonFactory()
    competition = services.competition_create(
        program=program,
        actor=actor,
        title="Najbolje na mrežama",
        categories=[("do-20k", "Do 20.000"), ("preko-20k", "Preko 20.000")],
        criteria=[{"key": "sadrzaj", "name": "Sadržaj", "weight": 3, "max": 4}],
    )
    assert competition.slug == "najbolje-na-mrezama"
    assert list(competition.categories.values_list("key", flat=True)) == ["do-20k", "preko-20k"]
    assert competition.criteria.get().weight == Decimal(3)
    actions = list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "competitions.competition.created",
        "competitions.category.created",
        "competitions.category.created",
        "competitions.criterion.created",
    ]


def test_competition_weights_above_one_refused_by_service_and_database():
    with pytest.raises(ValidationError):
        services.competition_create(
            program=ProgramFactory(),
            actor=None,
            title="X",
            alpha=Decimal("0.6"),
            beta=Decimal("0.5"),
        )
    assert not Competition.objects.exists()
    with pytest.raises(IntegrityError):
        CompetitionFactory(alpha=Decimal("0.6"), beta=Decimal("0.5"))


def test_entry_create_one_per_institution_per_category(competition, category):
    institution = OrganizationFactory()
    services.entry_create(
        competition=competition,
        category=category,
        institution=institution,
        actor=None,
        description="Naš nalog",
    )
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            competition=competition, category=category, institution=institution, actor=None
        )
    assert messages(error.value) == ["This institution already has an entry in this category."]
    assert Entry.objects.count() == 1


def test_entry_after_deadline_refused(category):
    competition = category.competition
    competition.entries_close_at = timezone.now() - timedelta(minutes=1)
    competition.save()
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            competition=competition,
            category=category,
            institution=OrganizationFactory(),
            actor=None,
        )
    assert error.value.code == "entries_closed"
    assert not Entry.objects.exists()


def test_entry_submit_before_deadline_only(category):
    entry = EntryFactory(category=category, status=EntryStatus.DRAFT, submitted_at=None)
    services.entry_submit(entry=entry, actor=None)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.submitted_at is not None
    late = EntryFactory(category=category, status=EntryStatus.DRAFT, submitted_at=None)
    Competition.objects.filter(pk=category.competition_id).update(
        entries_close_at=timezone.now() - timedelta(seconds=1)
    )
    late.competition.refresh_from_db()
    with pytest.raises(ValidationError):
        services.entry_submit(entry=late, actor=None)
    late.refresh_from_db()
    assert late.status == EntryStatus.DRAFT


def test_entry_of_institution_not_enrolled_refused_when_eligibility_says_so(category):
    competition = category.competition
    competition.eligibility = Eligibility.ENROLLED
    competition.save()
    outsider = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            competition=competition, category=category, institution=outsider, actor=None
        )
    assert error.value.code == "not_eligible"
    enrolled = EnrolmentFactory(program=competition.program).organization
    services.entry_create(
        competition=competition, category=category, institution=enrolled, actor=None
    )


def test_example_post_screenshot_checked_for_type(category):
    entry = EntryFactory(category=category)
    fake = SimpleUploadedFile("shot.png", b"MZ not a picture")
    with pytest.raises(ValidationError):
        services.example_post_add(
            entry=entry, actor=None, url="https://x.test/p/1", screenshot=fake
        )
    assert not entry.example_posts.exists()


def test_score_set_records_and_logs_every_change(category, criterion):
    entry, juror = EntryFactory(category=category), JurorFactory(competition=category.competition)
    services.score_set(juror=juror, entry=entry, criterion=criterion, value=3, actor=juror.person)
    services.score_set(
        juror=juror,
        entry=entry,
        criterion=criterion,
        value=Decimal("2.5"),
        actor=juror.person,
        comment="Dobro",
    )
    assert Score.objects.get().value == Decimal("2.5")
    logged = AuditLogEntry.objects.filter(action="competitions.score.set").order_by("pk")
    assert [(e.data["old"], e.data["new"]) for e in logged] == [(None, "3"), ("3", "2.5")]


@pytest.mark.parametrize("value", [-1, 5, "4.01", "x"])
def test_score_outside_scale_refused(category, criterion, value):
    entry, juror = EntryFactory(category=category), JurorFactory(competition=category.competition)
    with pytest.raises(ValidationError):
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=value, actor=None)
    assert not Score.objects.exists()


def test_score_after_jury_end_refused(category, criterion):
    entry, juror = EntryFactory(category=category), JurorFactory(competition=category.competition)
    Competition.objects.filter(pk=category.competition_id).update(
        jury_ends_at=timezone.now() - timedelta(seconds=1)
    )
    juror.competition.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=1, actor=None)
    assert error.value.messages == [
        "Scoring is closed: scores can be given only during the jury period."
    ]


def test_score_by_juror_of_entrant_parent_refused(category, criterion):
    city = OrganizationFactory()
    entry = EntryFactory(category=category, institution=OrganizationFactory(parent=city))
    juror = JurorFactory(competition=category.competition)
    Position.objects.create(person=juror.person, organization=city, title="PR")
    with pytest.raises(ValidationError) as error:
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=1, actor=None)
    assert error.value.code == "conflicted"


def test_score_after_declared_conflict_refused(category, criterion):
    entry, juror = EntryFactory(category=category), JurorFactory(competition=category.competition)
    services.conflict_declare(juror=juror, entry=entry, actor=juror.person, reason="Rođak")
    with pytest.raises(ValidationError) as error:
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=1, actor=None)
    assert error.value.code == "conflicted"
    assert AuditLogEntry.objects.filter(action="competitions.conflict.declared").count() == 1


def test_score_by_juror_of_other_category_refused(competition, criterion):
    entry = EntryFactory(category=CategoryFactory(competition=competition))
    juror = JurorFactory(competition=competition)
    juror.categories.set([CategoryFactory(competition=competition)])
    with pytest.raises(ValidationError) as error:
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=1, actor=None)
    assert error.value.code == "not_assigned"


def test_vote_cast_once_per_category(category):
    first, second = EntryFactory(category=category), EntryFactory(category=category)
    person = PersonFactory()
    services.vote_cast(entry=first, person=person)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(entry=second, person=person)
    assert error.value.messages == ["You have already voted in this category."]
    assert Vote.objects.count() == 1


def test_vote_outside_window_refused(category):
    entry = EntryFactory(category=category)
    Competition.objects.filter(pk=category.competition_id).update(
        vote_closes_at=timezone.now() - timedelta(seconds=1)
    )
    entry.competition.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.vote_cast(entry=entry, person=PersonFactory())
    assert error.value.code == "vote_closed"
    assert not Vote.objects.exists()


def test_vote_of_unverified_account_refused(category):
    person = PersonFactory()
    EmailAddress.objects.filter(user=person).update(verified=False)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(entry=EntryFactory(category=category), person=person)
    assert error.value.code == "not_verified"


def test_vote_race_caught_by_constraint(category):
    """The check before writing can pass for two requests at once; the constraint decides."""
    entry, person = EntryFactory(category=category), PersonFactory()
    Vote.objects.create(category=category, entry=entry, person=person)
    with pytest.raises(IntegrityError):
        Vote.objects.create(category=category, entry=EntryFactory(category=category), person=person)


def test_results_publish_after_jury_only(competition):
    with pytest.raises(ValidationError):
        services.results_publish(competition=competition, actor=None)
    competition.jury_ends_at = timezone.now() - timedelta(seconds=1)
    competition.save()
    services.results_publish(competition=competition, actor=None)
    assert competition.results_published


def test_results_from_database_exclude_conflicts(competition, category):
    criteria = [
        CriterionFactory(competition=competition, key="a", weight=3, max=4),
        CriterionFactory(competition=competition, key="b", weight=1, max=5),
    ]
    entrant = OrganizationFactory()
    first, second = (
        EntryFactory(category=category, institution=entrant),
        EntryFactory(category=category),
    )
    insider, outsider = (JurorFactory(competition=competition) for _ in range(2))
    for juror, entry, scores in [
        (outsider, first, (2, 5)),
        (outsider, second, (4, 5)),
        (insider, second, (0, 0)),
    ]:
        for criterion, value in zip(criteria, scores, strict=True):
            services.score_set(
                juror=juror, entry=entry, criterion=criterion, value=value, actor=None
            )
    services.score_set(juror=insider, entry=first, criterion=criteria[0], value=4, actor=None)
    Position.objects.create(person=insider.person, organization=entrant, title="PR")
    results = {r.key: r for r in competition_results(competition)[category.key]}
    assert results[str(first.pk)].totals == {f"J{outsider.pk}": 62.5}
    assert results[str(first.pk)].excluded == {f"J{insider.pk}": "conflict"}
    assert results[str(second.pk)].totals == {f"J{outsider.pk}": 100.0, f"J{insider.pk}": 0.0}
    assert results[str(second.pk)].jury == 50.0


def test_results_query_count_does_not_grow_with_entries(
    competition, category, django_assert_num_queries
):
    criterion = CriterionFactory(competition=competition)
    juror = JurorFactory(competition=competition)
    Position.objects.create(person=juror.person, organization=OrganizationFactory(), title="PR")

    def add_entries(count):
        for _ in range(count):
            entry = EntryFactory(category=category)
            services.score_set(juror=juror, entry=entry, criterion=criterion, value=3, actor=None)

    add_entries(1)
    with django_assert_num_queries(7):
        competition_results(competition)
    add_entries(30)
    with django_assert_num_queries(7):
        assert len(competition_results(competition)[category.key]) == 31


def test_method_preview_changes_ranking_without_saving(competition, category):
    criterion = CriterionFactory(competition=competition)
    steady, spread = (JurorFactory(competition=competition) for _ in range(2))
    first, second = EntryFactory(category=category), EntryFactory(category=category)
    elsewhere = CategoryFactory(competition=competition)
    # `steady` gives 20 and 10: z +1 and −1. `spread` gives 50 and 100, and 0 and 100 in the
    # other category (mean 62.5, sd √1718.75 ≈ 41.46): z −0.30 and +0.90. Mean: 35 against
    # 55; mean z: 0.35 against −0.05.
    for juror, entry, value in [
        (steady, first, 2),
        (steady, second, 1),
        (spread, first, 5),
        (spread, second, 10),
        (spread, EntryFactory(category=elsewhere), 0),
        (spread, EntryFactory(category=elsewhere), 10),
    ]:
        services.score_set(juror=juror, entry=entry, criterion=criterion, value=value, actor=None)
    mean = {r.key: r.rank for r in competition_results(competition)[category.key]}
    zscore = {
        r.key: r.rank for r in competition_results(competition, method="zscore")[category.key]
    }
    assert mean == {str(second.pk): 1, str(first.pk): 2}
    assert zscore == {str(first.pk): 1, str(second.pk): 2}
    competition.refresh_from_db()
    assert competition.method == "mean"


def test_entry_feedback_without_declared_conflicts_and_juror_progress(
    competition, category, django_assert_num_queries
):
    from glasnik.competitions.selectors import entry_feedback, juror_progress

    criteria = [CriterionFactory(competition=competition) for _ in range(2)]
    entry = EntryFactory(category=category)
    kind, conflicted = JurorFactory(competition=competition), JurorFactory(competition=competition)
    services.feedback_set(juror=kind, entry=entry, feedback="Odlično.", actor=None)
    services.score_set(juror=kind, entry=entry, criterion=criteria[0], value=1, actor=None)
    services.feedback_set(juror=conflicted, entry=entry, feedback="Pristrasno.", actor=None)
    services.conflict_declare(juror=conflicted, entry=entry, actor=None)
    assert entry_feedback(entry) == ["Odlično."]
    with django_assert_num_queries(2):
        assert juror_progress(competition) == {kind.pk: (0, 1), conflicted.pk: (0, 1)}
    services.score_set(juror=kind, entry=entry, criterion=criteria[1], value=1, actor=None)
    assert juror_progress(competition)[kind.pk] == (1, 1)

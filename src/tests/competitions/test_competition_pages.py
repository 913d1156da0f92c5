"""The competition's pages: the organisers' setup with its validation, an institution's entry,
a juror's score sheets (blind, conflicted, locked), the public vote, the results preview by
method, publishing, and the entrant's score sheet; list pages in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories.competitions import (
    CategoryFactory,
    CompetitionFactory,
    CriterionFactory,
    EntryFactory,
)
from factories.organizations import OrganizationFactory
from factories.programs import EnrolmentFactory, ProgramFactory

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.access.services import role_grant
from glasnik.accounts.models import Position
from glasnik.competitions import services
from glasnik.competitions.models import Competition, Entry, ExamplePost, Juror, Vote
from glasnik.core.demo import demo_png

pytestmark = pytest.mark.django_db
TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


def with_mfa(person):
    TOTP.activate(person, TOTP_SECRET)
    cache.clear()
    return person


@pytest.fixture
def program():
    return ProgramFactory(is_published=True)


@pytest.fixture
def organiser(make_person, program):
    person = make_person("organiser@example.org")
    role_grant(person=person, role=Role.ORGANISER, scope=program)
    return with_mfa(person)


@pytest.fixture
def organiser_client(client, organiser, login_with_second_factor):
    return login_with_second_factor(client, organiser)


@pytest.fixture
def competition(program, organiser):
    competition = CompetitionFactory(program=program, beta=Decimal("0.2"))
    for key in ("small", "large"):
        CategoryFactory(competition=competition, key=key, name=key.title())
    CriterionFactory(competition=competition, key="content", name="Content", weight=3, max=4)
    CriterionFactory(competition=competition, key="design", name="Design", weight=1, max=4)
    return competition


def entrant_of(make_person, institution):
    person = make_person()
    Position.objects.create(person=person, organization=institution, title="PR")
    return person


def juror_of(make_person, competition, organiser, *, works_at=None, name="Žirant"):
    person = with_mfa(make_person(first_name=name, last_name="Žirić"))
    if works_at is not None:
        Position.objects.create(person=person, organization=works_at, title="Adviser")
    return services.juror_assign(competition=competition, person=person, actor=organiser)


def juror_client(client, juror, login_with_second_factor):
    return login_with_second_factor(client, juror.person)


# --- setup -------------------------------------------------------------------------------------


def test_create_competition_from_the_programme_keeps_input_on_bad_weights(
    organiser_client, program
):
    url = reverse("competitions:create", kwargs={"program_slug": program.slug})
    data = {
        "title": "Najbolje opštine",
        "rules": "Pravila",
        "eligibility": "enrolled",
        "method": "mean",
        "alpha": "0.6",
        "beta": "0.5",
        "metric_name": "",
    }
    response = organiser_client.post(url, data)
    assert response.status_code == 200
    assert "must be from 0 to 1 together" in response.content.decode()
    assert 'value="Najbolje opštine"' in response.content.decode()
    assert not Competition.objects.exists()

    response = organiser_client.post(url, data | {"alpha": "0.2", "beta": "0.1"})
    competition = Competition.objects.get()
    assert response.url == reverse("competitions:manage", kwargs={"slug": competition.slug})
    assert (competition.program, competition.alpha, competition.beta) == (
        program,
        Decimal("0.2"),
        Decimal("0.1"),
    )


def test_create_competition_is_refused_to_participants(client, make_person, program):
    client.force_login(make_person())
    url = reverse("competitions:create", kwargs={"program_slug": program.slug})
    assert client.get(url).status_code == 404


def criterion_data(*, weight: str) -> dict:
    fields = {"name": "Reach", "key": "reach", "weight": weight, "max": "5"}
    return {f"criterion-{name}": value for name, value in fields.items()}


def test_categories_criteria_and_jurors_added_on_the_manage_page(
    organiser_client, competition, make_person
):
    slug = competition.slug
    organiser_client.post(
        reverse("competitions:category_add", kwargs={"slug": slug}),
        {"category-name": "Medium", "category-key": "medium"},
    )
    response = organiser_client.post(
        reverse("competitions:criterion_add", kwargs={"slug": slug}),
        {
            "criterion-name": "Reach",
            "criterion-key": "reach",
            "criterion-weight": "0",
            "criterion-max": "5",
        },
    )
    assert response.status_code == 400
    assert "The weight must be above 0." in response.content.decode()
    organiser_client.post(
        reverse("competitions:criterion_add", kwargs={"slug": slug}),
        {
            "criterion-name": "Reach",
            "criterion-key": "reach",
            "criterion-weight": "2",
            "criterion-max": "5",
        },
    )
    person = make_person("juror@example.org")
    response = organiser_client.post(
        reverse("competitions:juror_add", kwargs={"slug": slug}),
        {"email": "juror@example.org", "categories": [competition.categories.get(key="small").pk]},
    )
    assert response.status_code == 302
    assert list(competition.categories.values_list("key", flat=True)) == [
        "small",
        "large",
        "medium",
    ]
    assert competition.criteria.get(key="reach").weight == 2
    juror = Juror.objects.get(competition=competition, person=person)
    assert [c.key for c in juror.categories.all()] == ["small"]
    # The juror's role, which asks for two-factor authentication.
    assert user_has_role(person, Role.JUROR, competition)


def test_juror_without_two_factor_is_sent_to_set_it_up(client, competition, organiser, make_person):
    person = make_person()
    services.juror_assign(competition=competition, person=person, actor=organiser)
    client.force_login(person)
    response = client.get(reverse("competitions:jury", kwargs={"slug": competition.slug}))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_metric_set_by_the_organiser(organiser_client, competition):
    entry = EntryFactory(category=competition.categories.first())
    url = reverse("competitions:metric_set", kwargs={"slug": competition.slug, "pk": entry.pk})
    organiser_client.post(url, {"metric": "4.25"})
    entry.refresh_from_db()
    assert entry.metric == Decimal("4.25")


# --- entries -----------------------------------------------------------------------------------


def test_entrant_makes_a_draft_adds_a_post_and_submits(client, competition, make_person):
    institution = OrganizationFactory()
    person = entrant_of(make_person, institution)
    client.force_login(person)
    category = competition.categories.get(key="small")
    response = client.post(
        reverse("competitions:entry_create", kwargs={"slug": competition.slug}),
        {
            "category": category.pk,
            "institution": institution.pk,
            "description": "Naši nalozi",
            "profile_links": "https://facebook.com/opstina\nnot a link",
        },
    )
    assert "Not a web address: not a link" in response.content.decode()
    assert "Naši nalozi" in response.content.decode()
    response = client.post(
        reverse("competitions:entry_create", kwargs={"slug": competition.slug}),
        {
            "category": category.pk,
            "institution": institution.pk,
            "description": "Naši nalozi",
            "profile_links": "https://facebook.com/opstina",
        },
    )
    entry = Entry.objects.get()
    assert response.url == reverse("competitions:entry", kwargs={"pk": entry.pk})
    assert (entry.status, entry.profile_links) == ("draft", ["https://facebook.com/opstina"])
    client.post(
        reverse("competitions:example_post_add", kwargs={"pk": entry.pk}),
        {"url": "https://facebook.com/opstina/posts/1", "why_chosen": "Najviše pitanja"},
    )
    client.post(reverse("competitions:entry_submit", kwargs={"pk": entry.pk}))
    entry.refresh_from_db()
    assert entry.status == "submitted"
    assert entry.example_posts.get().why_chosen == "Najviše pitanja"
    # A second entry in the category: the service's refusal, on the form.
    response = client.post(
        reverse("competitions:entry_create", kwargs={"slug": competition.slug}),
        {"category": category.pk, "institution": institution.pk, "description": "Opet"},
    )
    assert "already has an entry in this category" in response.content.decode()
    assert Entry.objects.count() == 1


def test_entry_edit_after_the_deadline_is_refused_on_the_form(client, competition, make_person):
    institution = OrganizationFactory()
    person = entrant_of(make_person, institution)
    entry = EntryFactory(category=competition.categories.first(), institution=institution)
    competition.entries_close_at = timezone.now() - timedelta(minutes=1)
    competition.entries_open_at = timezone.now() - timedelta(days=2)
    competition.save()
    client.force_login(person)
    url = reverse("competitions:entry", kwargs={"pk": entry.pk})
    response = client.get(url)
    assert "Entries are closed" in response.content.decode()
    response = client.post(url, {"description": "Kasno"})
    assert "Entries are not open" in response.content.decode()
    entry.refresh_from_db()
    assert entry.description == ""


def test_entry_is_hidden_from_other_institutions(client, competition, make_person):
    entry = EntryFactory(category=competition.categories.first())
    client.force_login(entrant_of(make_person, OrganizationFactory()))
    assert client.get(reverse("competitions:entry", kwargs={"pk": entry.pk})).status_code == 404


def test_example_screenshot_for_the_entrant_and_the_jury_not_for_others(
    client, competition, organiser, make_person, login_with_second_factor
):
    entry = EntryFactory(category=competition.categories.first())
    post = ExamplePost.objects.create(
        entry=entry, url="https://example.org/p/1", screenshot=demo_png("objava.png", "Objava")
    )
    url = reverse("competitions:example_screenshot", kwargs={"pk": post.pk})

    client.force_login(entrant_of(make_person, OrganizationFactory()))
    assert client.get(url).status_code == 404
    client.force_login(entrant_of(make_person, entry.institution))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    juror_client(client, juror_of(make_person, competition, organiser), login_with_second_factor)
    sheet = client.get(
        reverse("competitions:sheet", kwargs={"slug": competition.slug, "pk": entry.pk})
    )
    assert url in sheet.content.decode()
    assert client.get(url).status_code == 200


def test_only_enrolled_institutions_people_may_enter(client, program, organiser, make_person):
    competition = CompetitionFactory(program=program, eligibility="enrolled")
    CategoryFactory(competition=competition)
    enrolled, other = OrganizationFactory(), OrganizationFactory()
    EnrolmentFactory(program=program, organization=enrolled, status="enrolled")
    url = reverse("competitions:entry_create", kwargs={"slug": competition.slug})
    client.force_login(entrant_of(make_person, other))
    assert client.get(url).status_code == 404
    client.force_login(entrant_of(make_person, enrolled))
    assert client.get(url).status_code == 200


# --- the jury ----------------------------------------------------------------------------------


def sheet_data(competition, **values):
    data = {"feedback": values.pop("feedback", "")}
    for criterion in competition.criteria.all():
        data[f"score_{criterion.pk}"] = values.get(criterion.key, "")
        data[f"comment_{criterion.pk}"] = ""
    return data


def test_juror_scores_an_entry_and_sees_progress(
    client, competition, organiser, make_person, login_with_second_factor
):
    entry = EntryFactory(category=competition.categories.first())
    juror = juror_of(make_person, competition, organiser)
    juror_client(client, juror, login_with_second_factor)
    url = reverse("competitions:sheet", kwargs={"slug": competition.slug, "pk": entry.pk})
    response = client.post(url, sheet_data(competition, content="5", design="2"))
    assert "Ensure this value is less than or equal to 4." in response.content.decode()
    assert not juror.sheets.exists()
    response = client.post(url, sheet_data(competition, content="4", design="2", feedback="Bravo"))
    assert response.status_code == 302
    sheet = juror.sheets.get()
    assert sheet.feedback == "Bravo"
    assert sorted(s.value for s in sheet.scores.all()) == [2, 4]
    page = client.get(reverse("competitions:jury", kwargs={"slug": competition.slug}))
    assert "Complete" in page.content.decode()


def test_blind_scoring_hides_the_institution(
    client, competition, organiser, make_person, login_with_second_factor
):
    competition.blind_scoring = True
    competition.save()
    entry = EntryFactory(category=competition.categories.first(), institution__name="Opština Tajna")
    juror = juror_of(make_person, competition, organiser)
    juror_client(client, juror, login_with_second_factor)
    for url in (
        reverse("competitions:jury", kwargs={"slug": competition.slug}),
        reverse("competitions:sheet", kwargs={"slug": competition.slug, "pk": entry.pk}),
    ):
        assert "Opština Tajna" not in client.get(url).content.decode()


def test_conflicted_entry_cannot_be_scored(
    client, competition, organiser, make_person, login_with_second_factor
):
    institution = OrganizationFactory()
    entry = EntryFactory(category=competition.categories.first(), institution=institution)
    juror = juror_of(make_person, competition, organiser, works_at=institution)
    juror_client(client, juror, login_with_second_factor)
    url = reverse("competitions:sheet", kwargs={"slug": competition.slug, "pk": entry.pk})
    assert "conflict of interest with this entry" in client.get(url).content.decode()
    client.post(url, sheet_data(competition, content="4", design="4"))
    assert not juror.sheets.exists()


def test_declared_conflict_recorded(
    client, competition, organiser, make_person, login_with_second_factor
):
    entry = EntryFactory(category=competition.categories.first())
    juror = juror_of(make_person, competition, organiser)
    juror_client(client, juror, login_with_second_factor)
    client.post(
        reverse("competitions:conflict", kwargs={"slug": competition.slug, "pk": entry.pk}),
        {"reason": "Savetnik"},
    )
    assert juror.conflicts.get().reason == "Savetnik"


def test_scoring_locked_after_the_jury_period(
    client, competition, organiser, make_person, login_with_second_factor
):
    entry = EntryFactory(category=competition.categories.first())
    juror = juror_of(make_person, competition, organiser)
    services.score_set(
        juror=juror, entry=entry, criterion=competition.criteria.first(), value=3, actor=organiser
    )
    competition.jury_ends_at = timezone.now() - timedelta(minutes=1)
    competition.save()
    juror_client(client, juror, login_with_second_factor)
    url = reverse("competitions:sheet", kwargs={"slug": competition.slug, "pk": entry.pk})
    page = client.get(url).content.decode()
    assert "Scoring is closed" in page
    assert "disabled" in page
    client.post(url, sheet_data(competition, content="1", design="1"))
    assert [s.value for s in juror.sheets.get().scores.all()] == [3]


def test_jury_list_queries_do_not_grow_with_entries(
    client, competition, organiser, make_person, login_with_second_factor, django_assert_num_queries
):
    juror = juror_of(make_person, competition, organiser)
    juror_client(client, juror, login_with_second_factor)
    url = reverse("competitions:jury", kwargs={"slug": competition.slug})
    EntryFactory(category=competition.categories.first())
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(10):
        EntryFactory(category=competition.categories.first())
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("/jury/") >= 11


# --- the public vote ---------------------------------------------------------------------------


def test_one_vote_per_category_and_counts_hidden_until_close(client, competition, make_person):
    first, second = (EntryFactory(category=competition.categories.first()) for _ in range(2))
    client.force_login(make_person())
    url = reverse("competitions:vote", kwargs={"slug": competition.slug})
    client.post(url, {"entry": first.pk})
    response = client.post(url, {"entry": second.pk}, follow=True)
    assert "already voted" in response.content.decode() or "You have voted" in (
        response.content.decode()
    )
    assert Vote.objects.count() == 1
    assert "1 vote" not in client.get(url).content.decode()
    competition.vote_closes_at = timezone.now() - timedelta(seconds=1)
    competition.vote_opens_at = timezone.now() - timedelta(days=1)
    competition.save()
    assert "1 vote" in client.get(url).content.decode()


def test_vote_page_missing_without_a_public_vote(client, program, make_person):
    competition = CompetitionFactory(program=program, beta=0)
    client.force_login(make_person())
    url = reverse("competitions:vote", kwargs={"slug": competition.slug})
    assert client.get(url).status_code == 404


# --- results -----------------------------------------------------------------------------------


def scored_competition(competition, organiser, make_person):
    """Three entries in one category: the mean ranks A first, the z-score B (juror 1 is
    generous with A alone, juror 2 spreads the scale)."""
    category = competition.categories.first()
    a, b, c = (
        EntryFactory(category=category, institution__name=f"Opština {letter}") for letter in "ABC"
    )
    jurors = [
        juror_of(make_person, competition, organiser, name=name) for name in ("Vesna", "Goran")
    ]
    for juror, values in zip(jurors, [(4, 0, 0), (1, 3, 2)], strict=True):
        for entry, value in zip((a, b, c), values, strict=True):
            for criterion in competition.criteria.all():
                services.score_set(
                    juror=juror, entry=entry, criterion=criterion, value=value, actor=organiser
                )
    services.feedback_set(juror=jurors[1], entry=a, feedback="Više videa.", actor=organiser)
    return a


def test_preview_switches_method_and_publishing_shows_the_score_sheet(
    client, organiser_client, competition, organiser, make_person
):
    a = scored_competition(competition, organiser, make_person)
    url = reverse("competitions:preview", kwargs={"slug": competition.slug})
    mean = organiser_client.get(url + "?method=mean").content.decode()
    assert mean.index("Opština A") < mean.index("Opština B")
    assert "Vesna Žirić" in mean  # the per-juror totals
    zscore = organiser_client.get(url + "?method=zscore").content.decode()
    assert zscore.index("Opština B") < zscore.index("Opština A")
    partial = organiser_client.get(url + "?method=trimmed", HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="ranking">')
    competition.jury_ends_at = timezone.now() - timedelta(minutes=1)
    competition.save()
    organiser_client.post(reverse("competitions:publish", kwargs={"slug": competition.slug}))
    competition.refresh_from_db()
    assert competition.results_published
    results = client.get(reverse("competitions:results", kwargs={"slug": competition.slug}))
    assert "Opština A" in results.content.decode()
    entrant = entrant_of(make_person, a.institution)
    client.force_login(entrant)
    sheet = client.get(reverse("competitions:scoresheet", kwargs={"pk": a.pk})).content.decode()
    assert "Više videa." in sheet
    assert "Goran" not in sheet
    assert "Average score per criterion" in sheet


def test_results_hidden_before_publishing(client, competition, make_person):
    client.force_login(make_person())
    url = reverse("competitions:results", kwargs={"slug": competition.slug})
    assert client.get(url).status_code == 404


def test_results_xlsx_export(organiser_client, competition, organiser, make_person):
    scored_competition(competition, organiser, make_person)
    response = organiser_client.get(
        reverse("competitions:export", kwargs={"slug": competition.slug, "file_format": "xlsx"})
    )
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_results_pdf_export(organiser_client, competition, organiser, make_person):
    scored_competition(competition, organiser, make_person)
    response = organiser_client.get(
        reverse("competitions:export", kwargs={"slug": competition.slug, "file_format": "pdf"})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("name", ["competitions:preview", "competitions:manage"])
def test_organisers_lists_queries_do_not_grow_with_entries(
    organiser_client, competition, organiser, make_person, name
):
    juror = juror_of(make_person, competition, organiser)
    url = reverse(name, kwargs={"slug": competition.slug})
    category = competition.categories.first()

    def add_scored_entry():
        entry = EntryFactory(category=category)
        for criterion in competition.criteria.all():
            services.score_set(
                juror=juror, entry=entry, criterion=criterion, value=2, actor=organiser
            )

    add_scored_entry()
    organiser_client.get(url)
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(url)
    for _ in range(10):
        add_scored_entry()
    with CaptureQueriesContext(connection) as eleven:
        response = organiser_client.get(url)
    assert response.status_code == 200
    assert len(eleven.captured_queries) == len(one.captured_queries)


def test_category_and_criterion_removed_until_in_use(
    organiser_client, competition, organiser, make_person
):
    unused = CategoryFactory(competition=competition, key="typo", name="Tpyo")
    manage = reverse("competitions:manage", kwargs={"slug": competition.slug})

    response = organiser_client.post(
        reverse("competitions:category_remove", kwargs={"slug": competition.slug, "pk": unused.pk})
    )
    assert response.status_code == 302
    assert not competition.categories.filter(key="typo").exists()

    scored_competition(competition, organiser, make_person)
    used = competition.criteria.get(key="content")
    organiser_client.post(
        reverse("competitions:criterion_remove", kwargs={"slug": competition.slug, "pk": used.pk})
    )
    page = organiser_client.get(manage).content.decode()
    assert "A criterion that jurors have scored cannot be removed." in page
    assert competition.criteria.filter(key="content").exists()


def test_juror_removed_until_they_have_scored(
    organiser_client, competition, organiser, make_person
):
    mistaken = juror_of(make_person, competition, organiser, name="Pogrešni")
    url = reverse("competitions:juror_remove", kwargs={"slug": competition.slug, "pk": mistaken.pk})

    assert organiser_client.post(url).status_code == 302
    assert not Juror.objects.filter(pk=mistaken.pk).exists()
    assert not user_has_role(mistaken.person, Role.JUROR, competition)

    scored_competition(competition, organiser, make_person)
    scoring = competition.jurors.first()
    organiser_client.post(
        reverse("competitions:juror_remove", kwargs={"slug": competition.slug, "pk": scoring.pk})
    )
    page = organiser_client.get(reverse("competitions:manage", kwargs={"slug": competition.slug}))
    assert "A juror who has scored entries cannot be removed" in page.content.decode()
    assert Juror.objects.filter(pk=scoring.pk).exists()


def test_vote_page_queries_do_not_grow_with_categories_and_entries(
    client, competition, make_person
):
    client.force_login(make_person())
    url = reverse("competitions:vote", kwargs={"slug": competition.slug})
    EntryFactory(category=competition.categories.first())
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for key in ("third", "fourth"):
        category = CategoryFactory(competition=competition, key=key, name=key.title())
        for _ in range(3):
            EntryFactory(category=category)

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.content.decode().count("<li>") >= 7
    assert len(many.captured_queries) == len(few.captured_queries)

"""The results page's filters, cross-tab (counted in the database), the hiding of small groups
in anonymous surveys, the free text searched and paged, and the page's query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from fixtures_results import SIX

from glasnik.surveys.breakdown import Filters, crosstab, filtered_responses
from glasnik.surveys.models import QuestionType
from glasnik.surveys.selectors import survey_plan
from glasnik.surveys.services.builder import question_add, survey_create, survey_open
from glasnik.surveys.services.responses import response_submit

pytestmark = pytest.mark.django_db


def _table(tab) -> dict:
    """{answer: {group: (count, percent)}} of the shown columns."""
    labels = [column["label"] for column in tab.shown]
    return {
        row["label"].text: {
            label: (cell["count"], cell["percent"])
            for label, cell in zip(labels, row["cells"], strict=True)
        }
        for row in tab.rows
    }


def test_crosstab_by_another_choice_question(needs_survey, six_responses):
    q = needs_survey.q
    plan = survey_plan(needs_survey)
    topics = next(x for s in plan.sections for x in s.question_list if x.pk == q["topics"].pk)
    tab = crosstab(
        plan,
        question=topics,
        by=f"q{q['uses'].pk}",
        responses=filtered_responses(needs_survey, Filters()),
    )
    # Of those who use social media, three answered the topics question (the sixth did not).
    assert [(c["label"], c["total"]) for c in tab.shown] == [("Da", 3), ("Ne", 2)]
    assert _table(tab) == {
        "Video": {"Da": (3, 100.0), "Ne": (1, 50.0)},
        "Krizna komunikacija": {"Da": (1, 33.3), "Ne": (1, 50.0)},
        "Analitika": {"Da": (1, 33.3), "Ne": (0, 0.0)},
    }


def test_crosstab_by_institution_kind_country_and_experience(needs_survey, six_responses):
    q = needs_survey.q
    plan = survey_plan(needs_survey)
    uses = next(x for s in plan.sections for x in s.question_list if x.pk == q["uses"].pk)
    everyone = filtered_responses(needs_survey, Filters())

    by_kind = crosstab(plan, question=uses, by="kind", responses=everyone)
    assert _table(by_kind) == {
        "Da": {"City": (3, 100.0), "Municipality": (1, 33.3)},
        "Ne": {"City": (0, 0.0), "Municipality": (2, 66.7)},
    }
    by_country = crosstab(plan, question=uses, by="country", responses=everyone)
    assert {c["label"]: c["total"] for c in by_country.shown} == {
        "Bosnia and Herzegovina": 2,
        "Serbia": 3,
        "Slovenia": 1,
    }
    by_level = crosstab(plan, question=uses, by="level", responses=everyone)
    assert _table(by_level)["Da"]["Beginner"] == (1, 50.0)
    assert _table(by_level)["Ne"]["unknown"] == (0, 0.0)
    by_region = crosstab(plan, question=uses, by="region", responses=everyone)
    assert {c["label"]: c["total"] for c in by_region.shown} == {"Šumadija": 3, "unknown": 3}


def test_filters_narrow_every_result(organiser_client, needs_survey, six_responses):
    q = needs_survey.q
    yes = q["uses"].choices.get(position=0).pk
    url = f"/en/surveys/{needs_survey.slug}/results/"

    page = organiser_client.get(url, {f"q{q['uses'].pk}": yes}).content.decode()
    assert "<dt>Responses</dt><dd>4</dd>" in page
    page = organiser_client.get(url, {"kind": "municipality"}).content.decode()
    assert "<dt>Responses</dt><dd>3</dd>" in page
    page = organiser_client.get(url, {"kind": "municipality", "level": "none"}).content.decode()
    assert "<dt>Responses</dt><dd>1</dd>" in page
    # Unknown values are ignored rather than failing.
    page = organiser_client.get(url, {"kind": "castle", f"q{q['uses'].pk}": "x"}).content
    assert "<dt>Responses</dt><dd>6</dd>" in page.decode()


def test_crosstab_on_the_page_with_its_table(organiser_client, needs_survey, six_responses):
    q = needs_survey.q
    page = organiser_client.get(
        f"/en/surveys/{needs_survey.slug}/results/",
        {"question": q["topics"].pk, "by": "kind"},
    ).content.decode()
    assert "by Institution kind: responses and share of each group" in page
    # Video: both cities that answered the question chose it, two of the three municipalities.
    video = page.split('">Video</th>')[1].split("</tr>")[0]
    assert video.index("2 (100.0 %)") < video.index("2 (66.7 %)")


@pytest.fixture
def anonymous_survey(survey_program, survey_organiser, make_respondent):
    """An anonymous survey: six say A, one says B to the first question; all answer the
    second."""
    survey = survey_create(
        owner=survey_program,
        actor=survey_organiser,
        kind="feedback",
        title="Anonimna",
        language="sr",
        is_anonymous=True,
    )
    section = survey.sections.get()
    first = question_add(
        section=section,
        actor=survey_organiser,
        type=QuestionType.SINGLE,
        text={"sr": "Grupa"},
        choices=[{"sr": "A"}, {"sr": "B"}],
    )
    second = question_add(
        section=section,
        actor=survey_organiser,
        type=QuestionType.SINGLE,
        text={"sr": "Ocena"},
        choices=[{"sr": "Dobro"}, {"sr": "Loše"}],
    )
    survey_open(survey=survey, actor=survey_organiser)
    a, b = (c.pk for c in first.choices.all())
    good = second.choices.get(position=0).pk
    for group in [a] * 6 + [b]:
        response_submit(
            survey=survey, person=make_respondent(), answers={first.pk: group, second.pk: good}
        )
    survey.refresh_from_db()
    survey.q = {"first": first, "second": second, "a": a, "b": b}
    return survey


def test_anonymous_groups_under_five_are_hidden(organiser_client, anonymous_survey):
    q = anonymous_survey.q
    url = f"/en/surveys/{anonymous_survey.slug}/results/"
    page = organiser_client.get(
        url, {"question": q["second"].pk, "by": f"q{q['first'].pk}"}
    ).content.decode()
    assert 'A <span class="help">(n = 6)</span>' in page
    assert 'B <span class="help">(n = ' not in page
    assert "Not shown, with fewer than 5 responses each:" in page
    # No institution or experience groups: nobody is named.
    assert 'name="kind"' not in page
    assert 'value="level"' not in page

    page = organiser_client.get(url, {f"q{q['first'].pk}": q["b"]}).content.decode()
    assert "Fewer than 5 responses match these filters." in page
    assert 'class="survey-result"' not in page


def test_free_text_searched_and_paged(organiser_client, needs_survey, answer_as):
    for number in range(30):
        answer_as(*SIX[number % 6], comment=f"Tekst {number} {'video' if number % 3 else 'foto'}")
    q = needs_survey.q
    results = organiser_client.get(f"/en/surveys/{needs_survey.slug}/results/").content.decode()
    assert "Read and search all 30 written answers" in results
    assert results.count("Tekst ") == 5

    url = f"/en/surveys/{needs_survey.slug}/results/texts/{q['comment'].pk}/"
    page = organiser_client.get(url).content.decode()
    assert "30 written answers" in page
    assert "Page 1 of 2" in page
    page = organiser_client.get(url, {"search": "FOTO"}).content.decode()
    assert "10 written answers" in page
    assert "Tekst 3 foto" in page
    assert "video" not in page
    page = organiser_client.get(url, {"page": 2}).content.decode()
    assert "Tekst 29 video" in page
    # Not a question with written answers:
    assert (
        organiser_client.get(
            f"/en/surveys/{needs_survey.slug}/results/texts/{q['rating'].pk}/"
        ).status_code
        == 404
    )


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_results_page_queries_do_not_grow_with_responses(organiser_client, needs_survey, answer_as):
    q = needs_survey.q
    url = f"/en/surveys/{needs_survey.slug}/results/"
    params = {"question": q["topics"].pk, "by": "kind", "kind": "city"}
    for row in SIX:
        answer_as(*row, comment="Više primera")
    few = _queries(organiser_client, url, params)
    for row in SIX * 3:
        answer_as(*row, comment="Više primera")
    assert _queries(organiser_client, url, params) == few
    by_question = {"question": q["topics"].pk, "by": f"q{q['uses'].pk}"}
    assert _queries(organiser_client, url, by_question) <= few


def test_results_pages_refused_to_participants(client, needs_survey, make_respondent):
    client.force_login(make_respondent())
    comment = needs_survey.q["comment"].pk
    for path in (
        "results/export.xlsx",
        "results/report.pdf",
        f"results/texts/{comment}/",
        "needs/",
    ):
        assert client.get(f"/en/surveys/{needs_survey.slug}/{path}").status_code == 404

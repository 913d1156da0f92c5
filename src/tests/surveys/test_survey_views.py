"""The survey pages: the builder's htmx edits, answering page by page with conditions and save
and resume, the results and the CSV export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from glasnik.surveys.models import Question, Response, SurveyDraft
from glasnik.surveys.services.builder import survey_create
from glasnik.surveys.services.responses import response_submit

pytestmark = pytest.mark.django_db


def test_question_add_with_htmx_returns_the_builder_only(organiser_client, needs_survey):
    section = needs_survey.sections.first()
    prefix = f"add{section.pk}"

    response = organiser_client.post(
        f"/en/surveys/{needs_survey.slug}/sections/{section.pk}/questions/add/",
        {
            f"{prefix}-type": "nps",
            f"{prefix}-text": "Da li biste preporučili obuku?",
            f"{prefix}-text_sl": "Bi priporočili usposabljanje?",
            f"{prefix}-condition_logic": "all",
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="builder"')
    assert "Da li biste preporučili obuku?" in html
    question = Question.objects.get(type="nps")
    assert question.text == {
        "sr": "Da li biste preporučili obuku?",
        "sl": "Bi priporočili usposabljanje?",
    }


def test_question_add_without_text_keeps_what_was_typed(organiser_client, needs_survey):
    section = needs_survey.sections.first()
    prefix = f"add{section.pk}"

    response = organiser_client.post(
        f"/en/surveys/{needs_survey.slug}/sections/{section.pk}/questions/add/",
        {f"{prefix}-type": "single", f"{prefix}-text": "", f"{prefix}-choices": "Prva opcija"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert "This field is required." in html
    assert "Prva opcija" in html


def test_survey_list_queries_do_not_grow_with_surveys(
    organiser_client, survey_program, survey_organiser
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(f"/en/surveys/of/programme/{survey_program.slug}/")
        assert response.status_code == 200
        return len(queries)

    survey_create(
        owner=survey_program, actor=survey_organiser, kind="needs", title="A", language="sr"
    )
    count()  # the session and the person's roles are read and cached once
    one = count()
    for number in range(5):
        survey_create(
            owner=survey_program,
            actor=survey_organiser,
            kind="general",
            title=f"B{number}",
            language="sr",
        )

    assert count() == one


def test_respond_page_by_page_with_a_condition_and_resume(client, needs_survey, make_respondent):
    person = make_respondent()
    client.force_login(person)
    q = needs_survey.q
    url = f"/en/surveys/{needs_survey.slug}/"
    no = q["uses"].choices.get(position=1).pk
    yes = q["uses"].choices.get(position=0).pk

    first = client.get(url).content.decode()
    assert "Page 1 of 2" in first
    assert f'name="q{q["followers"].pk}"' not in first

    # "Yes" shows the number of followers on the same page: asked for before going on.
    response = client.post(
        url,
        {
            "page_index": "0",
            "shown": [q["uses"].pk, q["rating"].pk],
            f"q{q['uses'].pk}": str(yes),
            f"q{q['rating'].pk}": "4",
            "action": "next",
        },
    )
    html = response.content.decode()
    assert f'name="q{q["followers"].pk}"' in html
    assert "Page 1 of 2" in html

    response = client.post(
        url,
        {
            "page_index": "0",
            "shown": [q["uses"].pk, q["followers"].pk, q["rating"].pk],
            f"q{q['uses'].pk}": str(no),
            f"q{q['followers'].pk}": "",
            f"q{q['rating'].pk}": "4",
            "action": "next",
        },
    )
    assert response.status_code == 302
    assert SurveyDraft.objects.get(person=person).page == 1

    # Later: the second page, where they left off.
    assert "Page 2 of 2" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "page_index": "1",
            "shown": [q["topics"].pk, q["comment"].pk],
            f"q{q['topics'].pk}": ["other"],
            f"q{q['topics'].pk}_other": "=Podkasti",
            "action": "send",
        },
    )
    assert response.status_code == 302
    sent = Response.objects.get(person=person)
    assert not sent.answers.filter(question=q["followers"]).exists()
    assert "You have answered this survey" in client.get(url).content.decode()


def test_save_and_finish_later_keeps_a_page_with_a_required_answer_missing(
    client, needs_survey, make_respondent
):
    person = make_respondent()
    client.force_login(person)
    q = needs_survey.q
    yes = q["uses"].choices.get(position=0).pk
    data = {"page_index": "0", "shown": [q["uses"].pk, q["rating"].pk], "action": "save"}

    # "Yes" brings the (required) number of followers, and the rating is not given yet.
    response = client.post(f"/en/surveys/{needs_survey.slug}/", {**data, f"q{q['uses'].pk}": yes})

    assert response.status_code == 302
    draft = SurveyDraft.objects.get(person=person)
    assert draft.page == 0
    assert list(draft.data) == [str(q["uses"].pk)]
    assert not Response.objects.exists()


def test_respond_keeps_a_bad_number_and_says_why(client, needs_survey, make_respondent):
    client.force_login(make_respondent())
    q = needs_survey.q
    yes = q["uses"].choices.get(position=0).pk

    response = client.post(
        f"/en/surveys/{needs_survey.slug}/",
        {
            "page_index": "0",
            "shown": [q["uses"].pk, q["followers"].pk, q["rating"].pk],
            f"q{q['uses'].pk}": str(yes),
            f"q{q['followers'].pk}": "много",
            "action": "next",
        },
    )

    html = response.content.decode()
    assert "Enter a number." in html
    assert 'value="много"' in html
    assert "Answer this question." in html  # the rating


def test_results_and_csv_export(organiser_client, needs_survey, make_respondent):
    q = needs_survey.q
    yes = q["uses"].choices.get(position=0).pk
    for rating, followers in ((5, "100"), (3, "300"), (4, "=1+1")):
        answers = {q["uses"].pk: yes, q["rating"].pk: rating, q["comment"].pk: "=SUM(A1)"}
        answers[q["followers"].pk] = followers if followers[0] != "=" else "200"
        response_submit(survey=needs_survey, person=make_respondent(), answers=answers)

    page = organiser_client.get(f"/en/surveys/{needs_survey.slug}/results/").content.decode()
    assert "<dd>4.00</dd>" in page  # the mean and median of the rating
    assert "100.0 %" in page

    export = organiser_client.get(f"/en/surveys/{needs_survey.slug}/results/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 4
    assert rows[0][:4] == ["#", "submitted", "person", "email"]
    assert rows[1][-1] == "'=SUM(A1)"
    assert [row[6] for row in rows[1:]] == ["5", "3", "4"]


def test_results_refused_to_participants(client, needs_survey, make_respondent):
    client.force_login(make_respondent())

    assert client.get(f"/en/surveys/{needs_survey.slug}/results/").status_code == 404

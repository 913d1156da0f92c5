"""Knowledge tests: scores of known answers, the learning gain of a pre/post pair by person,
institution and programme, the programme report's sheet, the refusal of anonymous pairs and
who may read the page."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from glasnik.organizations.models import Organization
from glasnik.programs.models import Enrolment
from glasnik.site.program_reports import knowledge_reports
from glasnik.surveys.knowledge import knowledge_gain, normalised_gain, response_scores
from glasnik.surveys.models import QuestionType
from glasnik.surveys.services.builder import question_add, survey_create, survey_open
from glasnik.surveys.services.knowledge import knowledge_pair_set
from glasnik.surveys.services.responses import response_submit

pytestmark = pytest.mark.django_db


def _test(program, organiser, title, *, anonymous=False):
    """A knowledge test: a single choice (2 points, correct: B), a multiple choice (3 points,
    correct: A and C) and a number (1 point, correct: 7); maximum 6."""
    survey = survey_create(
        owner=program,
        actor=organiser,
        kind="knowledge",
        title=title,
        language="sr",
        is_anonymous=anonymous,
    )
    section = survey.sections.get()
    single = question_add(
        section=section,
        actor=organiser,
        type=QuestionType.SINGLE,
        text={"sr": "Jedan"},
        choices=[{"sr": "A"}, {"sr": "B"}, {"sr": "C"}],
    )
    multiple = question_add(
        section=section,
        actor=organiser,
        type=QuestionType.MULTIPLE,
        text={"sr": "Više"},
        choices=[{"sr": "A"}, {"sr": "B"}, {"sr": "C"}],
        allows_other=True,
    )
    number = question_add(
        section=section,
        actor=organiser,
        type=QuestionType.NUMBER,
        text={"sr": "Broj"},
        min_value=0,
        max_value=100,
    )
    s = list(single.choices.order_by("position").values_list("pk", flat=True))
    m = list(multiple.choices.order_by("position").values_list("pk", flat=True))
    for question, correct, points in ((single, [s[1]], 2), (multiple, [m[0], m[2]], 3)):
        question.correct_answer, question.points = correct, points
        question.save()
    number.correct_answer, number.points = 7, 1
    number.save()
    survey_open(survey=survey, actor=organiser)
    survey.keys = {"single": (single.pk, s), "multiple": (multiple.pk, m), "number": number.pk}
    return survey


def _answer(survey, person, *, single=None, multiple=(), other="", number=None):
    keys = survey.keys
    answers = {}
    if single is not None:
        answers[keys["single"][0]] = keys["single"][1][single]
    if multiple or other:
        answers[keys["multiple"][0]] = {
            "choices": [keys["multiple"][1][i] for i in multiple],
            "other": other,
        }
    if number is not None:
        answers[keys["number"]] = number
    return response_submit(survey=survey, person=person, answers=answers)


@pytest.fixture
def pair(survey_program, survey_organiser):
    pre = _test(survey_program, survey_organiser, "Test pre obuke")
    post = _test(survey_program, survey_organiser, "Test posle obuke")
    knowledge_pair_set(post_test=post, pre_test=pre, actor=survey_organiser)
    post.pre_test = pre
    return pre, post


def _institution(person, name):
    enrolment = Enrolment.objects.get(person=person)
    organization = Organization.objects.filter(name=name).first()
    if organization is None:
        organization = enrolment.organization
        organization.name = name
        organization.save()
    enrolment.organization = organization
    enrolment.save()


def test_scores_sum_the_points_of_exactly_correct_answers(pair, make_respondent):
    pre, _post = pair
    people = [make_respondent() for _ in range(5)]
    _answer(pre, people[0], single=1, multiple=[0, 2], number=7)  # 6 of 6
    _answer(pre, people[1], single=1, multiple=[0], number=7)  # a correct choice missing: 3
    _answer(pre, people[2], single=0, multiple=[0, 1, 2], number=8)  # one too many: 0
    _answer(pre, people[3], single=1, multiple=[0, 2], other="D", number=7)  # "other": 3
    _answer(pre, people[4])  # nothing answered: 0

    maximum, scores = response_scores(pre)

    assert maximum == 6
    assert [scores[person.pk] for person in people] == [6, 3, 0, 3, 0]


def test_normalised_gain_and_its_undefined_case():
    assert normalised_gain(2, 5, 6) == pytest.approx(0.75)
    assert normalised_gain(4, 2, 6) == pytest.approx(-1.0)
    assert normalised_gain(6, 6, 6) is None
    assert normalised_gain(6, 3, 6) is None
    # Different maxima are compared as shares: 1/2 before, 4/4 after.
    assert normalised_gain(1, 4, 2, 4) == pytest.approx(1.0)


def test_gain_per_person_institution_and_programme(pair, make_respondent):
    pre, post = pair
    ana, bojan, vesna, only_pre = (make_respondent(first_name=n) for n in "ABVO")
    _institution(ana, "Opština Ada")
    _institution(bojan, "Opština Ada")
    _institution(vesna, "Grad Bor")
    _answer(pre, ana, single=0, number=7)  # 1
    _answer(post, ana, single=1, multiple=[0, 2], number=7)  # 6: gain 1.0
    _answer(pre, bojan, single=1)  # 2
    _answer(post, bojan, single=1, number=7)  # 3: gain 0.25
    _answer(pre, vesna, single=1, multiple=[0, 2], number=7)  # 6 (the maximum)
    _answer(post, vesna, single=1, multiple=[0, 2])  # 5: gain undefined
    _answer(pre, only_pre, single=1)

    gain = knowledge_gain(post)

    assert (gain.maximum, gain.only_pre, gain.only_post) == (6, 1, 0)
    by_person = {row.label.split()[0]: row for row in gain.people}
    assert (by_person["A"].pre, by_person["A"].post, by_person["A"].difference) == (1, 6, 5)
    assert by_person["A"].gain == pytest.approx(1.0)
    assert by_person["B"].gain == pytest.approx(0.25)
    assert by_person["V"].gain is None
    assert by_person["V"].difference == -1
    institutions = {row.label: row for row in gain.institutions}
    assert institutions["Opština Ada"].people == 2
    assert institutions["Opština Ada"].pre == pytest.approx(1.5)
    assert institutions["Opština Ada"].post == pytest.approx(4.5)
    assert institutions["Opština Ada"].gain == pytest.approx(0.625)
    assert institutions["Grad Bor"].gain is None
    assert gain.total.people == 3
    assert gain.total.pre == pytest.approx(3.0)
    assert gain.total.post == pytest.approx(14 / 3)
    assert gain.total.gain == pytest.approx(0.625)  # the undefined one left out


def _queries(post) -> int:
    with CaptureQueriesContext(connection) as queries:
        knowledge_gain(post)
    return len(queries)


def test_query_count_does_not_grow_with_participants(pair, make_respondent):
    pre, post = pair
    for number in range(2):
        person = make_respondent()
        _answer(pre, person, single=number)
        _answer(post, person, single=1)
    few = _queries(post)
    for _number in range(6):
        person = make_respondent()
        _answer(pre, person, single=0, multiple=[1])
        _answer(post, person, single=1, number=7)

    assert _queries(post) == few <= 6


def test_programme_report_xlsx_has_a_learning_gain_sheet(
    pair, make_respondent, client, survey_organiser, survey_program, login_with_second_factor
):
    pre, post = pair
    for name, before, after in (("Opština Ada", 0, 1), ("Grad Bor", 1, 1)):
        person = make_respondent()
        _institution(person, name)
        _answer(pre, person, single=before)
        _answer(post, person, single=after, multiple=[0, 2])
    assert len(knowledge_reports(survey_program)) == 1
    login_with_second_factor(client, survey_organiser)

    response = client.get(f"/en/programmes/{survey_program.slug}/reports.xlsx")

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("Learning gain"))
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Institution",
        "People",
        "Before (average)",
        "After (average)",
        "Difference",
        "Normalised gain (average)",
    ]
    assert rows[1] == ["Grad Bor", 1, 2, 5, 3, 0.75]
    assert rows[2] == ["Opština Ada", 1, 0, 5, 5, 0.83]
    assert rows[3] == ["All participants", 2, 1, 5, 4, 0.79]


def test_an_anonymous_test_cannot_be_paired(survey_program, survey_organiser):
    named = _test(survey_program, survey_organiser, "Imenovani")
    anonymous = _test(survey_program, survey_organiser, "Anonimni", anonymous=True)

    with pytest.raises(ValidationError, match="anonymous survey cannot be paired"):
        knowledge_pair_set(post_test=named, pre_test=anonymous, actor=survey_organiser)
    with pytest.raises(ValidationError, match="anonymous survey cannot be paired"):
        knowledge_pair_set(post_test=anonymous, pre_test=named, actor=survey_organiser)
    named.refresh_from_db()
    assert named.pre_test_id is None


def test_the_pair_page_refuses_an_anonymous_test_with_a_message(
    client, survey_program, survey_organiser, login_with_second_factor
):
    named = _test(survey_program, survey_organiser, "Imenovani")
    anonymous = _test(survey_program, survey_organiser, "Anonimni", anonymous=True)
    login_with_second_factor(client, survey_organiser)

    response = client.post(
        f"/sr-latn/surveys/{named.slug}/knowledge/pair/", {"pre_test": anonymous.pk}, follow=True
    )

    assert "Anonimna anketa ne može" in response.content.decode()
    named.refresh_from_db()
    assert named.pre_test_id is None


def test_the_page_is_for_organisers_only(
    pair, client, make_respondent, survey_organiser, login_with_second_factor
):
    pre, post = pair
    person = make_respondent(first_name="Ana", last_name="Anić")
    _answer(pre, person, single=0)
    _answer(post, person, single=1)
    client.force_login(person)
    assert client.get(f"/en/surveys/{post.slug}/knowledge/").status_code == 404
    assert client.post(f"/en/surveys/{post.slug}/knowledge/pair/", {}).status_code == 404

    client.logout()
    login_with_second_factor(client, survey_organiser)
    for survey in (pre, post):
        page = client.get(f"/en/surveys/{survey.slug}/knowledge/").content.decode()
        assert "Ana Anić" in page
        assert "Learning gain" in page

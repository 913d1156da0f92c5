"""Known answers for the results tests: six respondents of `needs_survey` from institutions of
known kinds and countries, with known experience levels. Import by name."""

import pytest

from glasnik.programs.models import Enrolment
from glasnik.surveys.services.responses import response_submit

__all__ = ["answer_as", "six_responses"]

# (uses social media, topics chosen, institution kind, country, region, experience level)
SIX = [
    ("Da", ["Video", "Analitika"], "city", "RS", "Šumadija", "beginner"),
    ("Da", ["Video"], "city", "RS", "Šumadija", "advanced"),
    ("Ne", ["Krizna komunikacija"], "municipality", "BA", "", "none"),
    ("Da", ["Video", "Krizna komunikacija"], "municipality", "BA", "", "intermediate"),
    ("Ne", ["Video"], "municipality", "SI", "", "beginner"),
    ("Da", [], "city", "RS", "Šumadija", ""),
]


@pytest.fixture
def answer_as(needs_survey, make_respondent, make_organization):
    """`answer_as(uses, topics, kind, country, region, level)`: a participant from such an
    institution answers the needs survey."""
    q = needs_survey.q
    choice = {c.label["sr"]: c.pk for c in q["uses"].choices.all()}
    choice.update({c.label["sr"]: c.pk for c in q["topics"].choices.all()})

    def answer(uses, topics, kind, country, region, level, *, rating=4, comment=""):
        person = make_respondent(experience_level=level)
        organization = make_organization(kind=kind, country=country, region=region)
        Enrolment.objects.filter(person=person).update(organization=organization)
        answers = {q["uses"].pk: choice[uses], q["rating"].pk: rating}
        if uses == "Da":
            answers[q["followers"].pk] = "100"
        if topics:
            answers[q["topics"].pk] = {"choices": [choice[t] for t in topics], "other": ""}
        if comment:
            answers[q["comment"].pk] = comment
        return response_submit(survey=needs_survey, person=person, answers=answers)

    return answer


@pytest.fixture
def six_responses(answer_as):
    return [answer_as(*row) for row in SIX]

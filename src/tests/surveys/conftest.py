"""The survey tests' fixtures, imported by name (no star imports): a programme with an organiser
and participants, a needs survey built through the services, answers to it, and the organiser
signed in with the second factor."""

import pytest
from fixtures_results import answer_as, six_responses
from fixtures_surveys import make_respondent, needs_survey, survey_organiser, survey_program

__all__ = [  # fixtures, used by name
    "answer_as",
    "make_respondent",
    "needs_survey",
    "six_responses",
    "survey_organiser",
    "survey_program",
]


@pytest.fixture
def organiser_client(client, survey_organiser, login_with_second_factor):
    login_with_second_factor(client, survey_organiser)
    return client

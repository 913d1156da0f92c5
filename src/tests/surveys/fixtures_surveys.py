"""Fixtures for the survey tests: a programme with an organiser (two-factor set up, as the
platform requires of organisers) and participants, and a needs survey built through the
services. `conftest.py` imports them by name."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program
from glasnik.surveys.models import QuestionType
from glasnik.surveys.services.builder import (
    condition_add,
    question_add,
    section_add,
    survey_create,
    survey_open,
)

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"

__all__ = [
    "TOTP_SECRET",
    "make_respondent",
    "needs_survey",
    "survey_organiser",
    "survey_program",
]


@pytest.fixture
def survey_program(make_organization):
    return Program.objects.create(
        name="Društvene mreže — program obuke",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )


@pytest.fixture
def survey_organiser(make_person, survey_program):
    person = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=survey_program)
    TOTP.activate(person, TOTP_SECRET)
    cache.clear()
    return person


@pytest.fixture
def make_respondent(make_person, make_organization, survey_program):
    """A participant enrolled in the programme."""

    def make(**person_fields):
        person = make_person(**person_fields)
        Enrolment.objects.create(
            program=survey_program,
            person=person,
            organization=make_organization(),
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=survey_program)
        cache.clear()
        return person

    return make


@pytest.fixture
def needs_survey(survey_program, survey_organiser):
    """An open survey in two sections: a single choice (uses social media: yes/no), a number
    of followers (0–1,000,000, shown only to those who answered yes), a required rating, and
    on the second page a multiple choice with "other" and a long text."""
    survey = survey_create(
        owner=survey_program,
        actor=survey_organiser,
        kind="needs",
        title="Potrebe za obukom",
        language="sr",
    )
    first = survey.sections.get()
    uses = question_add(
        section=first,
        actor=survey_organiser,
        type=QuestionType.SINGLE,
        text={"sr": "Da li vaša opština koristi društvene mreže?", "sl": "Ali občina uporablja?"},
        choices=[{"sr": "Da"}, {"sr": "Ne"}],
        is_required=True,
    )
    followers = question_add(
        section=first,
        actor=survey_organiser,
        type=QuestionType.NUMBER,
        text={"sr": "Koliko pratilaca ima glavni nalog?"},
        min_value=0,
        max_value=1_000_000,
        is_required=True,
    )
    condition_add(
        actor=survey_organiser,
        question=followers,
        source=uses,
        operator="equals",
        value=uses.choices.get(position=0).pk,
    )
    rating = question_add(
        section=first,
        actor=survey_organiser,
        type=QuestionType.RATING,
        text={"sr": "Koliko ste zadovoljni komunikacijom?"},
        max_value=5,
        is_required=True,
    )
    second = section_add(survey=survey, actor=survey_organiser, title={"sr": "Teme"})
    topics = question_add(
        section=second,
        actor=survey_organiser,
        type=QuestionType.MULTIPLE,
        text={"sr": "Koje teme su vam potrebne?"},
        choices=[{"sr": "Video"}, {"sr": "Krizna komunikacija"}, {"sr": "Analitika"}],
        allows_other=True,
    )
    comment = question_add(
        section=second,
        actor=survey_organiser,
        type=QuestionType.LONG_TEXT,
        text={"sr": "Šta još želite da naučite?"},
    )
    survey_open(survey=survey, actor=survey_organiser)
    survey.refresh_from_db()
    survey.q = {
        "uses": uses,
        "followers": followers,
        "rating": rating,
        "topics": topics,
        "comment": comment,
    }
    return survey

"""Where surveys are found: the programme's page (open surveys for participants, the surveys'
management for organisers), the organiser's dashboard, and an event's questionnaire after the
event on its page and in its feedback invitation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from factories.events import RegistrationFactory, TrainingFactory
from factories.networks import NetworkFactory, member_of

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.services.feedback import feedback_invite
from glasnik.surveys.services.builder import (
    question_add,
    survey_create,
    survey_open,
    survey_update,
)
from glasnik.surveys.services.responses import response_submit

pytestmark = pytest.mark.django_db


def answers_for(survey):
    q = survey.q
    return {q["uses"].pk: q["uses"].choices.get(position=1).pk, q["rating"].pk: 4}


def test_programme_page_links_open_surveys_until_answered(client, needs_survey, make_respondent):
    person = make_respondent()
    client.force_login(person)
    url = f"/en/programmes/{needs_survey.program.slug}/"

    before = client.get(url).content.decode()
    response_submit(survey=needs_survey, person=person, answers=answers_for(needs_survey))
    after = client.get(url).content.decode()

    assert f'href="/en/surveys/{needs_survey.slug}/"' in before
    assert f'href="/en/surveys/{needs_survey.slug}/"' not in after
    assert "All surveys and their results" not in before


def test_programme_page_and_dashboard_link_organisers_to_the_surveys(
    client, login_with_second_factor, needs_survey, survey_organiser
):
    login_with_second_factor(client, survey_organiser)
    surveys_url = f"/en/surveys/of/programme/{needs_survey.program.slug}/"

    page = client.get(f"/en/programmes/{needs_survey.program.slug}/").content.decode()
    dashboard = client.get("/en/dashboard/").content.decode()

    assert f'href="{surveys_url}"' in page
    assert "All surveys and their results" in page
    assert f'href="{surveys_url}"' in dashboard


@pytest.fixture
def training(survey_program):
    ends_at = timezone.now() - timedelta(days=1)
    return TrainingFactory(
        program=survey_program, starts_at=ends_at - timedelta(hours=8), ends_at=ends_at
    )


@pytest.fixture
def questionnaire(needs_survey, training, survey_organiser):
    survey_update(survey=needs_survey, actor=survey_organiser, event=training, kind="feedback")
    return needs_survey


def test_survey_attaches_only_to_its_owners_events(survey_program, survey_organiser):
    from glasnik.programs.models import Program

    other = Program.objects.create(
        name="Drugi", slug="drugi", organization=survey_program.organization
    )
    foreign = TrainingFactory(program=other)

    with pytest.raises(ValidationError):
        survey_create(
            owner=survey_program,
            actor=survey_organiser,
            kind="feedback",
            title="Upitnik",
            language="sr",
            event=foreign,
        )


def test_event_page_shows_the_questionnaire_to_participants_after_the_event(
    client, questionnaire, training, make_respondent
):
    person = make_respondent()
    RegistrationFactory(event=training, person=person)
    client.force_login(person)

    page = client.get(training.urls.public).content.decode()

    assert "Questionnaire after the event" in page
    assert f'href="/en/surveys/{questionnaire.slug}/"' in page


def test_event_page_hides_the_questionnaire_before_the_event_ends(
    client, questionnaire, training, make_respondent
):
    training.ends_at = timezone.now() + timedelta(hours=1)
    training.save(update_fields=["ends_at"])
    client.force_login(make_respondent())

    page = client.get(training.urls.public).content.decode()

    assert f"/surveys/{questionnaire.slug}/" not in page


def test_feedback_invitation_carries_the_questionnaires_link(
    questionnaire, training, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    person = make_respondent(language="sr-latn")
    RegistrationFactory(event=training, person=person)

    with django_capture_on_commit_callbacks(execute=True):
        feedback_invite(event=training, actor=survey_organiser)

    (message,) = mail.outbox
    assert f"/sr-latn/surveys/{questionnaire.slug}/" in message.body


def test_network_page_links_members_to_its_open_surveys(client, make_person):

    network = NetworkFactory()
    organiser = make_person()

    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    survey = survey_create(
        owner=network, actor=organiser, kind="needs", title="Potrebe mreže", language="sr"
    )
    question_add(
        section=survey.sections.get(),
        actor=organiser,
        type="short_text",
        text={"sr": "Šta vam treba?"},
    )
    survey_open(survey=survey, actor=organiser)
    member = member_of(network).person
    outsider = make_person()
    cache.clear()

    client.force_login(member)
    seen = client.get(f"/en/networks/{network.slug}/").content.decode()
    client.force_login(outsider)
    unseen = client.get(f"/en/networks/{network.slug}/").content.decode()

    assert f'href="/en/surveys/{survey.slug}/"' in seen
    assert f"/surveys/{survey.slug}/" not in unseen


def test_builder_names_the_event_and_the_form_offers_only_the_owners_events(
    client, login_with_second_factor, questionnaire, training, survey_organiser
):
    from glasnik.programs.models import Program

    other = Program.objects.create(
        name="Drugi", slug="drugi", organization=training.program.organization
    )
    TrainingFactory(program=other)
    login_with_second_factor(client, survey_organiser)

    edit = client.get(f"/en/surveys/{questionnaire.slug}/edit/").content.decode()
    form = client.get(f"/en/surveys/{questionnaire.slug}/settings/").context["form"]

    assert training.title in edit
    assert list(form.fields["event"].queryset) == [training]


def test_network_meeting_page_shows_its_open_survey_to_members(client, login_with_second_factor):
    from factories.accounts import organiser_of

    from glasnik.events.models import EventMode
    from glasnik.events.services.meetings import meeting_create

    network = NetworkFactory()
    organiser = organiser_of(network)
    starts_at = timezone.now() + timedelta(days=7)
    meeting = meeting_create(
        network=network,
        actor=organiser,
        notify=False,
        title="Sastanak o potrebama",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/room",
    )
    survey = survey_create(
        owner=network, actor=organiser, kind="needs", title="Potrebe za učenjem", language="sr"
    )
    question_add(
        section=survey.sections.get(), actor=organiser, type="short_text", text={"sr": "Šta?"}
    )
    survey_update(survey=survey, actor=organiser, event=meeting)
    survey_open(survey=survey, actor=organiser)
    member = member_of(network).person
    cache.clear()
    url = f"/en/events/{meeting.pk}/"

    client.force_login(member)
    before = client.get(url).content.decode()
    response_submit(survey=survey, person=member, answers={}, language="sr")
    after = client.get(url).content.decode()
    login_with_second_factor(client, organiser)
    organisers = client.get(url).content.decode()

    assert f'href="/en/surveys/{survey.slug}/" lang="sr-Latn"' in before
    assert f"/surveys/{survey.slug}/" not in after  # answered
    assert f'href="/en/surveys/{survey.slug}/results/"' in organisers

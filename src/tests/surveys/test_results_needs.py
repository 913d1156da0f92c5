"""A needs survey's topics ranked by demand and split by experience, and turning one into the
programme's or network's topics once, with an audit entry."""

import pytest

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.audit.models import AuditLogEntry
from glasnik.networks.models import Network
from glasnik.surveys.models import QuestionType
from glasnik.surveys.needs import needs_ranking
from glasnik.surveys.selectors import survey_plan
from glasnik.surveys.services.builder import question_add, survey_create, survey_open
from glasnik.surveys.services.responses import response_submit
from glasnik.surveys.services.topics import survey_topic_adopt

pytestmark = pytest.mark.django_db


def test_multiple_choice_topics_ranked_and_split(needs_survey, six_responses):
    topics = needs_ranking(survey_plan(needs_survey))
    # Five answered the topics question: Video 4, crisis 2, analytics 1. Beginners (none or
    # beginner: respondents 1, 3, 5) and the experienced (2 and 4).
    assert [(t.label.text, t.demand, t.respondents) for t in topics] == [
        ("Video", 80.0, 4),
        ("Krizna komunikacija", 40.0, 2),
        ("Analitika", 20.0, 1),
    ]
    video = topics[0]
    assert video.groups["beginners"] == {"demand": 66.7, "respondents": 3}
    assert video.groups["experienced"] == {"demand": 100.0, "respondents": 2}
    assert topics[2].groups["experienced"] == {"demand": 0.0, "respondents": 2}


def test_ranking_demand(survey_program, survey_organiser, make_respondent):
    survey = survey_create(
        owner=survey_program, actor=survey_organiser, kind="needs", title="R", language="sr"
    )
    ranking = question_add(
        section=survey.sections.get(),
        actor=survey_organiser,
        type=QuestionType.RANKING,
        text={"sr": "Poređajte"},
        choices=[{"sr": "Plan"}, {"sr": "Foto"}, {"sr": "Kriza"}],
    )
    survey_open(survey=survey, actor=survey_organiser)
    plan, photo, crisis = (c.pk for c in ranking.choices.all())
    for order in ([photo, plan, crisis], [photo, crisis, plan], [plan, photo, crisis]):
        response_submit(survey=survey, person=make_respondent(), answers={ranking.pk: order})

    topics = needs_ranking(survey_plan(survey))
    # Average places: Foto 4/3, Plan 2, Kriza 8/3; (3 − place) / 2 × 100.
    assert [(t.label.text, t.demand) for t in topics] == [
        ("Foto", 83.3),
        ("Plan", 50.0),
        ("Kriza", 16.7),
    ]


def test_needs_page_and_adding_a_topic_once(organiser_client, needs_survey, six_responses):
    url = f"/en/surveys/{needs_survey.slug}/needs/"
    page = organiser_client.get(url).content.decode()
    assert page.index(">Video</th>") < page.index(">Analitika</th>")
    video = needs_survey.q["topics"].choices.get(position=0)

    add = f"/en/surveys/{needs_survey.slug}/needs/{video.pk}/add/"
    response = organiser_client.post(add, follow=True)
    assert "“Video” is now one of the topics." in response.content.decode()
    response = organiser_client.post(add, follow=True)
    assert "“Video” is one of the topics already." in response.content.decode()

    needs_survey.program.refresh_from_db()
    assert needs_survey.program.topics.splitlines().count("Video") == 1
    assert AuditLogEntry.objects.filter(action="programs.topic.added").count() == 1
    page = organiser_client.get(url).content.decode()
    assert "a topic already" in page
    # A choice that is no topic (single choice) cannot be added.
    other = needs_survey.q["uses"].choices.get(position=0)
    assert (
        organiser_client.post(f"/en/surveys/{needs_survey.slug}/needs/{other.pk}/add/").status_code
        == 404
    )
    assert (
        organiser_client.get(f"/en/surveys/{needs_survey.slug}/needs/{video.pk}/add/").status_code
        == 405
    )


def test_network_learning_topic_added_once(make_person, make_organization):
    organiser = make_person("org@example.org")
    network = Network.objects.create(
        name="Mreža",
        slug="mreza",
        organization=make_organization(country="SI"),
        learning_topics="Video\nPodkasti",
    )
    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    survey = survey_create(
        owner=network, actor=organiser, kind="needs", title="Potrebe", language="sl"
    )
    question = question_add(
        section=survey.sections.get(),
        actor=organiser,
        type=QuestionType.MULTIPLE,
        text={"sl": "Teme"},
        choices=[{"sl": "video"}, {"sl": "Analitika"}],
    )
    video, analytics = question.choices.all()

    assert survey_topic_adopt(survey=survey, choice=video, actor=organiser) is False
    assert survey_topic_adopt(survey=survey, choice=analytics, actor=organiser) is True
    assert survey_topic_adopt(survey=survey, choice=analytics, actor=organiser) is False
    network.refresh_from_db()
    assert network.learning_topics == "Video\nPodkasti\nAnalitika"
    entry = AuditLogEntry.objects.get(action="networks.learning_topic.added")
    assert entry.data == {"source": f"surveys.survey:{survey.pk}"}


@pytest.fixture
def anonymous_needs(survey_program, survey_organiser, make_respondent):
    """An anonymous needs survey: years in the job (six "short", two "long"), the networks the
    institution is on, and the topics wanted."""
    survey = survey_create(
        owner=survey_program,
        actor=survey_organiser,
        kind="needs",
        title="Anonimne potrebe",
        language="sr",
        is_anonymous=True,
    )
    section = survey.sections.get()

    def add(type, text, labels):
        return question_add(
            section=section,
            actor=survey_organiser,
            type=type,
            text={"sr": text},
            choices=[{"sr": label} for label in labels],
        )

    years = add(QuestionType.SINGLE, "Staž", ["Kratak", "Dug"])
    networks = add(QuestionType.MULTIPLE, "Mreže", ["Facebook", "Instagram"])
    topics = add(QuestionType.MULTIPLE, "Teme", ["Video", "Analitika"])
    survey_open(survey=survey, actor=survey_organiser)
    short, long = years.choices.all()
    facebook, _instagram = networks.choices.all()
    video, analytics = topics.choices.all()
    for number in range(8):
        chosen = [video.pk] if number % 2 else [video.pk, analytics.pk]
        response_submit(
            survey=survey,
            person=make_respondent(),
            answers={
                years.pk: short.pk if number < 6 else long.pk,
                networks.pk: {"choices": [facebook.pk], "other": ""},
                topics.pk: {"choices": chosen, "other": ""},
            },
        )
    survey.q = {"years": years, "networks": networks, "topics": topics}
    return survey


def test_anonymous_split_by_a_question_hides_small_groups(anonymous_needs):
    q = anonymous_needs.q
    plan = survey_plan(anonymous_needs)
    assert needs_ranking(plan)[0].label.text == "Facebook"  # every needs question by default
    topics_only = [x for s in plan.sections for x in s.question_list if x.pk == q["topics"].pk]
    years = next(x for s in plan.sections for x in s.question_list if x.pk == q["years"].pk)

    topics = needs_ranking(plan, questions=topics_only, split_by=years)
    assert [(t.label.text, t.demand) for t in topics] == [("Video", 100.0), ("Analitika", 50.0)]
    short, long = (c.pk for c in years.choice_list)
    # Six said "short" (three chose analytics); the two "long" are too few to show.
    assert topics[1].groups == {short: {"demand": 50.0, "respondents": 6}, long: None}
    assert needs_ranking(plan, questions=topics_only)[0].groups == {}


def test_needs_page_leaves_out_questions_and_splits(organiser_client, anonymous_needs):
    q = anonymous_needs.q
    page = organiser_client.get(
        f"/en/surveys/{anonymous_needs.slug}/needs/",
        {"questions": q["topics"].pk, "split": q["years"].pk},
    ).content.decode()
    table = page.split("<tbody>")[1]
    assert "Facebook" not in table
    assert "Video" in table
    assert "A group with fewer than 5 respondents is not shown." in page
    # What the URL chose is shown in visible, labelled controls, to change and show again.
    chosen = f'<label><input type="checkbox" name="questions" value="{q["topics"].pk}" checked>'
    assert chosen in page
    assert page.count('type="checkbox" name="questions"') > page.count(" checked>")
    assert '<label for="needs-split">Split by</label>' in page
    assert f'<option value="{q["years"].pk}" lang="sr-Latn" selected>' in page

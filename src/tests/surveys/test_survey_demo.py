import pytest
from django.core.management import call_command

from glasnik.site.demo_programs import SLUG
from glasnik.surveys.demo import DEMO_SURVEY_SLUG, RESPONSES
from glasnik.surveys.models import Survey
from glasnik.surveys.results import survey_results
from glasnik.surveys.selectors import survey_plan

pytestmark = pytest.mark.django_db


def test_demo_programme_has_an_open_anonymous_needs_survey_with_answers(capsys):
    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()

    survey = Survey.objects.get(slug=DEMO_SURVEY_SLUG)
    assert (survey.program.slug, survey.kind, survey.status) == (SLUG, "needs", "open")
    assert survey.is_anonymous
    assert not survey.responses.filter(person__isnull=False).exists()
    total, results = survey_results(survey_plan(survey))
    assert total == RESPONSES
    by_type = {result.type: result for result in results}
    assert by_type["nps"].nps is not None
    assert by_type["likert"].matrix[0]["mean"] is not None
    # Only those with accounts were asked about the networks they use.
    accounts, networks = results[1], results[2]
    assert networks.answered == accounts.rows[0].count < total


def test_demo_programme_has_a_paired_knowledge_test_with_a_learning_gain(capsys):
    from glasnik.surveys.demo import DEMO_KNOWLEDGE_POST_SLUG
    from glasnik.surveys.knowledge import knowledge_gain

    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()

    post = Survey.objects.select_related("pre_test").get(slug=DEMO_KNOWLEDGE_POST_SLUG)
    assert (post.program.slug, post.kind, post.is_anonymous) == (SLUG, "knowledge", False)
    gain = knowledge_gain(post)
    assert gain.maximum == 6
    assert len(gain.people) >= 10
    assert len(gain.institutions) >= 2
    assert gain.total.post > gain.total.pre

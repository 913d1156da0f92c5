"""A programme's topics: the needs it answers, one per line, added once each and shown on its
page."""

import pytest
from django.urls import reverse

from glasnik.audit.models import AuditLogEntry
from glasnik.programs.services.topics import program_add_topic

pytestmark = pytest.mark.django_db


def test_topic_is_added_once_whatever_its_case_and_logged(program, program_organiser):
    assert program_add_topic(
        program=program, topic="Krizno  komuniciranje", actor=program_organiser
    )
    assert not program_add_topic(
        program=program, topic="krizno komuniciranje", actor=program_organiser
    )
    assert program_add_topic(program=program, topic="Video", actor=program_organiser)

    program.refresh_from_db()
    assert program.topic_list == ["Krizno komuniciranje", "Video"]
    assert AuditLogEntry.objects.filter(action="programs.topic.added").count() == 2


def test_programme_page_lists_its_topics_in_its_language(client, program, program_organiser):
    program_add_topic(program=program, topic="Planiranje objava", actor=program_organiser)

    page = client.get(reverse("programs:detail", kwargs={"slug": program.slug})).content.decode()

    # Serbian written in Latin letters, marked with its script for the page's reader.
    assert '<ul lang="sr-Latn"><li>Planiranje objava</li></ul>' in page

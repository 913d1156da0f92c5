"""The programme page lists the programme's competitions from what the programme keeps: read
once, and a competition created, renamed or deleted shows at once."""

import pytest
from django.urls import reverse
from factories.accounts import PersonFactory
from factories.competitions import CompetitionFactory
from factories.programs import ProgramFactory
from queries import sql_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return ProgramFactory(is_published=True)


@pytest.fixture
def reader(client):
    """Signed in: visitors who are not get the whole page's copy, which is another cache."""
    client.force_login(PersonFactory())
    return client


def page(client, program) -> str:
    response = client.get(reverse("programs:detail", kwargs={"slug": program.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_competitions_are_read_once(reader, program):
    CompetitionFactory(program=program, title="Najbolja opština 2027")

    first = sql_of(lambda: page(reader, program))
    second = sql_of(lambda: page(reader, program))

    assert "Najbolja opština 2027" in page(reader, program)
    assert 'FROM "competitions_competition"' in first
    assert 'FROM "competitions_competition"' not in second


def test_a_new_renamed_or_deleted_competition_shows_at_once(reader, program):
    assert "Najbolja opština" not in page(reader, program)

    competition = CompetitionFactory(program=program, title="Najbolja opština 2027")
    assert "Najbolja opština 2027" in page(reader, program)

    competition.title = "Najbolja opština 2028"
    competition.save(update_fields=["title"])
    shown = page(reader, program)
    assert "Najbolja opština 2028" in shown
    assert "Najbolja opština 2027" not in shown

    competition.delete()
    assert "Najbolja opština" not in page(reader, program)

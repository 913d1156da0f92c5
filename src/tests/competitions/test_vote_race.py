"""Two votes of one person in one category at the same moment, each in a thread with its own
database connection: one is recorded, the other told the person has already voted. Needs
PostgreSQL (SQLite serialises every writer anyway), so it runs only there:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glasnik_x \\
        pytest src/tests/competitions/test_vote_race.py
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from factories.competitions import CategoryFactory, EntryFactory

from glasnik.competitions.models import Vote
from glasnik.competitions.services import vote_cast

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL (set DATABASE_URL)",
    ),
]


def test_two_votes_at_once_record_one(make_person):
    category = CategoryFactory()
    entries = [EntryFactory(category=category) for _ in range(2)]
    person = make_person()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def vote(entry) -> None:
        try:
            barrier.wait()
            vote_cast(entry=entry, person=person)
            outcome = "recorded"
        except ValidationError as error:
            outcome = error.code
        except Exception as error:  # anything else fails the test below
            outcome = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=vote, args=(entry,)) for entry in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already_voted", "recorded"]
    assert Vote.objects.filter(person=person, category=category).count() == 1

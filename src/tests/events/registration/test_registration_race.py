"""The last seat is given once: many people register at the same moment, each in a thread with
its own database connection. Needs PostgreSQL's row locks to mean something (SQLite serialises
every writer anyway), so it runs only there:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/glasnik_registration \\
        pytest src/tests/events/test_registration_race.py
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from glasnik.events.models import Registration, RegistrationStatus
from glasnik.events.services.registration import registration_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks under concurrency need PostgreSQL (set DATABASE_URL)",
    ),
]

PEOPLE, SEATS = 40, 5


def _register_all(event, people, *, twice: bool = False) -> list[str]:
    barrier = threading.Barrier(len(people))
    results: list[str] = []
    lock = threading.Lock()

    def attempt(person) -> None:
        try:
            barrier.wait()
            for _ in range(2 if twice else 1):
                outcome = registration_create(event=event, person=person)
            result = outcome.registration.status
        except Exception as error:
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_registrations_give_each_seat_once(make_training, make_participant):
    event = make_training(capacity=SEATS, reminder_hours=0)
    people = [make_participant() for _ in range(PEOPLE)]

    results = _register_all(event, people)

    assert Counter(results) == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITLISTED: PEOPLE - SEATS,
    }
    stored = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert stored == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITLISTED: PEOPLE - SEATS,
    }
    order = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .values_list("waitlisted_at", flat=True)
    )
    assert len(set(order)) == len(order)  # a strict order for promotion


def test_double_clicks_under_concurrency_make_one_registration_each(
    make_training, make_participant
):
    event = make_training(capacity=SEATS, reminder_hours=0)
    people = [make_participant() for _ in range(10)]

    results = _register_all(event, people, twice=True)

    assert not [result for result in results if result.startswith("error")]
    assert Registration.objects.filter(event=event).count() == 10
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
        == SEATS
    )

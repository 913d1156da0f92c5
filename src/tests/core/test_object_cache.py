"""Caches per object (glasnik.core.object_cache): one call clears everything kept about an
object and nothing about another, once the change commits."""

import pytest
from django.db import transaction

from glasnik.core.object_cache import object_cache_clear, object_cache_get, object_cache_read

pytestmark = pytest.mark.django_db


def keep(kind, pk, name, value):
    object_cache_read(kind, pk, [name]).keep(name, value, 60)


def kept(kind, pk, *names):
    return object_cache_read(kind, pk, names).found


def test_clear_drops_every_entry_of_the_object_and_nothing_of_another():
    keep("person", 1, "person:grants", ["organiser"])
    keep("person", 1, "dashboard:networks", ["Mreža"])
    keep("person", 2, "person:grants", ["juror"])
    keep("network", 1, "directory:regions", ["Šumadija"])

    object_cache_clear("person", 1)

    assert kept("person", 1, "person:grants", "dashboard:networks") == {}
    assert kept("person", 2, "person:grants") == {"person:grants": ["juror"]}
    assert kept("network", 1, "directory:regions") == {"directory:regions": ["Šumadija"]}


def test_entry_made_before_a_clear_is_not_kept_after_it():
    """A page read the namespace, then the object changed and was cleared: what the page made
    from the old state and keeps afterwards is not taken for current."""
    read = object_cache_read("event", 7, ["seats"])
    object_cache_clear("event", 7)
    read.keep("seats", 30, 60)

    assert kept("event", 7, "seats") == {}
    assert object_cache_get("event", 7, "seats", lambda: 29, 60) == 29
    assert kept("event", 7, "seats") == {"seats": 29}


def test_clear_inside_a_rolled_back_transaction_does_nothing(cache_clears_on_commit):
    keep("network", 3, "directory:regions", ["Banat"])

    def change_that_fails():
        with transaction.atomic():
            object_cache_clear("network", 3)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert kept("network", 3, "directory:regions") == {"directory:regions": ["Banat"]}


def test_clear_inside_a_transaction_takes_effect_when_it_commits(
    cache_clears_on_commit, django_capture_on_commit_callbacks
):
    keep("network", 3, "directory:regions", ["Banat"])

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        object_cache_clear("network", 3)
        assert kept("network", 3, "directory:regions") == {"directory:regions": ["Banat"]}

    assert kept("network", 3, "directory:regions") == {}


def test_a_cache_turned_off_for_the_benchmark_keeps_nothing(settings):
    settings.CACHES_TURNED_OFF = frozenset({"dashboard"})
    keep("person", 1, "dashboard:networks", ["Mreža"])
    keep("person", 1, "person:grants", ["organiser"])

    assert kept("person", 1, "dashboard:networks", "person:grants") == {
        "person:grants": ["organiser"]
    }

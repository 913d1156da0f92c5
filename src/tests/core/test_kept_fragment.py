"""`{% kept %}` keeps a part of a page with the object it shows: drawn once per language,
drawn again after the object's namespace is cleared or once the moment it names has passed,
never kept when it holds someone's CSRF token."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.utils import timezone, translation

from glasnik.core import object_cache
from glasnik.core.object_cache import object_cache_clear

PART = Template(
    '{% load kept %}{% kept "network" 7 "part" until=until %}'
    "{% translate 'Networks' %}: {{ value }}{% endkept %}"
)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


class Drawn:
    """A value the part reads: counts how often it was read."""

    def __init__(self, text: str):
        self.text, self.reads = text, 0

    def __call__(self):
        self.reads += 1
        return self.text


def draw(value, *, until=None, language="en") -> str:
    with translation.override(language):
        return PART.render(Context({"value": value, "until": until}))


def test_a_part_is_drawn_once_and_then_read_as_kept():
    value = Drawn("first")

    assert draw(value) == "Networks: first"
    value.text = "second"

    assert draw(value) == "Networks: first"
    assert value.reads == 1


def test_each_language_has_its_own_copy():
    value = Drawn("x")

    assert draw(value, language="en") == "Networks: x"
    assert draw(value, language="sl") == "Mreže: x"
    assert value.reads == 2


def test_clearing_the_objects_namespace_draws_it_again():
    value = Drawn("before")
    draw(value)
    value.text = "after"

    object_cache_clear("network", 7)

    assert draw(value) == "Networks: after"
    assert draw(value) == "Networks: after"
    assert value.reads == 2


def test_another_objects_clear_leaves_it_kept():
    value = Drawn("kept")
    draw(value)

    object_cache_clear("network", 8)
    object_cache_clear("event", 7)

    draw(value)
    assert value.reads == 1


def test_a_part_is_drawn_again_once_its_moment_has_passed(monkeypatch):
    value = Drawn("open")
    until = timezone.now() + timedelta(minutes=5)
    draw(value, until=until)
    value.text = "closed"
    assert draw(value, until=until) == "Networks: open"

    later = until.timestamp() + 1
    monkeypatch.setattr(object_cache.time, "time", lambda: later)

    assert draw(value, until=until) == "Networks: closed"
    assert value.reads == 2


def test_a_moment_already_past_keeps_nothing():
    value = Drawn("x")
    past = timezone.now() - timedelta(seconds=1)

    draw(value, until=past)
    draw(value, until=past)

    assert value.reads == 2


def test_a_part_holding_a_csrf_token_is_never_kept():
    with_token = Template(
        '{% load kept %}{% kept "network" 7 "form" %}{% csrf_token %}{{ value }}{% endkept %}'
    )
    value = Drawn("x")

    for token in ("a" * 64, "b" * 64):
        html = with_token.render(Context({"value": value, "csrf_token": token}))
        assert token in html

    assert value.reads == 2


def test_kept_refuses_a_wrong_call():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template('{% load kept %}{% kept "network" 7 %}x{% endkept %}')
    with pytest.raises(TemplateSyntaxError):
        Template('{% load kept %}{% kept "network" 7 "x" later=y %}x{% endkept %}')

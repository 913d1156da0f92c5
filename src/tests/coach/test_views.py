"""The post coach's pages: who may open them, the tips as the htmx partial and as the whole page
(without JavaScript), the institution's rules turned off, and the check's fixed query count."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.toolkit import institution_team
from second_factor import login_with_second_factor

from glasnik.audit.models import AuditLogEntry
from glasnik.coach.models import CoachSettings
from glasnik.coach.rules import RULES
from glasnik.coach.selectors import coach_disabled_rules
from glasnik.coach.services import coach_settings_update
from glasnik.core.page_links import page_links
from glasnik.toolkit.access import institution_access

HTMX = {"HX-Request": "true"}
LONG_POST = {"text": "VAŽNO " + "a" * 300, "platforms": ["x", "instagram"], "language": "sr"}


@pytest.fixture
def team(db):
    return institution_team()


def urls(team) -> dict:
    slug = team.organization.slug
    return {
        name: reverse(f"coach:{name}", args=[slug]) for name in ("check_page", "check", "settings")
    }


def test_the_institution_team_opens_the_coach_and_outsiders_are_told_nothing(team, client):
    for person in (team.officer, team.approver, team.mentor, team.organiser):
        login_with_second_factor(client, person)
        assert client.get(urls(team)["check_page"]).status_code == 200
        assert client.get(urls(team)["settings"]).status_code == 200
        assert client.post(urls(team)["check"], LONG_POST, headers=HTMX).status_code == 200

    client.force_login(team.outsider)
    assert client.get(urls(team)["check_page"]).status_code == 404
    assert client.get(urls(team)["settings"]).status_code == 404
    assert client.post(urls(team)["check"], LONG_POST, headers=HTMX).status_code == 404
    assert client.post(urls(team)["settings"], {"enabled": []}).status_code == 404


def test_the_check_answers_htmx_with_the_tips_alone(team, client):
    client.force_login(team.officer)

    response = client.post(urls(team)["check"], LONG_POST, headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "306 characters; X takes 280." in html
    assert "Why it matters:" in html
    assert "How to fix it:" in html
    assert html.index("Too long for a platform") < html.index("Words in capital letters")
    assert response.templates[0].name == "coach/_tips.html"


def test_without_javascript_the_page_is_drawn_again_with_the_tips_and_the_text(team, client):
    client.force_login(team.officer)

    response = client.post(urls(team)["check_page"], LONG_POST)

    html = response.content.decode()
    assert "<html" in html
    assert "306 characters; X takes 280." in html
    assert "a" * 300 in html  # what was typed stays in the form
    assert 'aria-live="polite"' in html
    # The check itself, asked without htmx (a form's submit), answers with the whole page too.
    whole = client.post(urls(team)["check"], LONG_POST).content.decode()
    assert "<html" in whole
    assert "306 characters; X takes 280." in whole


def test_a_good_post_has_nothing_to_fix(team, client):
    client.force_login(team.officer)
    post = {"text": "Pozivamo građane na Dan grada. Prijavite se.", "platforms": ["x"]}

    response = client.post(urls(team)["check"], post, headers=HTMX)

    assert "Nothing to fix." in response.content.decode()


def test_bad_input_is_explained_and_the_text_kept(team, client):
    client.force_login(team.officer)
    post = {"text": "Dan grada", "platforms": ["myspace"]}

    partial = client.post(urls(team)["check"], post, headers=HTMX).content.decode()
    page = client.post(urls(team)["check_page"], post).content.decode()

    assert 'role="alert"' in partial
    assert "myspace" in partial
    assert "Dan grada</textarea>" in page


def test_the_check_page_starts_empty_in_the_institution_s_language(team, client):
    client.force_login(team.officer)

    html = client.get(urls(team)["check_page"]).content.decode()

    assert "the tips appear here as you write" in html
    assert f'hx-post="{urls(team)["check"]}"' in html
    assert (
        'hx-trigger="input changed delay:400ms from:#coach-form, change from:#coach-form"' in html
    )
    assert '<option value="sr" selected>' in html


def test_the_check_needs_post(team, client):
    client.force_login(team.officer)

    assert client.get(urls(team)["check"]).status_code == 405


def test_rules_the_institution_turned_off_give_no_tips(team, client):
    coach_settings_update(organization=team.organization, disabled=["length"], actor=team.officer)
    client.force_login(team.colleague)

    html = client.post(urls(team)["check"], LONG_POST, headers=HTMX).content.decode()

    assert "Too long for a platform" not in html
    assert "Words in capital letters" in html


def test_staff_turn_rules_off_with_an_audit_entry(team, client):
    client.force_login(team.officer)
    enabled = [code for code in RULES if code not in ("all_caps", "quotes")]

    response = client.post(urls(team)["settings"], {"enabled": enabled})

    assert response.status_code == 302
    assert coach_disabled_rules(team.organization) == {"all_caps", "quotes"}
    entry = AuditLogEntry.objects.get(action="coach.settings.updated")
    assert entry.data == {"disabled": ["all_caps", "quotes"], "before": []}
    html = client.get(urls(team)["settings"]).content.decode()
    assert 'value="all_caps" id="rule-all_caps" aria-describedby="rule-all_caps-why">' in html
    assert 'value="length" id="rule-length" aria-describedby="rule-length-why" checked>' in html


def test_only_staff_change_the_rules_the_others_read_them(team, client):
    for person in (team.approver, team.mentor, team.organiser):
        login_with_second_factor(client, person)
        html = client.get(urls(team)["settings"]).content.decode()
        assert 'type="checkbox"' not in html
        assert "Only the institution's staff change these rules." in html
        assert client.post(urls(team)["settings"], {"enabled": []}).status_code == 403
    assert not CoachSettings.objects.exists()


def test_an_unknown_rule_is_refused(team):
    with pytest.raises(ValidationError):
        coach_settings_update(organization=team.organization, disabled=["nope"], actor=None)

    assert not CoachSettings.objects.exists()


def test_a_tampered_settings_form_is_refused_with_a_message(team, client):
    client.force_login(team.officer)

    response = client.post(urls(team)["settings"], {"enabled": ["nope"]})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not CoachSettings.objects.exists()


def test_the_toolkit_page_links_to_the_coach(team, client):
    links = page_links("toolkit", team.officer, institution_access(team.officer, team.organization))

    assert [link.label for link in links if link.group == "Post coach"] == [
        "Post coach",
        "Coach settings",
    ]
    client.force_login(team.officer)
    html = client.get(reverse("toolkit:home", args=[team.organization.slug])).content.decode()
    assert urls(team)["check_page"] in html
    assert urls(team)["settings"] in html


def _check_queries(client, team, post) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(urls(team)["check"], post, headers=HTMX)
    assert response.status_code == 200
    return len(queries)


def test_the_check_s_query_count_is_fixed(team, client):
    client.force_login(team.officer)
    coach_settings_update(organization=team.organization, disabled=["quotes"], actor=team.officer)
    short = {"text": "Dan", "platforms": ["x"]}
    long = {
        "text": " ".join(["#Tag VAŽNO https://bit.ly/x reč."] * 100),
        "platforms": ["x", "instagram", "facebook", "linkedin"],
        "is_announcement": "on",
        "has_media": "on",
    }

    _check_queries(client, team, short)  # the first request of a session reads a little more

    assert _check_queries(client, team, short) == _check_queries(client, team, long)

"""The network's whole journey, in every interface language: an organiser opens a call, a new
communicator signs up from it and applies, the organiser approves, the new member finds
themselves in the directory, says they will come to the next meeting, reads it from their
calendar feed and proposes a topic that another member votes for. Every page is checked with
axe-core, and the interface is checked to be in the language (and script) of the address."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect
from second_factor import login_with_second_factor

from glasnik.core.reader_script import text_in_reader_script

pytestmark = [pytest.mark.django_db(transaction=True)]

LANGUAGES = [code for code, _ in settings.LANGUAGES]
NEWCOMER_EMAIL = "novi.komunikator@example.org"
NEWCOMER_PASSWORD = "Jesenje-lisce-2026-nov"
CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+(/[^\s\"'<>]*/accounts/confirm-email/[^\s\"'<>]+)")


def shown(text: str, language: str) -> str:
    """A catalog string as a reader of `language` sees it (in their script)."""
    with translation.override(language):
        return text_in_reader_script(gettext(text), language)


@pytest.fixture
def world(make_person, make_organization):
    from allauth.mfa.totp.internal.auth import TOTP

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import Event, EventKind, EventMode
    from glasnik.networks.models import Network
    from glasnik.networks.services.memberships import membership_apply, membership_approve
    from glasnik.organizations.search import organization_search_text

    association = make_organization("Stalna konferencija gradova i opština", kind="association")
    stari_grad = make_organization(
        "Opština Stari grad",
        search_name=organization_search_text(name="Opština Stari grad", name_cyrillic=""),
    )
    network = Network.objects.create(
        name="Mreža komunikatora", slug="mreza", organization=association
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    ana = make_person("ana@example.org", first_name="Ana", last_name="Jovanović")
    membership_approve(
        membership=membership_apply(network=network, person=ana, organization=association),
        actor=organiser,
    )
    starts = timezone.now() + timedelta(days=5)
    meeting = Event.objects.create(
        kind=EventKind.NETWORK_MEETING,
        network=network,
        title="Mesečni sastanak mreže",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/mreza",
    )
    return {
        "network": network,
        "organiser": organiser,
        "ana": ana,
        "meeting": meeting,
        "stari_grad": stari_grad,
    }


def signed_in_page(browser, live_server, person):
    client = Client()
    login_with_second_factor(client, person)
    context = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def local(moment) -> str:
    return moment.astimezone(ZoneInfo("Europe/Belgrade")).strftime("%Y-%m-%dT%H:%M")


# New strings of each part of the journey: each must be translated (English only for "en").
JOURNEY_STRINGS = [
    "The call has been created. Now add the questions of the membership statement.",
    "Your statement has been sent. We have emailed you a confirmation.",
    "The statement has been approved.",
    "Your answer has been saved.",
    "Your calendar address",
    "Propose a topic",
]


def test_journey_strings_are_translated_into_every_language():
    for language in LANGUAGES:
        for text in JOURNEY_STRINGS:
            assert (shown(text, language) == text) == (language == "en"), (language, text)


def expect_interface_in(page, language: str) -> None:
    html_lang = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "bs-cyrl": "bs-Cyrl"}.get(
        language, language
    )
    expect(page.locator("html")).to_have_attribute("lang", html_lang)
    menu = page.get_by_role("navigation", name=shown("Main", language))
    expect(menu.get_by_role("link", name=shown("Networks", language))).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.browser
def test_call_application_directory_meeting_feed_and_topic(
    browser, live_server, world, assert_accessible, language
):
    from glasnik.events.models import Rsvp
    from glasnik.networks.models import Call, Membership, Statement, TopicProposal, TopicVote

    mail.outbox.clear()
    prefix = f"/{language}/networks/mreza"
    organiser = signed_in_page(browser, live_server, world["organiser"])

    # The organiser opens a call with one question and publishes it.
    organiser.goto(f"{prefix}/calls/new/")
    expect_interface_in(organiser, language)
    now = timezone.now()
    organiser.locator("#id_title").fill("Javni poziv 2026")
    organiser.locator("#id_text").fill("Pozivamo komunikatore lokalnih samouprava.")
    organiser.locator("#id_opens_at").fill(local(now - timedelta(hours=1)))
    organiser.locator("#id_closes_at").fill(local(now + timedelta(days=30)))
    assert_accessible(organiser, f"every-language-{language}-call-new")
    organiser.locator("main form button[type=submit]").click()
    expect(organiser.locator(".messages")).to_contain_text(
        shown(
            "The call has been created. Now add the questions of the membership statement.",
            language,
        )
    )
    call = Call.objects.get()
    organiser.locator("input[name=kind][value=text]").check()
    organiser.locator("#id_label").fill("Odeljenje u kojem radite")
    organiser.locator("form:has(#id_label) button[type=submit]").click()
    expect(organiser.locator(".question-list li")).to_have_count(1)
    organiser.locator("form[action$='/publish/'] button[type=submit]").click()
    expect(organiser.locator(".messages")).to_contain_text(
        shown("The call is published: anyone can read it.", language)
    )
    assert_accessible(organiser, f"every-language-{language}-call-published")

    # A communicator without an account reads the call, signs up from it and applies.
    visitor = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
    visitor.set_default_timeout(10_000)
    newcomer = visitor.new_page()
    newcomer.goto(f"{prefix}/calls/{call.slug}/")
    expect(newcomer.locator("h1")).to_have_text(text_in_reader_script("Javni poziv 2026", language))
    expect_interface_in(newcomer, language)
    assert_accessible(newcomer, f"every-language-{language}-call-public")
    newcomer.locator("main a[href*='/accounts/signup/?next=']").first.click()
    newcomer.locator("input[name=email]").fill(NEWCOMER_EMAIL)
    newcomer.locator("input[name=password1]").fill(NEWCOMER_PASSWORD)
    newcomer.locator("input[name=password2]").fill(NEWCOMER_PASSWORD)
    newcomer.locator("form:has(input[name=password1]) [type=submit]").click()
    expect(newcomer).to_have_url(re.compile(r"/accounts/confirm-email/"))
    message = next(m for m in mail.outbox if m.to == [NEWCOMER_EMAIL])
    newcomer.goto(CONFIRM_LINK.search(message.body).group(1))
    newcomer.locator("main form [type=submit]").click()
    expect(newcomer).to_have_url(re.compile(rf"{prefix}/calls/{call.slug}/apply/$"))
    expect_interface_in(newcomer, language)
    # The search field asks as one types only once htmx has set it up (after the page's load).
    newcomer.wait_for_load_state("load")
    newcomer.locator("#id_organization_q").fill("stari")
    newcomer.locator("#id_organization_q_listbox [role=option]").first.click()
    newcomer.locator("#id_first_name").fill("Nikola")
    newcomer.locator("#id_last_name").fill("Novaković")
    newcomer.locator("#id_position_title").fill("Portparol")
    newcomer.locator("input[name^=question_]").fill("Kabinet predsednika opštine")
    assert_accessible(newcomer, f"every-language-{language}-statement")
    newcomer.locator("main form button[type=submit]:not([name=_search])").click()
    expect(newcomer.locator(".messages")).to_contain_text(
        shown("Your statement has been sent. We have emailed you a confirmation.", language)
    )
    statement = Statement.objects.get()
    assert statement.organization == world["stari_grad"]
    assert statement.person.preferred_language == language

    # The organiser approves the statement; the communicator becomes a member.
    organiser.goto(f"{prefix}/calls/{call.slug}/statements/{statement.pk}/")
    organiser.locator("input[name=decision][value=approve]").check()
    organiser.locator("form:has(input[name=decision]) button[type=submit]").click()
    expect(organiser.locator(".messages")).to_contain_text(
        shown("The statement has been approved.", language)
    )
    assert Membership.objects.get(person=statement.person).status == "member"

    # The new member finds themselves in the directory.
    newcomer.goto(f"{prefix}/directory/?q=stari")
    expect_interface_in(newcomer, language)
    expect(newcomer.locator("main table tbody tr")).to_have_count(1)
    expect(newcomer.locator("main table tbody th")).to_have_text(
        text_in_reader_script("Nikola Novaković", language)
    )
    expect(newcomer.locator("main table")).to_contain_text(
        text_in_reader_script("Opština Stari grad", language)
    )
    assert_accessible(newcomer, f"every-language-{language}-directory")

    # They say they will come to the next meeting.
    meeting = world["meeting"]
    newcomer.goto(f"/{language}/events/{meeting.pk}/")
    newcomer.locator("input[name=answer][value=yes]").check()
    newcomer.locator("form[action$='/answer/'] button[type=submit]").click()
    expect(newcomer.locator("#rsvp")).to_contain_text(
        shown("Your answer has been saved.", language)
    )
    assert_accessible(newcomer, f"every-language-{language}-meeting")
    assert Rsvp.objects.get(person=statement.person).answer == "yes"

    # Their calendar app reads the meeting from their personal feed.
    newcomer.goto(f"/{language}/events/mine/")
    assert_accessible(newcomer, f"every-language-{language}-my-meetings")
    feed_url = newcomer.locator("#feed-url").input_value()
    feed = visitor.request.get(feed_url)  # a calendar app: no session needed
    assert feed.ok
    calendar = icalendar.Calendar.from_ical(feed.body())
    uids = [str(component["UID"]) for component in calendar.walk("VEVENT")]
    assert any(str(meeting.uid) in uid for uid in uids)

    # They propose a topic; another member votes for it.
    newcomer.goto(f"{prefix}/topics/new/")
    expect_interface_in(newcomer, language)
    newcomer.locator("#id_title").fill("Krizno komuniciranje na mrežama")
    newcomer.locator("main form button[type=submit]").click()
    proposal = TopicProposal.objects.get()
    assert proposal.author == statement.person
    colleague = signed_in_page(browser, live_server, world["ana"])
    colleague.goto(f"{prefix}/topics/")
    expect_interface_in(colleague, language)
    colleague.locator(f"form[action$='/topics/{proposal.pk}/vote/'] button[type=submit]").click()
    expect(
        colleague.locator(f"form[action$='/topics/{proposal.pk}/vote/'] button[aria-pressed=true]")
    ).to_be_visible()
    assert_accessible(colleague, f"every-language-{language}-topics")
    assert TopicVote.objects.filter(proposal=proposal, person=world["ana"]).count() == 1
    visitor.close()

"""Small screens and long words (WCAG 1.4.10, reflow): the key pages at a phone's width never
scroll sideways, a 150-letter word wraps, wide tables scroll in their own focusable, labelled
region (the agenda reads as one card per session), the password rules are the password field's
description, and axe-core passes. Screenshots of each page at 375 px are in test-results/."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELGRADE = ZoneInfo("Europe/Belgrade")
PHONE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10's 320 CSS px
LONG_WORD = "Dugačkareč" * 15  # 150 letters, as a pasted address or a name without spaces would be


@pytest.fixture
def world(make_person, make_organization):
    from allauth.mfa.totp.internal.auth import TOTP

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import AgendaItem, Event, EventKind, EventMode, Lecturer
    from glasnik.networks.models import Call, Network, Statement
    from glasnik.networks.services.memberships import membership_apply, membership_approve
    from glasnik.programs.models import Program

    association = make_organization("Stalna konferencija gradova i opština", kind="association")
    program = Program.objects.create(
        name="Društvene mreže — program obuke i mentorstva",
        slug="drustvene-mreze",
        organization=association,
        description=f"Program obuke za PR službe lokalnih samouprava. {LONG_WORD}",
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    network = Network.objects.create(
        name="Mreža komunikatora", slug="mreza", organization=association
    )
    organiser = make_person("jelena@example.org", first_name="Jelena", last_name="Marković")
    for scope in (program, network):
        role_grant(person=organiser, role=Role.ORGANISER, scope=scope)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")

    first_day = timezone.localtime(timezone.now(), BELGRADE).date() + timedelta(days=14)
    starts = timezone.make_aware(
        timezone.datetime.combine(first_day, timezone.datetime.min.time()), BELGRADE
    ) + timedelta(hours=9, minutes=30)
    training = Event.objects.create(
        kind=EventKind.TRAINING,
        program=program,
        title="Dvodnevni trening: društvene mreže za lokalne samouprave",
        starts_at=starts,
        ends_at=starts + timedelta(days=1, hours=7),
        time_zone="Europe/Belgrade",
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        venue_address="Makedonska 22, Beograd",
        registration_enabled=True,
        capacity=25,
    )
    lecturers = [
        Lecturer.objects.create(name="Dragana Stanković", slug="dragana"),
        Lecturer.objects.create(name="Milan Šarić", slug="milan"),
    ]
    sessions = [
        ("Društvene mreže u komunikaciji lokalne samouprave", "theory", lecturers[:1]),
        (f"Individualna vežba: {LONG_WORD}", "exercise", lecturers),
        ("Grupni rad: plan objava za mesec dana", "group_work", lecturers[1:]),
    ]
    for number, (title, kind, people) in enumerate(sessions):
        item = AgendaItem.objects.create(
            event=training,
            position=number,
            title=title,
            session_type=kind,
            room="Sala 1",
            starts_at=starts + timedelta(hours=2 * number),
            ends_at=starts + timedelta(hours=2 * number + 1, minutes=30),
        )
        item.lecturers.set(people)

    now = timezone.now()
    call = Call.objects.create(
        network=network,
        title="Javni poziv za iskazivanje interesa za članstvo u Mreži komunikatora 2026.",
        slug="poziv-2026",
        text=f"Pozivamo službenike za odnose s javnošću da se priključe mreži. {LONG_WORD}",
        eligibility="Službenici za odnose s javnošću u gradovima i opštinama.",
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=30),
        is_published=True,
    )
    for number, position in enumerate((LONG_WORD, "Šefica službe za informisanje")):
        person = make_person(first_name="Ana", last_name=f"Jovanović {number}")
        institution = make_organization(f"Opština Stari grad {number}")
        Statement.objects.create(
            call=call, person=person, organization=institution, position_title=position
        )
        membership = membership_apply(
            network=network, person=person, organization=institution, position_title=position
        )
        membership_approve(membership=membership, actor=organiser)
    return {
        "organiser": organiser,
        "program": program,
        "network": network,
        "call": call,
        "training": training,
    }


def phone_page(browser, live_server, person=None):
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", base_url=live_server.url, viewport=PHONE
    )
    context.set_default_timeout(10_000)
    if person is not None:
        client = Client()
        login_with_second_factor(client, person)
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


def expect_no_sideways_scroll(page) -> None:
    """At 375 and at 320 CSS px the page is no wider than the screen."""
    for size in (NARROWEST, PHONE):
        page.set_viewport_size(size)
        width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= screen, f"{page.url} is {width} px wide at {screen} px"


def expect_long_word_wraps(page) -> None:
    """The innermost element holding the long word is no wider than the screen."""
    right, screen = page.evaluate(
        """(word) => {
            const holders = [...document.querySelectorAll('main *')].filter(
                (element) => element.textContent.includes(word)
                    && ![...element.children].some((child) => child.textContent.includes(word)));
            return [Math.max(...holders.map((e) => e.getBoundingClientRect().right)),
                    window.innerWidth];
        }""",
        LONG_WORD,
    )
    assert right <= screen, f"the long word on {page.url} reaches {right} px of {screen}"


def expect_table_in_its_own_region(page, caption: str) -> None:
    """A table wider than the screen scrolls in a region named by its caption, which the
    keyboard can reach; the region itself is no wider than the screen."""
    region = page.get_by_role("region", name=caption)
    expect(region).to_have_attribute("tabindex", "0")
    box = region.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]


def test_key_pages_fit_a_phone_and_long_words_wrap(browser, live_server, world, assert_accessible):
    program, network, call = world["program"], world["network"], world["call"]
    page = phone_page(browser, live_server, world["organiser"])

    # The agenda of a programme event: one card per session, the long title wrapped.
    page.goto(f"/en/events/programme/{world['training'].pk}/")
    session = page.get_by_role("rowheader", name=re.compile("Individualna vežba"))
    expect(session).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("^Day 1"))).to_be_visible()
    row = page.get_by_role("row").filter(has=session)
    # Still a table to assistive technology, each cell labelled on screen.
    expect(row.get_by_role("cell", name="Type: Exercise")).to_be_visible()
    expect(
        row.get_by_role("cell", name="Lecturers: Dragana Stanković, Milan Šarić")
    ).to_be_visible()
    assert_accessible(page, "phone-agenda")
    expect_no_sideways_scroll(page)
    expect_long_word_wraps(page)

    # The statements of a call, for the organiser: the table scrolls in its own region.
    page.set_viewport_size(PHONE)
    page.goto(f"/en/networks/{network.slug}/calls/{call.slug}/statements/")
    expect_table_in_its_own_region(page, "2 statements")
    assert_accessible(page, "phone-statements")
    expect_no_sideways_scroll(page)

    # The member directory.
    page.set_viewport_size(PHONE)
    page.goto(f"/en/networks/{network.slug}/directory/")
    expect_table_in_its_own_region(page, "2 members")
    assert_accessible(page, "phone-directory")
    expect_no_sideways_scroll(page)

    # The programme's page: its description wraps, its events scroll in their region.
    page.set_viewport_size(PHONE)
    page.goto(f"/en/programmes/{program.slug}/")
    expect_table_in_its_own_region(page, "The programme's events")
    assert_accessible(page, "phone-programme")
    expect_no_sideways_scroll(page)
    expect_long_word_wraps(page)

    # The call's public page.
    page.set_viewport_size(PHONE)
    page.goto(f"/en/networks/{network.slug}/calls/{call.slug}/")
    expect(page.locator("h1")).to_have_text(call.title)
    assert_accessible(page, "phone-call")
    expect_no_sideways_scroll(page)
    expect_long_word_wraps(page)
    page.context.close()


def test_sign_up_on_a_phone_describes_the_password_field_with_its_rules(
    browser, live_server, assert_accessible
):
    page = phone_page(browser, live_server)

    page.goto("/en/accounts/signup/")

    password = page.get_by_label("Password:", exact=True)
    expect(password).to_have_accessible_description(
        re.compile(r"Your password must contain at least 10 characters\.")
    )
    rules = page.locator(f"#{password.get_attribute('aria-describedby')}")
    expect(rules.get_by_role("listitem")).to_have_count(4)
    assert_accessible(page, "phone-signup")
    expect_no_sideways_scroll(page)
    page.context.close()

"""A platform administrator creates a programme and names its organiser; the organiser adds
four phases, publishes it, creates a lecturer and a two-day training with a full agenda; a
visitor reads the programme list, the programme page with its timeline, the training and the
lecturer's profile. Every page is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


def sign_in(browser, live_server, person):
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


@pytest.fixture
def world(make_person, make_organization):
    association = make_organization("Stalna konferencija gradova i opština", kind="association")
    admin = make_person("admin@example.org", first_name="Ivana", last_name="Radović")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    TOTP.activate(admin, TOTP_SECRET)
    organiser = make_person("jelena@example.org", first_name="Jelena", last_name="Marković")
    TOTP.activate(organiser, TOTP_SECRET)  # organisers must use two-factor sign-in
    return {"association": association, "admin": admin, "organiser": organiser}


PHASES = [
    ("research", "Istraživanje", -60, -31),
    ("training", "Treninzi uživo", -30, 30),
    ("mentoring", "Mentorske sesije", 31, 90),
    ("competition", "Takmičenje", 91, 150),
]
# (day, start, end, title, type)
AGENDA = [
    ("1", "09:30", "11:00", "Društvene mreže u lokalnoj samoupravi", "theory"),
    ("1", "11:15", "12:45", "Individualna vežba: analiza profila", "exercise"),
    ("1", "13:30", "15:00", "Grupna vežba: plan objava", "group_work"),
    ("2", "09:30", "11:00", "Dobre i loše prakse", "practice"),
    ("2", "11:15", "12:45", "Krizno komuniciranje", "theory"),
    ("2", "13:30", "15:00", "Diskusija i praktični saveti", "discussion"),
]


def test_organiser_builds_a_programme_and_a_visitor_reads_it(
    browser, live_server, world, assert_accessible
):
    today = timezone.localdate()

    # The administrator creates the programme and names its organiser.
    admin = sign_in(browser, live_server, world["admin"])
    admin.goto("/en/programmes/")
    admin.get_by_role("link", name="Create a programme").click()
    assert_accessible(admin, "program-create")
    admin.get_by_label(re.compile(r"^Name")).fill("Društvene mreže — program obuke i mentorstva")
    admin.get_by_label(re.compile(r"^Organiser:?$")).fill("stalna")
    admin.get_by_role("option", name=re.compile("Stalna konferencija gradova i opština")).click()
    admin.get_by_label(re.compile(r"^Enrolment")).select_option("open")
    admin.get_by_label(re.compile(r"^Organisers")).fill("jelena@example.org")
    admin.get_by_role("button", name="Create the programme").click()
    expect(admin.locator("h1")).to_have_text("Društvene mreže — program obuke i mentorstva")
    slug = admin.url.rstrip("/").rsplit("/", 1)[1]
    admin.context.close()

    # The organiser adds four phases and publishes.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/programmes/{slug}/")
    expect(page.get_by_text("Draft: only the programme's team sees this page.")).to_be_visible()
    assert_accessible(page, "program-draft")
    page.get_by_role("link", name="Phases").click()
    for kind, title, first, last in PHASES:
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Title").fill(title)
        page.get_by_label("Starts").fill((today + timedelta(days=first)).isoformat())
        page.get_by_label("Ends").fill((today + timedelta(days=last)).isoformat())
        page.get_by_role("button", name="Add the phase").click()
        expect(page.get_by_text("The phase has been added.")).to_be_visible()
    expect(page.locator("ol.timeline > li")).to_have_count(4)
    assert_accessible(page, "program-phases")
    page.get_by_role("link", name="Društvene mreže — program obuke i mentorstva").click()
    page.get_by_role("button", name="Publish the programme").click()
    expect(page.get_by_text("The programme is now public.")).to_be_visible()

    # A lecturer's profile.
    page.get_by_role("link", name="Lecturers").first.click()
    page.get_by_role("link", name="New lecturer's profile").click()
    assert_accessible(page, "lecturer-form")
    page.get_by_label("Name").fill("Dragan Ilić")
    page.get_by_label("Title or role").fill("Trener i mentor")
    page.get_by_label("Biography").fill("Petnaest godina rada sa lokalnim samoupravama.")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.locator("h1")).to_have_text("Dragan Ilić")
    assert_accessible(page, "lecturer-profile")

    # A two-day training at the training centre.
    page.goto(f"/en/programmes/{slug}/")
    page.get_by_role("link", name="New event").click()
    first_day = today + timedelta(days=20)
    page.get_by_label("Title").fill("Dvodnevni trening u SKIP centru")
    page.get_by_label("Starts").fill(f"{first_day.isoformat()}T09:30")
    page.get_by_label("Ends").fill(f"{(first_day + timedelta(days=1)).isoformat()}T16:00")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Venue").fill("SKIP centar")
    page.get_by_label("Address").fill("Bulevar Zorana Đinđića 64a, Beograd")
    page.get_by_label("Map link").fill("https://www.openstreetmap.org/?q=skip")
    page.get_by_label("Public", exact=True).check()
    page.get_by_label("Seats").fill("25")
    assert_accessible(page, "program-event-form")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_text("The event has been created. Now add its agenda.")).to_be_visible()

    # Its agenda, three sessions at a time (the form offers three empty rows).
    lecturer_id = None
    expect(page.locator("fieldset.agenda-item")).to_have_count(3)
    for round_number, batch in enumerate((AGENDA[:3], AGENDA[3:])):
        rows = page.locator("fieldset.agenda-item")
        offset = rows.count() - 3
        for number, (day, start, end, title, kind) in enumerate(batch, start=offset):
            prefix = f"agenda-{number}-"
            page.locator(f'[name="{prefix}title"]').fill(title)
            page.locator(f'[name="{prefix}day"]').select_option(index=int(day) - 1)
            page.locator(f'[name="{prefix}start_time"]').fill(start)
            page.locator(f'[name="{prefix}end_time"]').fill(end)
            page.locator(f'[name="{prefix}room"]').fill("Sala 1")
            page.locator(f'[name="{prefix}session_type"]').select_option(kind)
            checkbox = page.locator(f'[name="{prefix}lecturers"]').first
            lecturer_id = lecturer_id or checkbox.get_attribute("value")
            checkbox.check()
        assert_accessible(page, "program-agenda-form")
        page.get_by_role("button", name="Save the agenda").click()
        expect(page.get_by_text("The agenda has been saved.")).to_be_visible()
        if round_number == 0:
            page.get_by_role("link", name="Edit the agenda").click()
            # The three saved sessions and three empty rows.
            expect(page.locator("fieldset.agenda-item")).to_have_count(6)
    expect(page.locator("table.agenda-day")).to_have_count(2)
    assert_accessible(page, "program-event-organiser")

    # The reports: a chart and a table for each, and the Excel download.
    page.goto(f"/en/programmes/{slug}/reports/")
    expect(page.locator("figure.bar-chart").first).to_be_visible()
    expect(page.get_by_role("table", name="Registrations")).to_be_visible()
    assert_accessible(page, "program-reports")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all reports as Excel (XLSX)").click()
    assert download.value.suggested_filename == f"{slug}-reports.xlsx"
    page.context.close()

    # A visitor reads the list, the programme page and its timeline, the training, the lecturer.
    visitor = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
    visitor.set_default_timeout(10_000)
    page = visitor.new_page()
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Programmes").click()
    assert_accessible(page, "program-list")
    page.get_by_role("link", name="Društvene mreže — program obuke i mentorstva").click()
    current = page.locator('ol.timeline > li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Treninzi uživo")
    expect(current).to_contain_text("Current phase")
    expect(page.locator("ol.timeline > li")).to_have_count(4)
    expect(page.get_by_text("Jelena Marković")).to_be_visible()
    assert_accessible(page, "program-page-visitor")
    page.get_by_role("link", name="Dvodnevni trening u SKIP centru").click()
    expect(page.locator("h1")).to_have_text("Dvodnevni trening u SKIP centru")
    expect(page.get_by_role("rowheader", name=re.compile("Krizno komuniciranje"))).to_be_visible()
    expect(page.locator("table.agenda-day caption").first).to_contain_text("Day 1")
    assert_accessible(page, "program-event-visitor")
    page.get_by_role("link", name="Dragan Ilić").first.click()
    expect(page.get_by_role("rowheader", name="Dobre i loše prakse")).to_be_visible()
    assert_accessible(page, "lecturer-visitor")
    assert lecturer_id
    visitor.close()

"""An organiser checks people in on both days of a two-day training on a phone (search and
button, and the QR code of a confirmation) and shows the room code; a participant checks in
with the room code, downloads a material and submits an exercise. axe-core on every page."""

import re
import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def world(make_person, make_organization):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import Event, EventKind, EventMode, Registration
    from glasnik.events.services.materials import assignment_create, material_create
    from glasnik.programs.models import Enrolment, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    today = timezone.localtime(timezone.now(), BELGRADE).date()
    yesterday = today - timedelta(days=1)
    training = Event.objects.create(
        kind=EventKind.TRAINING,
        program=program,
        title="Dvodnevna obuka: društvene mreže",
        starts_at=datetime.combine(yesterday, time(9), tzinfo=BELGRADE),
        ends_at=datetime.combine(today, time(23, 59), tzinfo=BELGRADE),
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        registration_enabled=True,
    )
    people = {}
    for email, first, last in [
        ("marko@example.org", "Marko", "Petrović"),
        ("ana@example.org", "Ana", "Anić"),
        ("milica@example.org", "Милица", "Јовановић"),
    ]:
        person = make_person(email, first_name=first, last_name=last)
        organization = make_organization()
        Enrolment.objects.create(
            program=program, person=person, organization=organization, status="enrolled"
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        people[first] = Registration.objects.create(
            event=training, person=person, organization=organization, status="confirmed"
        )
    material_create(
        event=training,
        actor=organiser,
        title="Slajdovi prvog dana",
        file=SimpleUploadedFile("slajdovi.pdf", b"%PDF-1.4\n% slides\n"),
    )
    assignment_create(
        event=training,
        actor=organiser,
        title="Plan objava",
        instructions="Napravite plan objava za mesec dana.",
        due_at=timezone.now() + timedelta(days=7),
    )
    return {
        "training": training,
        "organiser": organiser,
        "registrations": people,
        "today": today,
        "yesterday": yesterday,
    }


def test_organiser_checks_in_and_participant_self_checks_in(
    browser, live_server, world, assert_accessible
):
    from glasnik.events.models import Attendance, CheckinCode, Submission

    training = world["training"]
    page = sign_in(browser, live_server, world["organiser"], viewport=PHONE)

    # Today's list, found by name (Latin query, Latin name) and checked in with the button.
    page.goto(f"/en/events/{training.pk}/checkin/")
    expect(page.locator("h1")).to_have_text("Check-in")
    expect(page.locator("#checkin-counts")).to_contain_text("0 of 3 checked in")
    assert_accessible(page, "checkin-today")
    page.get_by_label("Find by name").fill("petro")
    expect(page.locator(".checkin-row")).to_have_count(1)
    page.get_by_role("button", name="Check in Marko Petrović").click()
    expect(page.locator("#checkin-counts")).to_contain_text("1 of 3 checked in")
    expect(page.get_by_role("button", name="Undo the check-in of Marko Petrović")).to_be_visible()
    assert_accessible(page, "checkin-today-marked")

    # Yesterday is over: a Cyrillic name is still found with a Latin query, but nobody is
    # checked in there any more; the attendance sheet corrects the day, and says so in the log.
    page.get_by_role("navigation", name="Days").get_by_role("link").first.click()
    expect(page.get_by_text("This day is over: check-in is for today only.")).to_be_visible()
    expect(page.locator("#checkin-counts")).to_contain_text("0 of 3 checked in")
    page.get_by_label("Find by name").fill("jovanovic")
    expect(page.locator(".checkin-row")).to_have_count(1)
    # Written in Cyrillic, read in Latin by the English-speaking organiser; yesterday has no
    # check-in buttons: it is corrected on the attendance sheet.
    expect(page.locator(".checkin-row")).to_contain_text("Milica")
    expect(page.get_by_role("button", name="Check in Milica Jovanović")).to_have_count(0)
    assert_accessible(page, "checkin-yesterday")
    page.get_by_role("link", name="Correct this day's attendance on the attendance sheet").click()
    for name in ("Milica Jovanović", "Marko Petrović"):
        page.get_by_role("button", name=re.compile(f"^Mark {name} present on ")).first.click()
        expect(page.get_by_role("status")).to_contain_text(f"Attendance of {name} on")
    assert (
        Attendance.objects.filter(
            day=world["today"] - timedelta(days=1), method="correction", is_present=True
        ).count()
        == 2
    )
    assert_accessible(page, "attendance-sheet-corrected")

    # The QR code of Ana's confirmation opens this address; GET only shows who it is.
    page.goto(f"/en/events/checkin/{world['registrations']['Ana'].checkin_token}/")
    expect(page.get_by_text("Ana Anić")).to_be_visible()
    assert not Attendance.objects.filter(registration=world["registrations"]["Ana"]).exists()
    assert_accessible(page, "checkin-qr")
    page.get_by_role("button", name="Check in for today").click()
    expect(page.get_by_text("Ana Anić is checked in for today.")).to_be_visible()
    assert_accessible(page, "checkin-qr-done")

    # The room code for today, and its page for the projector.
    page.goto(f"/en/events/{training.pk}/checkin/codes/")
    assert_accessible(page, "checkin-codes")
    page.get_by_role("button", name=re.compile(r"Make the code for .*")).last.click()
    expect(page.get_by_role("status")).to_contain_text("is ready")
    page.get_by_role("link", name="Show on the projector").click()
    code = CheckinCode.objects.get(event=training, day=world["today"]).code
    expect(page.locator(".code-big")).to_contain_text(code)
    assert_accessible(page, "checkin-code-projector")

    # The attendance sheet: people × days.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/en/events/{training.pk}/attendance/sheet/")
    expect(page.get_by_role("row", name=re.compile("Petrović Marko"))).to_contain_text(
        "Meets the rule"
    )
    assert_accessible(page, "attendance-sheet")
    page.context.close()

    # Milica checks herself in today with the room code, typed in lower case.
    page = sign_in(browser, live_server, world["registrations"]["Милица"].person, viewport=PHONE)
    page.goto(f"/en/events/{training.pk}/attendance/")
    assert_accessible(page, "self-checkin")
    page.get_by_label("Code shown in the room").fill("ZZZZZZ")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("This code is not valid. Check it and try again.")).to_be_visible()
    assert_accessible(page, "self-checkin-wrong-code")
    page.get_by_label("Code shown in the room").fill(code.lower())
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("You are checked in for today. Welcome!")).to_be_visible()
    expect(page.get_by_text("You attended 2 days; the certificate requires 2.")).to_be_visible()
    assert_accessible(page, "self-checkin-done")
    assert Attendance.objects.filter(
        registration=world["registrations"]["Милица"], day=world["today"], method="self"
    ).exists()

    # Materials: download the slides.
    page.get_by_role("link", name="Materials and exercises").click()
    assert_accessible(page, "materials")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Slajdovi prvog dana").click()
    assert download_info.value.suggested_filename == "slajdovi.pdf"

    # The exercise: submit an answer.
    page.get_by_role("link", name="Plan objava").click()
    assert_accessible(page, "assignment")
    page.get_by_label("Your answer").fill("Ponedeljkom vesti, petkom fotografije.")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Your work has been submitted.")).to_be_visible()
    assert_accessible(page, "assignment-submitted")
    assert Submission.objects.get().text == "Ponedeljkom vesti, petkom fotografije."
    page.context.close()

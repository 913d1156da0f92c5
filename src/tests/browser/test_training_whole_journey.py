"""Issue 5's "Done when", end to end in one real browser, as new users go through it:

an administrator opens a programme for an association and names its organiser; the organiser
adds four phases, two lecturers and a two-day training with a full agenda (3 seats, both days
needed for a certificate) and publishes; four people enrol and register until the training is
full and the fourth waits; one cancels, the one waiting is offered the seat by email and
confirms it; the organiser checks people in on both days and uploads the slides, which a
participant downloads; after the training the organiser invites the participants to rate it,
and they rate the training and each lecturer; the organiser issues the certificates in bulk
(the one who missed a day is skipped with the reason), a participant downloads theirs and a
stranger opens the address of its QR code and sees it is authentic; the organiser reads the
reports and downloads them as Excel. axe-core checks every page visited.

Real time cannot pass in a test, so between steps the training is moved in the calendar in the
database (see `move_training`): created for tomorrow so that registration is open, moved so its
first day is today for the check-in, a day later so its second day is (check-in is for today only),
and moved into the past for feedback and certificates (issued only after the training's end).
"""

import io
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELGRADE = ZoneInfo("Europe/Belgrade")
TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
PHONE = {"width": 390, "height": 844}

ASSOCIATION = "Stalna konferencija gradova i opština"
PROGRAMME = "Društvene mreže — program obuke i mentorstva"
TRAINING = "Radionica 1: komunikacija na društvenim mrežama"
# (kind, title, first day, last day) relative to today.
PHASES = [
    ("research", "Istraživanje potreba", -60, -31),
    ("training", "Treninzi uživo", -30, 30),
    ("mentoring", "Mentorske sesije", 31, 90),
    ("competition", "Takmičenje gradova i opština", 91, 150),
]
LECTURERS = [
    ("Dragana Stanković", "Trenerica za društvene mreže"),
    ("Milan Šarić", "Stručnjak za krizno komuniciranje"),
]
DRAGANA, MILAN = (name for name, _title in LECTURERS)
# (day, from, to, title, session type, lecturers)
AGENDA = [
    (1, "09:30", "11:00", "Društvene mreže u lokalnoj samoupravi", "theory", [DRAGANA]),
    (1, "11:15", "12:45", "Individualna vežba: analiza profila opštine", "exercise", [DRAGANA]),
    (1, "13:30", "15:00", "Grupni rad: plan objava za mesec dana", "group_work", [DRAGANA, MILAN]),
    (2, "09:30", "11:00", "Krizno komuniciranje na mrežama", "theory", [MILAN]),
    (2, "11:15", "12:45", "Dobre i loše prakse", "practice", [MILAN]),
    (2, "13:30", "15:00", "Diskusija i praktični saveti", "discussion", [DRAGANA, MILAN]),
]
# key: (first name, last name, institution)
PARTICIPANTS = {
    "ana": ("Ana", "Jovanović", "Opština Kula"),
    "bojan": ("Bojan", "Ilić", "Grad Novi Sad"),
    "vesna": ("Vesna", "Popović", "Opština Bor"),
    "goran": ("Goran", "Nikolić", "Opština Ub"),
}
# Each participant's ratings: (the training, Dragana, Milan).
RATINGS = {"bojan": (5, 5, 4), "vesna": (4, 5, 3), "goran": (4, 4, 4)}
# A small PDF for the materials page (the upload is checked to start as a PDF does).
SLIDES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
RATING_NAMES = {1: "1 – poor", 3: "3 – good", 4: "4 – very good", 5: "5 – excellent"}


@pytest.fixture
def world(make_person, make_organization, live_server, settings):
    from glasnik.accounts.models import Position

    # Links in emails and the address printed on certificates point at the test server.
    settings.SITE_URL = live_server.url
    make_organization(ASSOCIATION, kind="association")
    admin = make_person("admin@example.org", first_name="Ivana", last_name="Radović")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    organiser = make_person("jelena@example.org", first_name="Jelena", last_name="Marković")
    for person in (admin, organiser):
        TOTP.activate(person, TOTP_SECRET)  # organisers and administrators must use 2FA
    people = {"admin": admin, "organiser": organiser}
    for key, (first, last, institution) in PARTICIPANTS.items():
        person = make_person(f"{key}@example.org", first_name=first, last_name=last)
        # Their position at the institution they will take part for (set on their profile).
        Position.objects.create(
            person=person, organization=make_organization(institution), title="PR služba"
        )
        people[key] = person
    return people


# --- helpers -----------------------------------------------------------------------------


def sign_in(browser, live_server, person, *, viewport=None):
    """A browser context signed in as `person` (a forced session, as the other journeys do)."""
    client = Client()
    login_with_second_factor(client, person)
    context = browser.new_context(
        bypass_csp=True,
        locale="en-GB",
        base_url=live_server.url,
        viewport=viewport,
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Cancel your registration?"
    return page


def local_today() -> date:
    return timezone.localtime(timezone.now(), BELGRADE).date()


def move_training(training, *, days: int) -> None:
    """Move the training `days` days in the calendar, with its agenda and the attendance taken
    so far, keeping the clock times in Belgrade (real time cannot pass in a test)."""
    from glasnik.events.models import AgendaItem, Attendance, Event

    def moved(moment):
        return moment.astimezone(BELGRADE) + timedelta(days=days) if moment else None

    training.refresh_from_db()
    Event.objects.filter(pk=training.pk).update(
        starts_at=moved(training.starts_at), ends_at=moved(training.ends_at)
    )
    for item in AgendaItem.objects.filter(event=training):
        AgendaItem.objects.filter(pk=item.pk).update(
            starts_at=moved(item.starts_at), ends_at=moved(item.ends_at)
        )
    # Earliest first when moving back (latest first when forward): no two rows ever collide.
    order = "day" if days < 0 else "-day"
    for attendance in Attendance.objects.filter(registration__event=training).order_by(order):
        Attendance.objects.filter(pk=attendance.pk).update(
            day=attendance.day + timedelta(days=days)
        )
    training.refresh_from_db()


def path_of(url: str) -> str:
    """The path of an absolute link in an email, to open it on the test server."""
    return "/" + url.split("/", 3)[3]


def mail_to(email: str, subject_start: str):
    [message] = [m for m in mail.outbox if m.to == [email] and m.subject.startswith(subject_start)]
    return message


def expect_cells(table, label: str, figures: list[str]) -> None:
    """The figures of a report table's row, found by the row's label."""
    header = table.page.get_by_role("rowheader", name=label, exact=True)
    expect(table.get_by_role("row").filter(has=header).locator("td")).to_have_text(figures)


# --- the steps -----------------------------------------------------------------------------


def admin_opens_programme(browser, live_server, world, check) -> str:
    """The platform administrator creates the programme and names its organiser."""
    page = sign_in(browser, live_server, world["admin"])
    page.goto("/en/programmes/")
    page.get_by_role("link", name="Create a programme").click()
    check(page, "whole-program-create")
    page.get_by_label(re.compile(r"^Name")).fill(PROGRAMME)
    page.get_by_label(re.compile(r"^Organiser:?$")).fill(ASSOCIATION[:12])
    page.get_by_role("option", name=re.compile(re.escape(ASSOCIATION))).click()
    page.get_by_label(re.compile(r"^Enrolment")).select_option("open")
    page.get_by_label(re.compile(r"^Organisers")).fill("jelena@example.org")
    page.get_by_role("button", name="Create the programme").click()
    expect(page.locator("h1")).to_have_text(PROGRAMME)
    check(page, "whole-program-created")
    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    page.context.close()
    return slug


def organiser_builds_programme(page, slug: str, check) -> int:
    """Four phases, two lecturers, the two-day training with its agenda; then publish."""
    today = local_today()
    page.goto(f"/en/programmes/{slug}/")
    expect(page.get_by_text("Draft: only the programme's team sees this page.")).to_be_visible()
    check(page, "whole-program-draft")

    page.get_by_role("link", name="Phases").click()
    check(page, "whole-phases-empty")
    for kind, title, first, last in PHASES:
        page.get_by_label("Kind").select_option(kind)
        page.get_by_label("Title").fill(title)
        page.get_by_label("Starts").fill((today + timedelta(days=first)).isoformat())
        page.get_by_label("Ends").fill((today + timedelta(days=last)).isoformat())
        page.get_by_role("button", name="Add the phase").click()
        expect(page.get_by_text("The phase has been added.")).to_be_visible()
        check(page, f"whole-phase-{kind}")
    expect(page.locator("ol.timeline > li")).to_have_count(4)

    page.goto(f"/en/programmes/{slug}/")
    page.get_by_role("link", name="Lecturers").first.click()
    check(page, "whole-lecturers")
    for name, title in LECTURERS:
        page.get_by_role("link", name="New lecturer's profile").click()
        check(page, "whole-lecturer-form")
        page.get_by_label("Name").fill(name)
        page.get_by_label("Title or role").fill(title)
        page.get_by_label("Biography").fill("Dugogodišnje iskustvo u lokalnim samoupravama.")
        page.get_by_role("button", name="Save the profile").click()
        expect(page.locator("h1")).to_have_text(name)
        check(page, "whole-lecturer-profile")
        page.goto("/en/events/lecturers/")

    # The training: created for tomorrow and the day after, so that registration is open now.
    first_day = today + timedelta(days=1)
    page.goto(f"/en/programmes/{slug}/")
    page.get_by_role("link", name="New event").click()
    check(page, "whole-event-form")
    page.get_by_label("Title").fill(TRAINING)
    page.get_by_label("Starts").fill(f"{first_day.isoformat()}T09:30")
    page.get_by_label("Ends").fill(f"{(first_day + timedelta(days=1)).isoformat()}T16:00")
    page.get_by_label("In person", exact=True).check()
    page.get_by_label("Venue").fill("Centar za obuku SKGO")
    page.get_by_label("Address").fill("Makedonska 22, Beograd")
    page.get_by_label("Map link").fill("https://www.openstreetmap.org/?query=Makedonska%2022")
    page.get_by_label("Public", exact=True).check()
    expect(
        page.get_by_role("checkbox", name="Registration:", exact=True)
    ).to_be_checked()  # on by default
    page.get_by_label("Seats").fill("3")
    page.get_by_label("Days of attendance required for a certificate").fill("2")
    page.get_by_role("button", name="Create the event").click()
    expect(page.get_by_text("The event has been created. Now add its agenda.")).to_be_visible()
    check(page, "whole-agenda-form")
    training_pk = int(re.search(r"/programme/(\d+)/agenda/", page.url).group(1))

    # The agenda, three sessions at a time (the form offers three empty rows).
    for batch_number, batch in enumerate((AGENDA[:3], AGENDA[3:])):
        if batch_number:
            page.get_by_role("link", name="Edit the agenda").click()
            expect(page.locator("fieldset.agenda-item")).to_have_count(6)
        rows = page.locator("fieldset.agenda-item")
        for row_number, (day, start, end, title, kind, lecturers) in enumerate(
            batch, start=rows.count() - 3
        ):
            row = rows.nth(row_number)
            prefix = f"agenda-{row_number}-"
            row.locator(f'[name="{prefix}title"]').fill(title)
            row.locator(f'[name="{prefix}day"]').select_option(index=day - 1)
            row.locator(f'[name="{prefix}start_time"]').fill(start)
            row.locator(f'[name="{prefix}end_time"]').fill(end)
            row.locator(f'[name="{prefix}room"]').fill("Sala 1")
            row.locator(f'[name="{prefix}session_type"]').select_option(kind)
            for lecturer in lecturers:
                row.get_by_label(lecturer, exact=True).check()
        page.get_by_role("button", name="Save the agenda").click()
        expect(page.get_by_text("The agenda has been saved.")).to_be_visible()
    expect(page.locator("table.agenda-day")).to_have_count(2)
    for day, _start, _end, title, _kind, lecturers in AGENDA:
        row = page.locator("table.agenda-day").nth(day - 1).get_by_role("row", name=title)
        expect(row).to_contain_text(", ".join(lecturers))
    check(page, "whole-event-organiser")

    page.get_by_role("link", name=PROGRAMME).first.click()
    page.get_by_role("button", name="Publish the programme").click()
    expect(page.get_by_text("The programme is now public.")).to_be_visible()
    check(page, "whole-program-published")
    return training_pk


def enrol_and_register(page, slug: str, check, *, name: str, button: str) -> None:
    """A participant takes part in the programme and registers for the training from its page."""
    page.goto(f"/en/programmes/{slug}/")
    check(page, f"whole-{name}-program")
    page.get_by_role("link", name="Take part", exact=True).click()
    check(page, f"whole-{name}-enrol")
    page.get_by_role("button", name="Take part").click()
    expect(page.get_by_text("You are now a participant of the programme.")).to_be_visible()
    page.get_by_role("link", name=TRAINING).click()
    expect(page.locator("h1")).to_have_text(TRAINING)
    check(page, f"whole-{name}-event")
    page.locator("#registration-box").get_by_role("link", name=button, exact=True).click()
    check(page, f"whole-{name}-register")
    page.get_by_role("button", name=button, exact=True).click()


def register_until_full(browser, live_server, world, slug: str, check) -> dict:
    pages = {}
    for key in ("ana", "bojan", "vesna"):
        pages[key] = page = sign_in(browser, live_server, world[key])
        enrol_and_register(page, slug, check, name=key, button="Register")
        expect(page.get_by_text("Your seat is confirmed.").first).to_be_visible()
        expect(page.get_by_role("img", name="QR code for checking in at the event")).to_be_visible()
        check(page, f"whole-{key}-confirmed")

    # Three seats, three confirmed: Goran is told it is full and goes on the waiting list.
    pages["goran"] = goran = sign_in(browser, live_server, world["goran"])
    enrol_and_register(goran, slug, check, name="goran", button="Join the waiting list")
    expect(goran.get_by_text("you are on the waiting list, number 1").first).to_be_visible()
    check(goran, "whole-goran-waiting")
    return pages


def cancel_and_promote(pages, training_pk: int, check) -> None:
    """Ana cancels from the training's page; Goran is offered her seat by email and takes it."""
    mail.outbox.clear()
    ana = pages["ana"]
    ana.goto(f"/en/events/programme/{training_pk}/")
    ana.locator("#registration-box").get_by_role("button", name="Cancel my registration").click()
    expect(ana.get_by_text("Your registration has been cancelled.").first).to_be_visible()
    check(ana, "whole-ana-cancelled")

    offer = mail_to("goran@example.org", "[Glasnik] A seat is free for you")
    [link] = re.findall(rf"https?://\S+/events/{training_pk}/register/\S*", offer.body)
    goran = pages["goran"]
    goran.goto(path_of(link))
    expect(goran.get_by_text("A seat is offered to you. Please confirm it by")).to_be_visible()
    check(goran, "whole-goran-offered")
    goran.get_by_role("button", name="Confirm my seat").click()
    expect(goran.get_by_text("The seat is yours: your registration is confirmed.")).to_be_visible()
    expect(goran.get_by_role("img", name="QR code for checking in at the event")).to_be_visible()
    check(goran, "whole-goran-confirmed")


def organiser_reads_registrations(page, training_pk: int, check) -> None:
    page.goto(f"/en/events/programme/{training_pk}/")
    check(page, "whole-event-organiser-registered")
    page.get_by_role("link", name="Registrations and waiting list").click()
    expect(page.get_by_text("3 of 3")).to_be_visible()
    for name in ("Bojan Ilić", "Vesna Popović", "Goran Nikolić", "Ana Jovanović"):
        expect(page.get_by_role("rowheader", name=name)).to_be_visible()
    check(page, "whole-registrations")


def check_in(page, name: str, query: str) -> None:
    """Find a person by (part of) their name and press their button."""
    page.get_by_label("Find by name").fill(query)
    expect(page.locator(".checkin-row")).to_have_count(1)
    page.get_by_role("button", name=f"Check in {name}").click()
    expect(page.get_by_role("button", name=f"Undo the check-in of {name}")).to_be_visible()


def organiser_checks_in_both_days(browser, live_server, world, training, check) -> None:
    """On a phone: today's list (search and button), then the second day's tab."""
    page = sign_in(browser, live_server, world["organiser"], viewport=PHONE)
    page.goto(f"/en/events/programme/{training.pk}/")
    page.get_by_role("link", name="Check people in").click()
    expect(page.locator("h1")).to_have_text("Check-in")
    today_tab = page.get_by_role("navigation", name="Days").locator('[aria-current="page"]')
    expect(today_tab).to_contain_text("(today)")
    expect(page.locator("#checkin-counts")).to_contain_text("0 of 3 checked in")
    check(page, "whole-checkin-day-1")
    check_in(page, "Bojan Ilić", "ilic")  # typed without the diacritic
    check_in(page, "Vesna Popović", "vesna")
    check_in(page, "Goran Nikolić", "nikol")
    expect(page.locator("#checkin-counts")).to_contain_text("3 of 3 checked in")
    check(page, "whole-checkin-day-1-done")

    # A day passes (the training, with the first day's check-ins, moves a day back): day 2 is
    # today. Day 1 is over: its list shows who came, and corrections go to the sheet.
    move_training(training, days=-1)
    page.goto(f"/en/events/{training.pk}/checkin/")
    today_tab = page.get_by_role("navigation", name="Days").locator('[aria-current="page"]')
    expect(today_tab).to_contain_text("(today)")
    page.get_by_role("navigation", name="Days").get_by_role("link").nth(0).click()
    expect(page.get_by_text("This day is over: check-in is for today only.")).to_be_visible()
    expect(page.locator("#checkin-counts")).to_contain_text("3 of 3 checked in")
    expect(page.get_by_role("button", name=re.compile("^(Check in|Undo)"))).to_have_count(0)
    check(page, "whole-checkin-day-1-over")
    # Day 2: Vesna does not come.
    page.get_by_role("navigation", name="Days").get_by_role("link").nth(1).click()
    expect(page.locator("#checkin-counts")).to_contain_text("0 of 3 checked in")
    check(page, "whole-checkin-day-2")
    check_in(page, "Bojan Ilić", "bojan")
    check_in(page, "Goran Nikolić", "goran")
    expect(page.locator("#checkin-counts")).to_contain_text("2 of 3 checked in")
    check(page, "whole-checkin-day-2-done")

    # The sheet: who meets the certificate's rule of both days.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Attendance sheet").click()
    expect(page.get_by_text("The certificate requires 2 days of attendance.")).to_be_visible()
    for name in ("Ilić Bojan", "Nikolić Goran"):
        expect(page.get_by_role("row", name=re.compile(name))).to_contain_text("Meets the rule")
    expect(page.get_by_role("row", name=re.compile("Popović Vesna"))).not_to_contain_text(
        "Meets the rule"
    )
    check(page, "whole-attendance-sheet")
    page.context.close()


def organiser_uploads_slides(page, training_pk: int, check) -> None:
    page.goto(f"/en/events/programme/{training_pk}/")
    page.get_by_role("link", name="Materials and assignments", exact=True).click()
    check(page, "whole-materials-organiser-empty")
    page.get_by_role("link", name="Add a file or a link").click()
    check(page, "whole-material-form")
    page.get_by_label("Title").fill("Slajdovi: društvene mreže u lokalnoj samoupravi")
    page.get_by_label("File").set_input_files(
        {"name": "slajdovi.pdf", "mimeType": "application/pdf", "buffer": SLIDES}
    )
    page.get_by_role("button", name="Add").click()
    # Exactly: the team's list also has "Edit Slajdovi: …" beside it.
    expect(
        page.get_by_role("link", name="Slajdovi: društvene mreže u lokalnoj samoupravi", exact=True)
    ).to_be_visible()
    check(page, "whole-materials-organiser")


def participant_downloads_slides(page, training_pk: int, check) -> None:
    page.goto(f"/en/events/programme/{training_pk}/")
    page.get_by_role("link", name="All materials and assignments").click()
    check(page, "whole-materials-participant")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Slajdovi: društvene mreže u lokalnoj samoupravi").click()
    assert download_info.value.suggested_filename == "slajdovi.pdf"
    assert download_info.value.path().read_bytes() == SLIDES


def organiser_invites_feedback(page, training_pk: int, check) -> None:
    mail.outbox.clear()
    page.goto(f"/en/events/programme/{training_pk}/")
    page.get_by_role("link", name="Feedback results and invitations").click()
    check(page, "whole-feedback-results-empty")
    page.get_by_role("button", name="Invite participants to give feedback").click()
    expect(page.get_by_text("3 participants have been invited to give feedback.")).to_be_visible()
    check(page, "whole-feedback-invited")


def participant_rates(page, key: str, check) -> None:
    """The participant follows the link in the invitation and rates the training and each
    lecturer (the feedback journey covers the keyboard; here a mouse)."""
    event_rating, dragana, milan = RATINGS[key]
    invitation = mail_to(f"{key}@example.org", "[Glasnik]")
    link = re.search(r"https?://\S+/feedback/", invitation.body).group(0)
    page.goto(path_of(link))
    expect(page.get_by_text("Your answers are anonymous.")).to_be_visible()
    check(page, f"whole-feedback-form-{key}")
    page.get_by_role("group", name=re.compile("How would you rate the event")).get_by_role(
        "radio", name=RATING_NAMES[event_rating]
    ).check()
    page.get_by_label("Comment on the event").fill(f"Komentar ({key}): mnogo primera.")
    for lecturer, rating in ((DRAGANA, dragana), (MILAN, milan)):
        page.get_by_role("group", name=f"Your rating of {lecturer}").get_by_role(
            "radio", name=RATING_NAMES[rating]
        ).check()
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("Thank you! Your feedback has been saved.")).to_be_visible()
    check(page, f"whole-feedback-thanks-{key}")


def organiser_issues_certificates(page, training_pk: int, check) -> None:
    mail.outbox.clear()
    page.goto(f"/en/events/programme/{training_pk}/")
    page.get_by_role("link", name="Certificates").click()
    expect(page.locator("h1")).to_contain_text(TRAINING)
    check(page, "whole-certificates-organiser")
    page.get_by_role("button", name="Issue certificates to everyone who meets the rule").click()
    expect(page.get_by_text("2 certificates issued and emailed")).to_be_visible()
    expect(page.get_by_text("1 participant skipped")).to_be_visible()
    skipped = page.get_by_role("listitem").filter(has_text="Vesna Popović")
    expect(skipped).to_contain_text("1 of 2")
    for name in ("Bojan Ilić", "Goran Nikolić"):
        expect(page.get_by_role("row", name=re.compile(name))).to_contain_text("Issued on")
    expect(page.get_by_role("row", name=re.compile("Vesna Popović"))).to_contain_text("Not issued")
    check(page, "whole-certificates-issued")

    for key in ("bojan", "goran"):
        [email] = [m for m in mail.outbox if m.to == [f"{key}@example.org"]]
        [(_filename, content, mimetype)] = email.attachments
        assert mimetype == "application/pdf"
        assert content.startswith(b"%PDF")
    assert not [m for m in mail.outbox if m.to == ["vesna@example.org"]]


def participant_downloads_certificate(page, check) -> str:
    """From "My certificates"; returns the verification address printed beside the QR code."""
    page.goto("/en/certificates/")
    expect(page.locator("h1")).to_have_text("My certificates")
    check(page, "whole-certificates-mine")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^PDF")).click()
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = "".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "BojanIlić" in text
    [verify_url] = re.findall(r"https?://[^\s]+?/en/certificates/verify/[\w-]+/", text)
    # The same address as in the email (and in the QR code, which the PDF draws from it).
    email = mail_to("bojan@example.org", "[Glasnik]")
    assert verify_url in email.body
    return verify_url


def stranger_verifies(browser, verify_url: str, check) -> None:
    """Anyone, signed out, opens the certificate's address and sees that it is authentic."""
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(verify_url)
    expect(page.get_by_text("Authentic")).to_be_visible()
    expect(page.get_by_text("Bojan Ilić")).to_be_visible()
    expect(page.get_by_text(TRAINING)).to_be_visible()
    assert "bojan@example.org" not in page.content()
    check(page, "whole-certificate-verified")
    context.close()


def organiser_reads_reports(page, slug: str, training, check) -> None:
    first_day = timezone.localtime(training.starts_at, BELGRADE).date()
    second_day = first_day + timedelta(days=1)
    page.goto(f"/en/programmes/{slug}/")
    page.get_by_role("link", name="Reports").first.click()
    expect(page.locator("h1")).to_have_text(f"Reports: {PROGRAMME}")
    check(page, "whole-reports")

    # Seats, confirmed, pending, waiting, offered, cancelled, all.
    registrations = page.get_by_role("table", name="Registrations")
    expect_cells(registrations, TRAINING, ["3", "3", "0", "0", "0", "1", "4"])
    # Two days, three confirmed, five days present of six.
    per_event = page.get_by_role("table", name="Attendance rate per event")
    expect_cells(per_event, TRAINING, ["2", "3", "5", "83.3"])
    per_day = page.get_by_role("table", name="Attendance rate per day")
    day_1 = f"{TRAINING}, day 1 ({first_day.isoformat()})"
    day_2 = f"{TRAINING}, day 2 ({second_day.isoformat()})"
    expect_cells(per_day, day_1, ["3", "3", "100.0"])
    expect_cells(per_day, day_2, ["3", "2", "66.7"])
    # Ratings 5, 4, 4 of the training; Dragana 5, 5, 4; Milan 4, 3, 4.
    satisfaction = page.get_by_role("table", name="Satisfaction per event")
    expect_cells(satisfaction, TRAINING, ["3", "4.33"])
    lecturers = page.get_by_role("table", name="Satisfaction per lecturer")
    expect_cells(lecturers, DRAGANA, ["3", "4.67"])
    expect_cells(lecturers, MILAN, ["3", "3.67"])
    # Confirmed, met the rule, certificates issued, issued of eligible.
    completion = page.get_by_role("table", name="Completion and certificates")
    expect_cells(completion, TRAINING, ["3", "2", "2", "100.0"])

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all reports as Excel (XLSX)").click()
    assert download_info.value.suggested_filename == f"{slug}-reports.xlsx"
    book = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
    sheet = book["Attendance rate per day"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Day", "Confirmed", "Present", "Attendance rate (%)"]
    assert [row[1:] for row in rows[1:]] == [[3, 3, 100], [3, 2, 66.7]]
    assert rows[2][0] == day_2


# --- the journey ---------------------------------------------------------------------------


def test_a_training_from_the_programme_to_the_certificates_and_reports(
    browser, live_server, world, assert_accessible
):
    from glasnik.events.models import Event, Registration, RegistrationStatus

    # 1. The programme, its phases, lecturers and the training with its agenda.
    slug = admin_opens_programme(browser, live_server, world, assert_accessible)
    organiser = sign_in(browser, live_server, world["organiser"])
    training_pk = organiser_builds_programme(organiser, slug, assert_accessible)
    training = Event.objects.get(pk=training_pk)
    assert training.registration_enabled
    assert training.capacity == 3
    assert training.required_days == 2  # both days
    assert training.agenda_items.count() == 6

    # 2–3. Registration until full, the waiting list, a cancellation and the promotion.
    participants = register_until_full(browser, live_server, world, slug, assert_accessible)
    cancel_and_promote(participants, training_pk, assert_accessible)
    organiser_reads_registrations(organiser, training_pk, assert_accessible)
    statuses = dict(Registration.objects.values_list("person__email", "status"))
    assert statuses == {
        "ana@example.org": RegistrationStatus.CANCELLED,
        "bojan@example.org": RegistrationStatus.CONFIRMED,
        "vesna@example.org": RegistrationStatus.CONFIRMED,
        "goran@example.org": RegistrationStatus.CONFIRMED,
    }

    # 4. The first day is today: time has passed until the training (moved one day back).
    move_training(training, days=-1)
    assert timezone.localtime(training.starts_at, BELGRADE).date() == local_today()
    organiser_checks_in_both_days(browser, live_server, world, training, assert_accessible)

    # 5. The slides, uploaded by the organiser and downloaded by a participant.
    organiser_uploads_slides(organiser, training_pk, assert_accessible)
    participant_downloads_slides(participants["bojan"], training_pk, assert_accessible)

    # 6. The training is over (moved two more days back): feedback and certificates open.
    move_training(training, days=-2)
    assert training.ends_at < timezone.now()
    organiser_invites_feedback(organiser, training_pk, assert_accessible)
    for key in RATINGS:
        participant_rates(participants[key], key, assert_accessible)

    # 7. Certificates for those who attended both days.
    organiser_issues_certificates(organiser, training_pk, assert_accessible)
    verify_url = participant_downloads_certificate(participants["bojan"], assert_accessible)
    stranger_verifies(browser, verify_url, assert_accessible)

    # 8. The reports, on screen and in Excel.
    organiser_reads_reports(organiser, slug, training, assert_accessible)

    for page in (organiser, *participants.values()):
        page.context.close()

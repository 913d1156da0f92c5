"""After a two-day training the organiser invites the participants to give feedback; a
participant opens the link in the invitation, rates the training and each lecturer with the
keyboard alone; the organiser reads the results and a lecturer reads only their own ratings.
Every page is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import (
        AgendaItem,
        Event,
        EventKind,
        EventMode,
        Lecturer,
        Registration,
        RegistrationStatus,
    )
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    ends_at = timezone.now() - timedelta(hours=3)
    training = Event.objects.create(
        program=program,
        kind=EventKind.TRAINING,
        title="Obuka: društvene mreže u lokalnoj samoupravi",
        starts_at=ends_at - timedelta(days=1, hours=8),
        ends_at=ends_at,
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        time_zone="Europe/Belgrade",
        registration_enabled=True,
        feedback_anonymous=True,
    )
    ana_account = make_person("ana@example.org", first_name="Ana", last_name="Jovanović")
    ana = Lecturer.objects.create(name="Ana Jovanović", slug="ana", person=ana_account)
    milan = Lecturer.objects.create(name="Milan Ilić", slug="milan")
    for position, lecturer in enumerate([ana, milan]):
        item = AgendaItem.objects.create(
            event=training, position=position, title=f"Sesija {position + 1}"
        )
        item.lecturers.add(lecturer)
    participant = make_person("marko@example.org", first_name="Marko", last_name="Petrović")
    organization = make_organization("Opština Kula")
    Enrolment.objects.create(
        program=program,
        person=participant,
        organization=organization,
        status=EnrolmentStatus.ENROLLED,
    )
    role_grant(person=participant, role=Role.MEMBER, scope=program)
    Registration.objects.create(
        event=training,
        person=participant,
        organization=organization,
        status=RegistrationStatus.CONFIRMED,
    )
    return {
        "training": training,
        "organiser": organiser,
        "participant": participant,
        "ana": ana_account,
    }


def test_participant_rates_and_organiser_and_lecturer_read(
    browser, live_server, world, assert_accessible
):
    training = world["training"]

    # The organiser invites the participants from the results page (nothing to read yet).
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/events/{training.pk}/feedback/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback results")
    assert_accessible(page, "feedback-results-empty")
    page.get_by_role("button", name="Invite participants to give feedback").click()
    expect(page.get_by_text("1 participant has been invited to give feedback.")).to_be_visible()
    assert_accessible(page, "feedback-invited")
    page.context.close()

    (invitation,) = mail.outbox
    assert invitation.to == ["marko@example.org"]
    link = re.search(r"https?://\S+/feedback/", invitation.body).group(0)
    path = "/" + link.split("/", 3)[3]

    # The participant follows the link and answers with the keyboard alone.
    page = sign_in(browser, live_server, world["participant"])
    page.goto(path)
    expect(page.get_by_text("Your answers are anonymous.")).to_be_visible()
    assert_accessible(page, "feedback-form")

    event_group = page.get_by_role("group", name=re.compile("How would you rate the event"))
    event_group.get_by_role("radio", name="1 – poor").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(event_group.get_by_role("radio", name="4 – very good")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Comment on the event")).to_be_focused()
    page.keyboard.type("Mnogo praktičnih primera.")

    ana_group = page.get_by_role("group", name="Your rating of Ana Jovanović")
    ana_group.get_by_role("radio", name="5 – excellent").focus()
    page.keyboard.press("Space")
    expect(ana_group.get_by_role("radio", name="5 – excellent")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Comment on Ana Jovanović")).to_be_focused()
    page.keyboard.type("Jasno i zanimljivo.")

    milan_group = page.get_by_role("group", name="Your rating of Milan Ilić")
    milan_group.get_by_role("radio", name="1 – poor").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(milan_group.get_by_role("radio", name="3 – good")).to_be_checked()

    page.get_by_role("button", name="Send my feedback").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you! Your feedback has been saved.")).to_be_visible()
    expect(page.get_by_text("You have already given your feedback")).to_be_visible()
    assert_accessible(page, "feedback-thanks")
    page.context.close()

    # The organiser reads the results: averages, the chart's table and the comments.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/events/{training.pk}/feedback/results/")
    event_table = page.get_by_role("table", name="Ratings of the event")
    expect(event_table.get_by_role("row", name="4 1 100 %")).to_be_visible()
    expect(page.get_by_text("Mnogo praktičnih primera.")).to_be_visible()
    expect(page.get_by_text("Jasno i zanimljivo.")).to_be_visible()
    expect(page.get_by_text("3.00 of 5 (1 answer)").first).to_be_visible()
    expect(page.get_by_text("Petrović")).to_have_count(0)
    assert_accessible(page, "feedback-results")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export the results (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.context.close()

    # The lecturer reads her own ratings, and nobody else's.
    page = sign_in(browser, live_server, world["ana"])
    page.goto("/en/events/feedback/mine/")
    expect(page.get_by_role("heading", name=training.title)).to_be_visible()
    expect(page.get_by_text("Jasno i zanimljivo.")).to_be_visible()
    expect(page.get_by_text("5.00 of 5 (1 answer)").first).to_be_visible()
    expect(page.get_by_text("Mnogo praktičnih primera.")).to_have_count(0)
    assert_accessible(page, "feedback-mine")
    page.context.close()

"""Before a mentoring session, participants ask questions (one anonymously) and vote for each
other's; then the mentor works through the queue live (answers one, merges a duplicate, hides
an off-topic one) while a participant's page, in a browser of its own, follows without being
reloaded. The page polls a part of itself; while nothing changes the server answers 304 Not
Modified. Every page is checked with axe-core."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Koliko često opština treba da objavljuje na Fejsbuku?"
ANONYMOUS = "Kako da odgovorimo na uvredljive komentare ispod objave?"
DUPLICATE = "Šta da radimo sa uvredama u komentarima?"
OFF_TOPIC = "Gde se parkira kod zgrade opštine?"
POLL_SECONDS = 11_000  # the page asks every 5 seconds


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import Event, EventKind, EventMode
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    starts_at = timezone.now() + timedelta(days=1)
    session = Event.objects.create(
        program=program,
        kind=EventKind.ONLINE_SESSION,
        title="Mentorska sesija: vaša pitanja",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1, minutes=30),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/sesija",
    )
    mentor = make_person("mentor@example.org", first_name="Dragan", last_name="Ilić")
    role_grant(person=mentor, role=Role.TRAINER, scope=program)
    people = {}
    for key, first, last in [("marko", "Marko", "Petrović"), ("ana", "Ana", "Jovanović")]:
        person = make_person(f"{key}@example.org", first_name=first, last_name=last)
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=make_organization(f"Opština {last}"),
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        people[key] = person
    return {"session": session, "mentor": mentor, **people}


def question(page, text: str):
    """The question's item (found by its own text, not by the merge menus that quote it)."""
    text_of_question = page.locator("p.question-text", has_text=text)
    return page.locator("#question-queue li.question").filter(has=text_of_question)


def ask(page, text: str, *, anonymous: bool = False):
    page.get_by_label("Your question").fill(text)
    if anonymous:
        page.get_by_label("Ask anonymously").check()
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_text("Your question is in the queue.")).to_be_visible()
    expect(question(page, text)).to_be_visible()


def test_participants_ask_and_vote_then_the_mentor_works_through_the_queue_live(
    browser, live_server, world, assert_accessible
):
    session = world["session"]

    # Marko finds the queue from the session's page and asks two questions, one anonymously.
    marko = sign_in(browser, live_server, world["marko"])
    marko.goto(f"/en/events/programme/{session.pk}/")
    marko.get_by_role("link", name=re.compile("Ask the mentors a question")).click()
    expect(marko.get_by_role("heading", level=1)).to_have_text("Questions for the mentors")
    assert_accessible(marko, "mentoring-queue-empty")
    ask(marko, FIRST)
    ask(marko, ANONYMOUS, anonymous=True)

    # Ana sees Marko's anonymous question without his name, asks two of her own (one repeats
    # his, one is off-topic) and votes for his first.
    ana = sign_in(browser, live_server, world["ana"])
    ana.goto(f"/en/mentoring/sessions/{session.pk}/questions/")
    expect(question(ana, ANONYMOUS)).to_contain_text("Anonymous")
    expect(question(ana, ANONYMOUS)).not_to_contain_text("Marko")
    ask(ana, DUPLICATE)
    ask(ana, OFF_TOPIC)
    question(ana, FIRST).get_by_role("button", name="Vote for this question").click()
    expect(question(ana, FIRST)).to_contain_text("1 vote")
    expect(question(ana, FIRST).get_by_role("button", name="Withdraw my vote")).to_be_visible()
    expect(ana.locator("#question-queue li.question").first).to_contain_text(FIRST)
    assert_accessible(ana, "mentoring-queue-participant")

    # Ana's page polls. Chromium revalidates the cached part with If-None-Match, the server
    # answers 304 Not Modified (the page sees the cached copy, so Playwright reports 200), and
    # the part with the same ETag is not swapped: the element stays the same one.
    ana.evaluate(
        "window.stillTheSamePage = true;"
        "document.getElementById('question-queue').dataset.unswapped = 'yes'"
    )
    polls = []
    ana.on(
        "response",
        lambda response: (
            polls.append(response.request.all_headers().get("if-none-match"))
            if "/questions/live/" in response.url
            else None
        ),
    )
    ana.wait_for_timeout(POLL_SECONDS)
    etag = ana.locator("#question-queue").get_attribute("data-etag")
    assert len(polls) >= 2, "the queue did not poll"
    assert polls[-1] == f'"{etag}"'
    expect(ana.locator("#question-queue")).to_have_attribute("data-unswapped", "yes")
    live_url = f"/en/mentoring/sessions/{session.pk}/questions/live/"
    assert ana.request.get(live_url, headers={"If-None-Match": polls[-1]}).status == 304

    # The mentor sees who asked the anonymous question, and works through the queue.
    mentor = sign_in(browser, live_server, world["mentor"])
    mentor.goto(f"/en/mentoring/sessions/{session.pk}/questions/")
    expect(question(mentor, ANONYMOUS)).to_contain_text("Marko Petrović")
    expect(question(mentor, ANONYMOUS)).to_contain_text("anonymous to the other participants")
    assert_accessible(mentor, "mentoring-queue-mentor")

    question(mentor, FIRST).get_by_role("button", name="Answered live").click()
    expect(question(mentor, FIRST)).to_contain_text("Answered")
    expect(question(ana, FIRST)).to_contain_text("Answered", timeout=POLL_SECONDS)

    duplicate = question(mentor, DUPLICATE)
    duplicate.get_by_label("A duplicate of").select_option(label=ANONYMOUS)
    duplicate.get_by_role("button", name="Merge").click()
    expect(question(mentor, DUPLICATE)).to_contain_text("Merged into another question")
    expect(question(mentor, ANONYMOUS)).to_contain_text("1 vote")  # Ana's wish carried over
    expect(question(ana, DUPLICATE)).to_contain_text(
        "Merged into another question", timeout=POLL_SECONDS
    )

    question(mentor, OFF_TOPIC).get_by_role("button", name="Hide as off-topic").click()
    expect(question(mentor, OFF_TOPIC)).to_contain_text("Hidden as off-topic")
    expect(question(marko, OFF_TOPIC)).to_have_count(0, timeout=POLL_SECONDS)
    expect(question(ana, OFF_TOPIC)).to_contain_text("Hidden as off-topic")
    assert ana.evaluate("window.stillTheSamePage") is True
    assert_accessible(ana, "mentoring-queue-participant-after")

    # The mentor writes an answer to the merged question after all.
    question(mentor, ANONYMOUS).get_by_role("link", name="Write an answer").click()
    assert_accessible(mentor, "mentoring-answer")
    mentor.get_by_label("Written answer").fill("Odgovorite mirno i uputite na pravila stranice.")
    mentor.get_by_role("button", name="Save the answer").click()
    expect(question(mentor, ANONYMOUS)).to_contain_text("uputite na pravila stranice")
    expect(question(marko, ANONYMOUS)).to_contain_text(
        "uputite na pravila stranice", timeout=POLL_SECONDS
    )

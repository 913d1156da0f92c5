"""Issue 13's "Done when", end to end in a browser with axe-core on every page: an organiser
imports a KoboToolbox-style XLSForm needs survey and invites the programme's three participants;
they answer through their invitations — one in two sittings, one in Latin script, one in
Slovenian; the organiser reads the charts and a cross-tab, turns the top need into a programme
topic, runs the same knowledge test before and after a training and reads the learning gain;
the CSV and XLSX exports open in csv and openpyxl with one row per response."""

import csv
import io
import re

import pytest
from conftest import screenshot
from django.core import mail
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["label::Serbian (sr)", "label::Slovenian (sl)", "label::English (en)"]


def needs_form(path) -> None:
    """A needs assessment as KoboToolbox writes one: metadata, two groups (pages), a
    condition, a constraint with its message, required answers, "other, please specify",
    labels in Serbian (Cyrillic), Slovenian and English, and a settings sheet."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    constraint_message = "constraint_message::English (en)"
    survey.append(
        ["type", "name", *LANGUAGES, "required", "relevant", "constraint", constraint_message]
    )
    rows = [
        ["start", "start", "", "", "", "", "", "", ""],
        ["end", "end", "", "", "", "", "", "", ""],
        ["begin_group", "o_vama", "О вама", "O vas", "About you", "", "", "", ""],
        [
            "select_one dn",
            "nalog",
            "Да ли институција има налог на друштвеним мрежама?",
            "Ali ima institucija račun na družbenih omrežjih?",
            "Does the institution have a social media account?",
            "yes",
            "",
            "",
            "",
        ],
        [
            "integer",
            "objave",
            "Колико објава недељно објавите?",
            "Koliko objav objavite na teden?",
            "How many posts a week do you publish?",
            "yes",
            "${nalog} = 'da'",
            ". >= 0 and . <= 100",
            "At most 100 posts a week.",
        ],
        ["end_group", "", "", "", "", "", "", "", ""],
        ["begin_group", "potrebe", "Потребе", "Potrebe", "Needs", "", "", "", ""],
        [
            "select_multiple teme or_other",
            "teme",
            "Које теме су вам потребне?",
            "Katere teme potrebujete?",
            "Which topics do you need?",
            "yes",
            "",
            "",
            "",
        ],
        ["end_group", "", "", "", "", "", "", "", ""],
    ]
    for row in rows:
        survey.append(row)
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", *LANGUAGES])
    choices.append(["dn", "da", "Да", "Da", "Yes"])
    choices.append(["dn", "ne", "Не", "Ne", "No"])
    choices.append(["teme", "video", "Видео", "Video", "Video"])
    choices.append(["teme", "analitika", "Аналитика", "Analitika", "Analytics"])
    choices.append(["teme", "krize", "Кризна комуникација", "Krizno komuniciranje", "Crisis"])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language", "version"])
    settings.append(["Потребе за обуком", "potrebe_2026", "Serbian (sr)", "2026120701"])
    book.save(path)


@pytest.fixture
def world(make_person, make_organization):
    from allauth.mfa.totp.internal.auth import TOTP

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        language="sr",
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    people = {}
    for key, email, first, town, language in (
        ("twice", "marko@example.org", "Marko", "Opština Kula", "en"),
        ("latin", "ana@example.org", "Ana", "Grad Novi Sad", "sr-latn"),
        ("slovenian", "mojca@example.org", "Mojca", "Občina Piran", "sl"),
    ):
        person = make_person(email, first_name=first, last_name="Test", language=language)
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=make_organization(town),
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        people[key] = person
    return {"program": program, "organiser": organiser, **people}


def invitation_page(browser, live_server, person):
    """A fresh browser, not signed in, at the link of `person`'s invitation email."""
    body = next(m.body for m in reversed(mail.outbox) if m.to == [person.email])
    link = re.search(r"https?://\S+/surveys/invitation/\S+/", body)[0]
    page = browser.new_context(bypass_csp=True, locale="en-GB").new_page()
    page.goto(re.sub(r"^https?://[^/]+", live_server.url, link))
    return page


def redrawn(page, change):
    """Make a change, which redraws the page (htmx), and wait until it has been redrawn."""
    with page.expect_response(lambda response: response.request.method == "POST"):
        change()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def choose(page, label_or_locator):
    """Tick an answer by its label (or a locator), the page redrawn before the next one."""
    if isinstance(label_or_locator, str):
        label_or_locator = page.get_by_label(label_or_locator, exact=True)
    redrawn(page, label_or_locator.check)


def press(page, action: str):
    """A respondent's button by what it does (its label is in the interface's language)."""
    page.locator(f"button[name=action][value={action}]").click()


def send(page):
    """Send the answers: the form gives way to the thanks, in the interface's language."""
    press(page, "send")
    try:
        expect(page.locator("#respond-page")).to_have_count(0)
    finally:
        screenshot(page, "done-sent")


def answer_needs(page, assert_accessible, name, *, account: str, posts: str, topics: list[str]):
    choose(page, account)
    if posts:
        page.locator("#respond-page input[inputmode=decimal]").fill(posts)
    press(page, "next")
    expect(page.locator("#respond-page h2")).not_to_have_text(re.compile("О вама|O vas|About"))
    assert_accessible(page, f"{name}-page-2")
    for topic in topics:
        choose(page, topic)


def answer_test(page, survey, right: int):
    """Answer a knowledge test: the correct choice for its first `right` questions, a wrong one
    for the others."""
    questions = survey.sections.get().questions.order_by("position")
    for number, question in enumerate(questions):
        correct = question.correct_answer[0]
        choice = next(c.pk for c in question.choices.all() if (c.pk == correct) == (number < right))
        choose(page, page.locator(f"#q{question.pk}_{choice}"))
    send(page)


def download(page, link: str, folder):
    """Follow a download link; the file saved under the name the site gave it."""
    with page.expect_download() as started:
        page.get_by_role("link", name=link).click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    return path


def test_done_when(browser, live_server, world, assert_accessible, tmp_path):
    from glasnik.surveys.models import Survey

    program = world["program"]
    form = tmp_path / "potrebe.xlsx"
    needs_form(form)

    # The organiser imports the form, opens the survey and invites the participants.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/surveys/of/programme/{program.slug}/import/")
    assert_accessible(page, "done-import")
    page.locator("input[type=file]").set_input_files(str(form))
    page.get_by_label("Kind").select_option(label="Needs assessment")
    page.get_by_role("button", name="Import the form").click()
    expect(
        page.get_by_text("The survey has been imported: 3 questions in 2 sections.")
    ).to_be_visible()
    expect(page.get_by_text("the constraint message of “objave”")).to_have_count(0)
    assert_accessible(page, "done-imported")
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open: participants can answer it.")).to_be_visible()
    builder_url = page.url
    page.goto(builder_url.replace("/edit/", "/invitations/"))
    assert_accessible(page, "done-invitations")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("3 invitations are on their way.")).to_be_visible()
    page.context.close()

    # Marko answers the first page, saves, leaves; his link brings him back to the second.
    marko = invitation_page(browser, live_server, world["twice"])
    expect(marko.get_by_text("Page 1 of 2")).to_be_visible()
    assert_accessible(marko, "done-sitting-1")
    choose(marko, "Yes")
    marko.get_by_label(re.compile("How many posts")).fill("500")
    press(marko, "next")
    # The form's own constraint message, in his language.
    expect(marko.get_by_text("At most 100 posts a week.")).to_be_visible()
    assert_accessible(marko, "done-constraint")
    marko.get_by_label(re.compile("How many posts")).fill("5")
    press(marko, "next")
    expect(marko.get_by_text("Page 2 of 2")).to_be_visible()
    press(marko, "save")
    expect(marko.get_by_text("Your answers are saved.")).to_be_visible()
    marko.context.close()
    marko = invitation_page(browser, live_server, world["twice"])
    expect(marko.get_by_text("Page 2 of 2")).to_be_visible()
    assert_accessible(marko, "done-sitting-2")
    choose(marko, "Video")
    choose(marko, "Analytics")
    press(marko, "send")
    expect(marko.get_by_text("Thank you! Your answers have been sent.")).to_be_visible()
    marko.context.close()

    # Ana reads the Cyrillic questions in Latin script.
    ana = invitation_page(browser, live_server, world["latin"])
    assert "/sr-latn/" in ana.url
    expect(ana.get_by_text("Da li institucija ima nalog na društvenim mrežama?")).to_be_visible()
    expect(ana.get_by_text("Да ли институција")).to_have_count(0)
    assert_accessible(ana, "done-latin")
    answer_needs(ana, assert_accessible, "done-latin", account="Da", posts="12", topics=[])
    expect(ana.get_by_text("Koje teme su vam potrebne?")).to_be_visible()
    choose(ana, "Video")
    choose(ana, ana.locator("input[value=other]"))
    other = ana.locator("input[name$=_other]")
    # Filling and leaving the field both wait for the one redraw its change makes: htmx may
    # give focus back to the ticked box it just redrew, and that alone sends the change.
    redrawn(ana, lambda: (other.fill("Pisanje za veb"), other.press("Tab")))
    expect(ana.locator("input[name$=_other]")).to_have_value("Pisanje za veb")
    send(ana)
    expect(ana.locator("h1")).to_have_text("Potrebe za obukom")
    ana.context.close()

    # Mojca reads the form's Slovenian, never converted to Cyrillic; no account, no posts.
    mojca = invitation_page(browser, live_server, world["slovenian"])
    assert "/sl/" in mojca.url
    expect(mojca.get_by_text("Ali ima institucija račun na družbenih omrežjih?")).to_be_visible()
    assert_accessible(mojca, "done-slovenian")
    answer_needs(
        mojca, assert_accessible, "done-slovenian", account="Ne", posts="", topics=["Video"]
    )
    expect(mojca.get_by_text("Katere teme potrebujete?")).to_be_visible()
    choose(mojca, "Krizno komuniciranje")
    send(mojca)
    mojca.context.close()
    needs = Survey.objects.get(title="Потребе за обуком")
    assert needs.responses.count() == 3

    # The organiser reads the charts and a cross-tab (in English, as the form has it), then
    # makes the top need a topic, in the survey's language.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(builder_url.replace("/edit/", "/results/"))
    assert_accessible(page, "done-results")
    table = page.get_by_role("table", name=re.compile("Which topics do you need"))
    expect(table.get_by_role("row", name=re.compile(r"^Video 3 100\.0 %"))).to_be_visible()
    page.get_by_label("Answers to").select_option(label="Which topics do you need?")
    page.get_by_label("by", exact=True).select_option(
        label="Does the institution have a social media account?"
    )
    page.get_by_role("button", name="Show").click()
    crosstab = page.get_by_role("table", name=re.compile("“Which topics do you need\\?” by"))
    for row in (r"^Video 2 \(100\.0 %\) 1 \(100\.0 %\)", r"^Analytics 1 \(50\.0 %\) 0"):
        expect(crosstab.get_by_role("row", name=re.compile(row))).to_be_visible()
    assert_accessible(page, "done-crosstab")

    # The exports, one row per response with the answers given.
    csv_file, xlsx_file = (
        download(page, f"Export the responses ({kind})", tmp_path) for kind in ("CSV", "XLSX")
    )
    assert (csv_file.suffix, xlsx_file.suffix) == (".csv", ".xlsx")
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
    sheet = load_workbook(xlsx_file, read_only=True).active
    xlsx_rows = [["" if cell is None else cell for cell in row] for row in sheet.values]
    for exported in (rows, xlsx_rows):
        header, *answers = exported
        assert len(answers) == 3
        by_email = {row[header.index("email")]: row for row in answers}
        assert set(by_email) == {"marko@example.org", "ana@example.org", "mojca@example.org"}
        topics = header.index("Which topics do you need?")
        posts = header.index("How many posts a week do you publish?")
        assert by_email["marko@example.org"][topics] == "Video; Analytics"
        assert str(by_email["marko@example.org"][posts]) == "5"
        assert by_email["ana@example.org"][topics] == "Video; Pisanje za veb"
        assert by_email["mojca@example.org"][topics] == "Video; Crisis"
        assert str(by_email["mojca@example.org"][posts]) == ""

    page.get_by_role("link", name="Needs ranked as topics").click()
    top = page.get_by_role("row", name=re.compile(r"^1 Video"))
    expect(top).to_be_visible()
    assert_accessible(page, "done-needs")
    top.get_by_role("button").click()
    expect(page.get_by_text("“Video” is now one of the topics.")).to_be_visible()
    page.get_by_role("link", name="The programme's topics").click()
    assert_accessible(page, "done-programme-topics")
    # Stored in the survey's language; an English reader sees Serbian in Latin script.
    program.refresh_from_db()
    assert program.topic_list == ["Видео"]
    expect(page.locator("main ul[lang=sr-Latn] li", has_text="Video")).to_be_visible()

    # The same knowledge test before and after the training, and its learning gain.
    page.goto(f"/en/surveys/of/programme/{program.slug}/import/")
    page.locator("form", has=page.locator("button", has_text="Create from this template")).filter(
        has_text="correct answers"
    ).get_by_role("button").click()
    page.get_by_role("button", name="Open the survey").click()
    before = Survey.objects.get(kind="knowledge")
    page.get_by_role("button", name="Copy the survey").click()
    expect(page).not_to_have_url(re.compile(f"/{before.slug}/"))
    page.get_by_role("button", name="Open the survey").click()
    after = Survey.objects.exclude(pk=before.pk).get(kind="knowledge")
    page.goto(f"/en/surveys/{after.slug}/knowledge/")
    page.get_by_label(re.compile("the same test taken before it is")).select_option(
        label=before.title
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The tests are paired")).to_be_visible()
    page.context.close()

    # Right answers before and after: Marko 2 → 5, Ana 1 → 4, Mojca 3 → 3 (of 5).
    scores = {"twice": (2, 5), "latin": (1, 4), "slovenian": (3, 3)}
    for test, index in ((before, 0), (after, 1)):
        for key, right in scores.items():
            participant = sign_in(browser, live_server, world[key])
            participant.goto(f"/en/surveys/{test.slug}/")
            answer_test(participant, test, right[index])
            participant.context.close()

    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/surveys/{after.slug}/knowledge/")
    people = page.get_by_role("table", name="By participant")
    expect(people.get_by_role("row", name="Marko Test Opština Kula 2 5 3 1.00")).to_be_visible()
    expect(people.get_by_role("row", name="Ana Test Grad Novi Sad 1 4 3 0.75")).to_be_visible()
    expect(people.get_by_role("row", name="Mojca Test Občina Piran 3 3 0 0.00")).to_be_visible()
    total = page.get_by_role("table", name="By institution").locator("tfoot tr")
    expect(total).to_have_text(re.compile(r"All participants\s*3\s*2\.0\s*4\.0\s*2\.0\s*0\.58"))
    assert_accessible(page, "done-learning-gain")
    page.context.close()

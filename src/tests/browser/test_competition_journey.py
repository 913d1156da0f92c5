"""The competition of municipalities, end to end: an organiser sets it up with two population
bands and five weighted criteria, four municipalities enter, three jurors score (one declares a
conflict, one is excluded automatically where she works), the organiser switches between the
three methods and sees the ranking change, publishes, and each entrant reads its score sheet;
the `competition_results` command prints the ranking the page showed. Every page is checked
with axe-core."""

import json
import re
from datetime import timedelta
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
BANDS = [("Do 20.000 stanovnika", "do-20-hiljada"), ("Preko 20.000 stanovnika", "preko-20-hiljada")]
CRITERIA = [
    ("Sadržaj", "sadrzaj", 3),
    ("Vizuelni identitet", "vizuelni-identitet", 2),
    ("Interakcija", "interakcija", 2),
    ("Redovnost", "redovnost", 1),
    ("Inovativnost", "inovativnost", 1),
]
# Municipality → its band; the entrant's local part.
MUNICIPALITIES = {
    "Opština Kula": (0, "kula"),
    "Opština Bač": (0, "bac"),
    "Grad Sombor": (1, "sombor"),
    "Grad Zrenjanin": (1, "zrenjanin"),
}
# Every criterion of a sheet gets the same score. Juror 2 declares a conflict on Sombor;
# juror 3 works at Kula and is excluded there automatically.
SCORES = {
    "vesna": {"Opština Kula": 5, "Opština Bač": 4, "Grad Sombor": 3, "Grad Zrenjanin": 4},
    "goran": {"Opština Kula": 2, "Opština Bač": 3, "Grad Zrenjanin": 2},
    "milan": {"Opština Bač": 1, "Grad Sombor": 4, "Grad Zrenjanin": 3},
}


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.accounts.models import Position
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
    TOTP.activate(organiser, SECRET)
    entrants, institutions = {}, {}
    for name, (_band, local) in MUNICIPALITIES.items():
        institution = make_organization(name)
        person = make_person(f"{local}@example.org", first_name=local.title(), last_name="PR")
        Position.objects.create(person=person, organization=institution, title="PR")
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=institution,
            status=EnrolmentStatus.ENROLLED,
        )
        entrants[name], institutions[name] = person, institution
    jurors = {}
    for local in SCORES:
        person = make_person(f"{local}@example.org", first_name=local.title(), last_name="Žirić")
        TOTP.activate(person, SECRET)
        jurors[local] = person
    Position.objects.create(
        person=jurors["milan"], organization=institutions["Opština Kula"], title="Savetnik"
    )
    return {"program": program, "organiser": organiser, "entrants": entrants, "jurors": jurors}


def local_input(delta: timedelta) -> str:
    """A datetime-local value a day or more away, whatever the page's time zone."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def label(text: str):
    return re.compile(rf"^{re.escape(text)}:?\s*\*?$")


def set_up_competition(page, program, jurors, assert_accessible) -> str:
    page.goto(f"/en/programmes/{program.slug}/")
    page.get_by_role("link", name="Create a competition").click()
    page.get_by_label(label("Title")).fill("Najbolje predstavljanje na mrežama")
    page.get_by_label(label("Rules")).fill("Gradovi i opštine programa, u dve kategorije.")
    page.get_by_label(label("Entries open")).fill(local_input(timedelta(days=-2)))
    page.get_by_label(label("Entries close")).fill(local_input(timedelta(days=2)))
    page.get_by_label(label("Jury starts")).fill(local_input(timedelta(days=-2)))
    page.get_by_label(label("Jury ends")).fill(local_input(timedelta(days=3)))
    assert_accessible(page, "competition-create")
    page.get_by_role("button", name="Create the competition").click()
    expect(page.get_by_text("The competition is created.")).to_be_visible()
    manage_url = page.url
    for name, key in BANDS:
        form = page.locator("form[action$='/categories/']")
        form.get_by_label(label("Name")).fill(name)
        form.get_by_label(label("Key")).fill(key)
        form.get_by_role("button", name="Add the category").click()
    for name, key, weight in CRITERIA:
        form = page.locator("form[action$='/criteria/']")
        form.get_by_label(label("Name")).fill(name)
        form.get_by_label(label("Key")).fill(key)
        form.get_by_label(label("Weight")).fill(str(weight))
        form.get_by_label(label("Highest score")).fill("5")
        form.get_by_role("button", name="Add the criterion").click()
    for person in jurors.values():
        form = page.locator("form[action$='/jurors/']")
        form.get_by_label(label("Juror's email address")).fill(person.email)
        form.get_by_role("button", name="Assign the juror").click()
        expect(page.get_by_text("The juror is assigned.")).to_be_visible()
    expect(page.get_by_role("table", name="Criteria").get_by_role("row")).to_have_count(6)
    assert_accessible(page, "competition-manage")
    return manage_url


def enter(page, competition_url, name, band, assert_accessible, *, check: bool) -> None:
    page.goto(competition_url)
    page.get_by_role("link", name="Enter the competition").click()
    page.get_by_label(label("Category")).select_option(label=BANDS[band][0])
    page.get_by_label(label("Description")).fill(f"{name} na Fejsbuku i Instagramu.")
    page.get_by_label(label("Links to social media profiles")).fill("https://facebook.com/x")
    if check:
        assert_accessible(page, "competition-enter")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The entry is saved as a draft.")).to_be_visible()
    page.get_by_label(label("Link to the post")).fill("https://facebook.com/x/posts/1")
    page.get_by_label(label("Why it was chosen")).fill("Najviše pitanja građana.")
    page.get_by_role("button", name="Add the example post").click()
    page.get_by_role("button", name="Submit the entry").click()
    expect(page.get_by_text("The entry is submitted.")).to_be_visible()
    if check:
        assert_accessible(page, "competition-entry")


def score(page, competition_url, juror, assert_accessible) -> None:
    page.goto(competition_url)
    page.get_by_role("link", name="Your score sheets").click()
    jury_url = page.url
    for name, value in SCORES[juror].items():
        page.goto(jury_url)
        page.get_by_role("link", name=name).click()
        for criterion, _key, _weight in CRITERIA:
            page.get_by_label(label(criterion)).fill(str(value))
        page.get_by_label(label("Feedback for the entrant")).fill(f"Savet žirija za: {name}.")
        page.get_by_role("button", name="Save the scores").click()
        expect(page.get_by_text("Your scores are saved.")).to_be_visible()
    if juror == "goran":  # a declared conflict: his sheet for Sombor would not count
        page.get_by_role("link", name="Grad Sombor").click()
        page.get_by_role("button", name="Declare a conflict of interest").click()
        expect(page.get_by_text("Your conflict of interest is recorded")).to_be_visible()
    if juror == "milan":  # he works at Kula: the entry cannot be his to score
        page.get_by_role("link", name="Opština Kula").click()
        expect(page.get_by_text("You have a conflict of interest with this entry")).to_be_visible()
        assert_accessible(page, "competition-sheet-conflicted")
        page.goto(jury_url)
    assert_accessible(page, f"competition-jury-{juror}")


def ranking(page, band: int) -> list[str]:
    table = page.locator("#ranking table").nth(band)
    return [text.strip() for text in table.locator("tbody th").all_inner_texts()]


def test_competition_from_setup_to_score_sheets(browser, live_server, world, assert_accessible):
    program, jurors = world["program"], world["jurors"]

    page = sign_in(browser, live_server, world["organiser"])
    manage_url = set_up_competition(page, program, jurors, assert_accessible)
    competition_url = manage_url.replace("/manage/", "/")
    page.context.close()

    for number, (name, (band, _local)) in enumerate(MUNICIPALITIES.items()):
        page = sign_in(browser, live_server, world["entrants"][name])
        enter(page, competition_url, name, band, assert_accessible, check=number == 0)
        page.context.close()

    for juror, person in jurors.items():
        page = sign_in(browser, live_server, person)
        score(page, competition_url, juror, assert_accessible)
        page.context.close()

    # The organiser compares the methods: the z-score puts Zrenjanin above Sombor.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(competition_url)
    page.get_by_role("link", name="Preview the results").click()
    preview_url = page.url
    expect(page.locator("#ranking table")).to_have_count(2)
    assert ranking(page, 1) == ["Grad Sombor", "Grad Zrenjanin"]
    assert ranking(page, 0) == ["Opština Kula", "Opština Bač"]
    assert_accessible(page, "competition-preview-mean")
    page.get_by_role("link", name="Standardised per juror (z-score)").click()
    expect(page.locator("#ranking table").nth(1).locator("tbody th").first).to_have_text(
        "Grad Zrenjanin"
    )
    assert ranking(page, 0) == ["Opština Kula", "Opština Bač"]
    assert_accessible(page, "competition-preview-zscore")
    page.get_by_role("link", name="Trimmed mean (without the highest and the lowest total)").click()
    expect(page.locator("#ranking table").nth(1).locator("tbody th").first).to_have_text(
        "Grad Sombor"
    )
    shown = {BANDS[band][1]: ranking(page, band) for band in (0, 1)}

    # The jury period ends; the organiser publishes.
    page.goto(manage_url)
    page.get_by_label(label("Jury starts")).fill(local_input(timedelta(days=-3)))
    page.get_by_label(label("Jury ends")).fill(local_input(timedelta(days=-1)))
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.get_by_text("The competition is saved.")).to_be_visible()
    page.goto(preview_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish the results").click()
    expect(page.get_by_text("The results are published.")).to_be_visible()
    page.goto(competition_url)
    page.get_by_role("link", name="Results", exact=True).click()
    expect(page.get_by_text("Winner")).to_have_count(2)
    assert_accessible(page, "competition-results")
    page.context.close()

    # Each entrant reads its score sheet, with the jury's feedback and no juror's name.
    for number, name in enumerate(MUNICIPALITIES):
        page = sign_in(browser, live_server, world["entrants"][name])
        page.goto(competition_url)
        page.get_by_role("link", name="Score sheet").click()
        expect(page.get_by_role("table", name="Average score per criterion")).to_be_visible()
        expect(page.get_by_text(f"Savet žirija za: {name}.").first).to_be_visible()
        body = page.locator("main").inner_text()
        assert "Žirić" not in body
        if number == 0:
            assert_accessible(page, "competition-score-sheet")
        page.context.close()

    # The command prints the ranking the page showed (by the competition's method, the mean).
    from glasnik.competitions.models import Competition

    competition = Competition.objects.get()
    out = StringIO()
    call_command("competition_results", competition.slug, format="json", stdout=out)
    printed = json.loads(out.getvalue())
    names = {str(entry.pk): entry.institution.name for entry in competition.entries.all()}
    assert {
        category: [names[row["entry"]] for row in rows] for category, rows in printed.items()
    } == shown

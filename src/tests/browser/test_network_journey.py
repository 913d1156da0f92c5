"""A member finds colleagues in the directory, shares their email and proposes a topic; another
member votes for it; an organiser plans it. Every page is checked with axe-core."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.networks.models import Interest, Network
    from glasnik.networks.services.memberships import membership_apply, membership_approve

    association = make_organization("Stalna konferencija gradova i opština", kind="association")
    network = Network.objects.create(
        name="Mreža komunikatora",
        slug="mreza",
        organization=association,
        summary="Platforma za uzajamno učenje.",
        aims="Jačanje kompetencija.",
        learning_topics="Krizno komuniciranje\nVideo",
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    video = Interest.objects.create(network=network, name="Video", slug="video")

    def member(first, last, organization):
        person = make_person(first_name=first, last_name=last)
        person.positions.create(organization=organization, title="PR")
        membership = membership_apply(
            network=network, person=person, organization=organization, position_title="PR"
        )
        return membership_approve(membership=membership, actor=organiser)

    nis = make_organization("Grad Niš", name_cyrillic="Град Ниш", kind="city", region="Nišavski")
    kranj = make_organization("Mestna občina Kranj", country="SI", kind="city")
    marko = member("Marko", "Petrović", nis)
    ana = member("Ана", "Јовановић", kranj)
    ana.interests.add(video)
    return {"network": network, "organiser": organiser, "marko": marko, "ana": ana}


def test_member_directory_topics_and_organiser(browser, live_server, world, assert_accessible):
    marko = world["marko"].person
    page = sign_in(browser, live_server, marko)

    # The network's page, from the main menu.
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Networks").click()
    page.get_by_role("link", name="Mreža komunikatora").click()
    expect(page.locator("h1")).to_have_text("Mreža komunikatora")
    expect(page.get_by_text("You are a member since")).to_be_visible()
    expect(page.get_by_text("Krizno komuniciranje")).to_be_visible()
    assert_accessible(page, "network-page")

    # The directory: filter by country, then search in the other script.
    page.get_by_role("link", name="Member directory").first.click()
    expect(page.locator("h1")).to_have_text("Member directory")
    assert_accessible(page, "network-directory")
    page.get_by_label("Country").select_option("SI")
    page.get_by_role("button", name="Filter").click()
    results = page.locator("#directory-results tbody tr")
    expect(results).to_have_count(1)
    # Her name is written in Cyrillic; an English reader gets it in Latin.
    expect(results.first).to_contain_text("Ana Jovanović")
    page.get_by_label("Country").select_option("")
    page.get_by_label("Name or institution").fill("jovanovic")
    page.get_by_role("button", name="Filter").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Ana Jovanović")
    expect(page).to_have_url(re.compile(r"q=jovanovic"))
    assert_accessible(page, "network-directory-search")

    # Marko shares his email with other members.
    page.get_by_role("link", name="Edit my directory entry").click()
    assert_accessible(page, "network-my-entry")
    page.get_by_label("show my email address to other members").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your directory entry has been saved.")).to_be_visible()

    # ... and proposes a topic.
    page.goto("/en/networks/mreza/topics/")
    assert_accessible(page, "network-topics-empty")
    page.get_by_role("link", name="Propose a topic").click()
    assert_accessible(page, "network-topic-form")
    page.get_by_label("Topic").fill("Analitika društvenih mreža")
    page.get_by_label("A training").check()
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("your topic has been proposed")).to_be_visible()
    expect(page.get_by_text("Your proposal")).to_be_visible()
    page.context.close()

    # Ana sees Marko's email and votes for his topic (an htmx button).
    ana_page = sign_in(browser, live_server, world["ana"].person)
    ana_page.goto("/en/networks/mreza/directory/?q=petrovic")
    expect(ana_page.locator("#directory-results")).to_contain_text(marko.email)
    ana_page.goto("/en/networks/mreza/topics/")
    ana_page.get_by_role("button", name="Vote for Analitika društvenih mreža").click()
    expect(ana_page.get_by_text("1 vote")).to_be_visible()
    expect(ana_page.get_by_role("button", name="Withdraw my vote")).to_be_visible()
    assert_accessible(ana_page, "network-topics-voted")
    ana_page.context.close()

    # The organiser plans the topic.
    organiser_page = sign_in(browser, live_server, world["organiser"])
    organiser_page.goto("/en/networks/mreza/topics/")
    organiser_page.get_by_label("Status of “Analitika društvenih mreža”").select_option("planned")
    organiser_page.get_by_role("button", name="Change status").click()
    expect(organiser_page.get_by_text("is now marked planned")).to_be_visible()
    assert_accessible(organiser_page, "network-topics-planned")
    organiser_page.goto("/en/networks/mreza/members/")
    expect(organiser_page.locator("tbody tr")).to_have_count(2)
    assert_accessible(organiser_page, "network-members")
    organiser_page.context.close()

"""The member directory: who may see it, its filters, search in both scripts, what members
choose to show, query counts and the organisers' export."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.networks import InterestFactory
from openpyxl import load_workbook

from glasnik.accounts.services import profile_update
from glasnik.networks.selectors.directory import directory_cache_clear
from glasnik.networks.services.members import membership_decide, membership_entry_update
from glasnik.networks.services.memberships import membership_decline, membership_leave
from glasnik.networks.services.network import network_update
from glasnik.organizations.services import organization_save

pytestmark = pytest.mark.django_db


def directory_url(network, **params) -> str:
    url = reverse("networks:directory", kwargs={"network_slug": network.slug})
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params, doseq=True)
    return url


def shown_names(response) -> list[str]:
    """The names in the directory's table, as the reader sees them."""
    assert response.status_code == 200
    return re.findall(r'<th scope="row">([^<]*)</th>', response.content.decode())


def test_directory_sends_anonymous_visitor_to_login(client, network):
    response = client.get(directory_url(network))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_directory_is_404_for_people_outside_the_network(client, network, make_person):
    client.force_login(make_person())

    assert client.get(directory_url(network)).status_code == 404


@pytest.mark.parametrize("how", ["applied", "declined", "left"])
def test_directory_is_404_for_applicants_declined_and_former_members(
    client, network, make_member, network_organiser, how
):
    membership = make_member(network, status="member" if how == "left" else "applied")
    if how == "declined":
        membership_decline(membership=membership, actor=network_organiser)
    elif how == "left":
        membership_leave(membership=membership, actor=membership.person)
    client.force_login(membership.person)

    assert client.get(directory_url(network)).status_code == 404


def test_directory_shows_members_only_to_members_and_organisers(
    client, network, make_member, network_organiser, login_with_second_factor
):
    member = make_member(network, first_name="Marko", last_name="Petrović")
    make_member(network, first_name="Ana", last_name="Ilić", status="applied")

    client.force_login(member.person)
    response = client.get(directory_url(network))

    assert response.status_code == 200
    assert shown_names(response) == ["Marko Petrović"]
    login_with_second_factor(client, network_organiser)
    assert client.get(directory_url(network)).status_code == 200


def test_directory_filters_by_institution_position_experience_and_interests(
    client, network, make_member, make_organization
):
    video = InterestFactory(network=network, name="Video", slug="video")
    crisis = InterestFactory(network=network, name="Krizno komuniciranje", slug="crisis")
    nis = make_organization("Grad Niš", kind="city", region="Nišavski okrug")
    kranj = make_organization("Mestna občina Kranj", country="SI", kind="city", region="Gorenjska")
    institute = make_organization(
        "Dom zdravlja Niš", kind="public_institute", region="Nišavski okrug"
    )
    viewer = make_member(network, organization=nis, first_name="Ana", last_name="Anić")
    make_member(
        network,
        organization=kranj,
        first_name="Luka",
        last_name="Kovač",
        position_title="Vodja komuniciranja",
        experience_level="advanced",
        interests=[video],
    )
    make_member(
        network,
        organization=institute,
        first_name="Milica",
        last_name="Stojanović",
        experience_level="beginner",
        interests=[crisis, video],
    )
    client.force_login(viewer.person)

    def names(**params):
        return shown_names(client.get(directory_url(network, **params)))

    assert names(country="SI") == ["Luka Kovač"]
    assert names(region="Nišavski okrug") == ["Ana Anić", "Milica Stojanović"]
    assert names(kind="public_institute") == ["Milica Stojanović"]
    assert names(position="vodja") == ["Luka Kovač"]
    assert names(experience="beginner") == ["Milica Stojanović"]
    assert names(interests=[video.pk]) == ["Luka Kovač", "Milica Stojanović"]
    assert names(interests=[crisis.pk], region="Nišavski okrug") == ["Milica Stojanović"]
    # An unknown value is dropped, the other filters still apply.
    assert names(country="XX", kind="city") == ["Ana Anić", "Luka Kovač"]


@pytest.mark.parametrize("query", ["petrovic", "Petrović", "ПЕТРОВИЋ", "петровић марко", "Ниш"])
def test_directory_search_finds_names_and_institutions_across_scripts(
    client, network, make_member, make_organization, query
):
    nis = make_organization("Grad Niš", name_cyrillic="Град Ниш", kind="city")
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    make_member(network, organization=nis, first_name="Марко", last_name="Петровић")
    client.force_login(viewer.person)

    response = client.get(directory_url(network, q=query))

    # The test client reads in English: Serbian Cyrillic reaches a Latin-script reader in Latin.
    assert shown_names(response) == ["Marko Petrović"]


def test_directory_search_finds_a_latin_name_by_cyrillic_query(client, network, make_member):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    make_member(network, first_name="Đorđe", last_name="Jovanović")
    client.force_login(viewer.person)

    response = client.get(directory_url(network, q="Ђорђе"))

    assert shown_names(response) == ["Đorđe Jovanović"]


def test_directory_shows_contact_details_only_as_each_member_chose(
    client, network, make_member, network_organiser, login_with_second_factor
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    make_member(network, email="open@example.org", phone="+381 11 123", show_email=True)
    make_member(network, email="hidden@example.org", phone="+381 11 999")

    client.force_login(viewer.person)
    content = client.get(directory_url(network)).content.decode()

    assert "open@example.org" in content
    assert "+381 11 123" not in content
    assert "hidden@example.org" not in content
    assert "+381 11 999" not in content
    login_with_second_factor(client, network_organiser)
    content = client.get(directory_url(network)).content.decode()
    assert "hidden@example.org" in content
    assert "+381 11 999" in content


def test_directory_htmx_request_gets_only_the_results(client, network, make_member):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)

    response = client.get(directory_url(network, q="anic"), headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="directory-results"')
    assert "Ana Anić" in content
    assert "<html" not in content


def test_directory_query_count_is_the_same_for_1_and_30_rows(
    client, network, make_member, make_organization, django_capture_on_commit_callbacks
):
    interests = [
        InterestFactory(network=network, name=f"Tema {n}", slug=f"tema-{n}") for n in range(3)
    ]
    viewer = make_member(network, first_name="Ana", last_name="Anić", interests=interests)
    client.force_login(viewer.person)
    params = {"q": "a", "kind": "municipality"}

    def queries() -> int:
        client.get(directory_url(network, **params))  # warm the session and permission caches
        with django_capture_on_commit_callbacks(execute=True):  # measure the page drawn afresh
            directory_cache_clear(network.pk)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(directory_url(network, **params))
        assert response.status_code == 200
        return response.content.decode().count('<th scope="row">'), len(captured)

    rows_one, count_one = queries()
    for number in range(29):
        make_member(
            network,
            organization=make_organization(),
            first_name="Ana",
            last_name=f"Anić {number}",
            interests=interests,
        )
    rows_many, count_many = queries()

    assert (rows_one, rows_many) == (1, 30)
    assert count_one == count_many


def export_url(network, file_format, **params) -> str:
    url = reverse(
        "networks:members_export",
        kwargs={"network_slug": network.slug, "file_format": file_format},
    )
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_members_export_is_404_for_members(client, network, make_member):
    member = make_member(network)
    client.force_login(member.person)

    assert client.get(export_url(network, "csv")).status_code == 404


def test_members_export_csv_reads_back_and_defuses_formulas(
    network_organiser_client, network, make_member, make_organization
):
    video = InterestFactory(network=network, name="Video", slug="video")
    make_member(
        network,
        organization=make_organization("Grad Niš", kind="city", region="Nišavski okrug"),
        first_name="=HYPERLINK(1)",
        last_name="Petrović",
        email="marko@example.org",
        phone="+381 11 123",
        position_title="@SUM(A1)",
        interests=[video],
    )
    make_member(network, first_name="Ana", last_name="Anić", status="applied")

    response = network_organiser_client.get(export_url(network, "csv", status="member"))

    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="mreza-komunikatora-members.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["Surname", "First name", "Email", "Phone", "Institution"]
    assert len(rows) == 2
    assert rows[1][:9] == [
        "Petrović",
        "'=HYPERLINK(1)",
        "marko@example.org",
        "'+381 11 123",
        "Grad Niš",
        "Serbia",
        "Nišavski okrug",
        "'@SUM(A1)",
        "",
    ]
    assert rows[1][9:11] == ["Video", "Member"]


def test_members_export_xlsx_reads_back_with_every_status(
    network_organiser_client, network, make_member
):
    make_member(network, first_name="Marko", last_name="Petrović")
    make_member(network, first_name="Ana", last_name="Anić", status="applied")

    response = network_organiser_client.get(export_url(network, "xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Surname"
    assert [(row[0], row[10]) for row in values[1:]] == [
        ("Anić", "Applied"),
        ("Petrović", "Member"),
    ]


def test_members_export_unknown_format_is_404(network_organiser_client, network):
    assert network_organiser_client.get(export_url(network, "pdf")).status_code == 404


def test_directory_is_served_from_the_cache_until_the_membership_changes(
    client, network, make_member, network_organiser, django_capture_on_commit_callbacks
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)
    client.get(directory_url(network))

    with CaptureQueriesContext(connection) as cached:
        client.get(directory_url(network))
    newcomer = make_member(network, status="applied", first_name="Bojan", last_name="Bojić")
    assert "Bojić" not in client.get(directory_url(network)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        membership_decide(membership=newcomer, status="member", actor=network_organiser)

    assert "Bojić" in client.get(directory_url(network)).content.decode()
    assert len(cached) == 0  # session, person, network and page all come from the cache


def test_hiding_ones_email_takes_effect_in_the_directory_at_once(
    client, network, make_member, django_capture_on_commit_callbacks
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    shown = make_member(network, first_name="Bojan", last_name="Bojić", show_email=True)
    client.force_login(viewer.person)
    assert shown.person.email in client.get(directory_url(network)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        membership_entry_update(
            membership=shown,
            actor=shown.person,
            organization=shown.organization,
            position_title=shown.position_title,
            interests=[],
            show_email=False,
            show_phone=False,
        )

    assert shown.person.email not in client.get(directory_url(network)).content.decode()


def test_directory_table_is_in_the_readers_script_and_left_alone_by_the_page_conversion(
    client, network, make_member
):
    viewer = make_member(network, first_name="Nikola", last_name="Novaković")
    client.force_login(viewer.person)

    for _ in range(2):  # rendered afresh, then from the cache
        content = client.get(f"/sr/networks/{network.slug}/directory/").content.decode()
        assert '<div id="directory-results" aria-live="polite" class="notranslit">' in content
        assert "Никола Новаковић" in content
    latin = client.get(f"/sr-latn/networks/{network.slug}/directory/").content.decode()
    assert "Nikola Novaković" in latin


def test_directory_shows_a_new_network_name_at_once(
    client, network, make_member, network_organiser, django_capture_on_commit_callbacks
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)
    assert "Mreža komunikatora" in client.get(directory_url(network)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        network_update(network=network, actor=network_organiser, name="Mreža PR službenika")

    content = client.get(directory_url(network)).content.decode()
    assert "Mreža komunikatora" not in content
    assert content.count("Mreža PR službenika") == 2  # the title and the link back


def test_directory_answers_a_malformed_question_afresh_each_time(client, network, make_member):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)
    malformed = directory_url(network, kind="no-such-kind", page="x")
    client.get(malformed)
    client.get(directory_url(network))

    with CaptureQueriesContext(connection) as asked_again:
        response = client.get(malformed)
    with CaptureQueriesContext(connection) as well_formed_again:
        client.get(directory_url(network))

    assert shown_names(response) == ["Ana Anić"]  # the bad filter and page are dropped
    assert len(asked_again) > 0  # read afresh: junk in the address is not kept in the cache
    assert len(well_formed_again) == 0


def test_directory_gives_organisers_and_members_their_own_page(
    client, network, make_member, network_organiser, login_with_second_factor
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)
    assert "Download members as CSV" not in client.get(directory_url(network)).content.decode()

    login_with_second_factor(client, network_organiser)
    assert "Download members as CSV" in client.get(directory_url(network)).content.decode()
    client.force_login(viewer.person)
    assert "Download members as CSV" not in client.get(directory_url(network)).content.decode()


def test_directory_htmx_request_after_the_whole_page_still_gets_only_the_results(
    client, network, make_member
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)
    client.get(directory_url(network, q="anic"))

    content = client.get(directory_url(network, q="anic"), headers={"HX-Request": "true"})
    content = content.content.decode()

    assert content.lstrip().startswith('<div id="directory-results"')
    assert "<form" not in content


def test_directory_finds_a_member_by_a_new_name_at_once(
    client, network, make_member, django_capture_on_commit_callbacks
):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    renamed = make_member(network, first_name="Bojana", last_name="Bojić")
    client.force_login(viewer.person)
    assert shown_names(client.get(directory_url(network, q="bojic"))) == ["Bojana Bojić"]

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(person=renamed.person, actor=renamed.person, last_name="Đurić")

    assert shown_names(client.get(directory_url(network, q="bojic"))) == []
    assert shown_names(client.get(directory_url(network, q="ђурић"))) == ["Bojana Đurić"]


def test_directory_finds_members_by_their_institutions_new_name(
    client, network, make_member, make_organization, network_organiser, tmp_path
):
    edited = make_organization("Opština Stari Grad", official_code="70001")
    imported = make_organization("Opština Vračar", official_code="70002")
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    make_member(network, organization=edited, first_name="Bojan", last_name="Bojić")
    make_member(network, organization=imported, first_name="Vesna", last_name="Vasić")
    client.force_login(viewer.person)

    edited.name = "Gradska opština Stari Grad"
    organization_save(organization=edited, actor=network_organiser, changed_fields=["name"])
    csv_file = tmp_path / "organizations.csv"
    csv_file.write_text(
        "country,code,name,name_cyrillic,kind,parent,population\n"
        "RS,70002,Gradska opština Vračar,,municipality,,\n"
    )
    call_command("import_organizations", str(csv_file), stdout=io.StringIO())

    assert shown_names(client.get(directory_url(network, q="gradska stari"))) == ["Bojan Bojić"]
    assert shown_names(client.get(directory_url(network, q="градска врачар"))) == ["Vesna Vasić"]


def test_directory_filters_show_the_question_asked(client, network, make_member):
    video = InterestFactory(network=network, name="Video", slug="video")
    InterestFactory(network=network, name="Podcast", slug="podcast")
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)

    content = client.get(
        directory_url(network, q="anić", kind="municipality", interests=[video.pk])
    ).content.decode()

    assert '<input type="search" name="q" value="anić" maxlength="100" id="id_q">' in content
    assert '<option value="municipality" selected>' in content
    assert '<option value="" selected>All countries</option>' in content
    assert f'value="{video.pk}" id="id_interests_1" checked>' in content  # Podcast comes first
    assert content.count(" checked>") == 1
    assert content.count(" selected>") == 4  # the kind, and "all" for the three others


def test_directory_of_no_network_is_404_and_keeps_nothing(client, network, make_member):
    viewer = make_member(network, first_name="Ana", last_name="Anić")
    client.force_login(viewer.person)

    response = client.get(reverse("networks:directory", kwargs={"network_slug": "no-such"}))

    assert response.status_code == 404
    kept_keys = list(cache._cache)  # the local-memory cache of the tests
    assert [key for key in kept_keys if "no-such" in key] == []

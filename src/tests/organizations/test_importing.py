import pytest
from django.core.management import CommandError, call_command

from glasnik.audit.models import AuditLogEntry
from glasnik.organizations.models import Organization, OrganizationKind
from glasnik.organizations.services import (
    ImportSource,
    OrganizationImportError,
    organizations_import,
)

pytestmark = pytest.mark.django_db

HEADER = "country,code,name,name_cyrillic,kind,parent,population\n"
BELGRADE = (
    HEADER
    + "RS,,Beograd,Београд,city,,1694480\n"
    + "RS,70092,Beograd-Barajevo,Београд-Барајево,city_municipality,Beograd,26716\n"
)


def run_import(*paths) -> str:
    output = []

    class Out:
        def write(self, text):
            output.append(text)

        def flush(self):
            pass

    call_command("import_organizations", *map(str, paths), stdout=Out())
    return "".join(output)


def import_errors(*paths) -> str:
    with pytest.raises(CommandError) as caught:
        run_import(*paths)
    return str(caught.value)


def test_import_creates_organizations_with_fields_and_slug(write_csv):
    output = run_import(write_csv(BELGRADE))

    barajevo = Organization.objects.get(name="Beograd-Barajevo")
    assert (barajevo.country, barajevo.official_code, barajevo.kind) == (
        "RS",
        "70092",
        OrganizationKind.CITY_MUNICIPALITY,
    )
    assert barajevo.name_cyrillic == "Београд-Барајево"
    assert barajevo.population == 26716
    assert barajevo.slug == "rs-beograd-barajevo"
    assert barajevo.parent == Organization.objects.get(name="Beograd")
    assert "2 created, 0 updated, 0 unchanged" in output


def test_import_accepts_byte_order_mark(write_csv):
    run_import(write_csv("\ufeff" + BELGRADE))

    assert Organization.objects.count() == 2


def test_import_writes_one_audit_entry_per_run(write_csv):
    run_import(write_csv(BELGRADE))

    entry = AuditLogEntry.objects.get()
    assert entry.action == "organizations.import.completed"
    assert entry.data["created"] == 2
    assert entry.data["updated"] == 0
    assert entry.data["unchanged"] == 0


def test_import_second_run_changes_nothing(write_csv):
    path = write_csv(BELGRADE)
    run_import(path)
    before = list(Organization.objects.values("pk", "slug", "updated_at", "parent_id"))

    output = run_import(path)

    assert "0 created, 0 updated, 2 unchanged" in output
    assert list(Organization.objects.values("pk", "slug", "updated_at", "parent_id")) == before
    assert AuditLogEntry.objects.filter(action="organizations.import.completed").count() == 2


def test_import_matches_by_code_and_renames(write_csv, make_organization):
    existing = make_organization(name="Barajevo", official_code="70092", population=1)

    output = run_import(write_csv(HEADER + "RS,70092,Beograd-Barajevo,,city_municipality,,26716\n"))

    existing.refresh_from_db()
    assert existing.name == "Beograd-Barajevo"
    assert existing.population == 26716
    assert Organization.objects.count() == 1
    assert "0 created, 1 updated, 0 unchanged" in output


def test_import_matches_by_name_when_row_has_no_code(write_csv, make_organization):
    existing = make_organization(
        name="Brčko", country="BA", kind="district", website="https://bdcentral.net/"
    )

    run_import(write_csv(HEADER + "BA,,Brčko,,district,,83516\n"))

    existing.refresh_from_db()
    assert existing.population == 83516
    assert Organization.objects.count() == 1
    # the file has no website column, so the address organisers entered stays
    assert existing.website == "https://bdcentral.net/"


def test_import_optional_columns_are_written(write_csv):
    run_import(
        write_csv(
            "country,code,name,name_cyrillic,kind,parent,population,region,website,email\n"
            "SI,001,Ajdovščina,,municipality,,19704,Goriška,https://www.ajdovscina.si/,"
            "obcina@ajdovscina.si\n"
        )
    )

    ajdovscina = Organization.objects.get()
    assert ajdovscina.region == "Goriška"
    assert ajdovscina.website == "https://www.ajdovscina.si/"
    assert ajdovscina.email == "obcina@ajdovscina.si"
    assert ajdovscina.slug == "si-ajdovscina"


def test_import_resolves_parent_named_on_a_later_line(write_csv):
    run_import(
        write_csv(
            HEADER
            + "RS,71315,Niš-Crveni krst,,city_municipality,Niš,30575\n"
            + "RS,70858,Niš,Ниш,city,,254723\n"
        )
    )

    assert Organization.objects.get(name="Niš-Crveni krst").parent.name == "Niš"


def test_import_resolves_parent_by_code_and_from_database(write_csv, make_organization):
    city = make_organization(name="Niš", official_code="70858", kind="city")

    run_import(
        write_csv(
            HEADER
            + "RS,71315,Niš-Crveni krst,,city_municipality,70858,30575\n"
            + "RS,71331,Niš-Medijana,,city_municipality,niš,84520\n"
        )
    )

    assert set(city.children.values_list("name", flat=True)) == {"Niš-Crveni krst", "Niš-Medijana"}


def test_import_resolves_parent_in_another_file(write_csv):
    children = write_csv(HEADER + "RS,71315,Niš-Crveni krst,,city_municipality,Niš,\n")
    cities = write_csv(HEADER + "RS,70858,Niš,,city,,\n")

    run_import(children, cities)

    assert Organization.objects.get(name="Niš-Crveni krst").parent.name == "Niš"


def test_import_clears_parent_that_the_file_leaves_empty(write_csv):
    run_import(write_csv(BELGRADE))

    output = run_import(write_csv(HEADER + "RS,70092,Beograd-Barajevo,,city_municipality,,\n"))

    assert Organization.objects.get(name="Beograd-Barajevo").parent is None
    assert "0 created, 1 updated, 0 unchanged" in output


def test_import_makes_slugs_unique(write_csv, make_organization):
    make_organization(name="Something else", slug="rs-nis")

    run_import(write_csv(HEADER + "RS,70858,Niš,,city,,\nRS,,Nis,,other,,\n"))

    assert set(Organization.objects.values_list("slug", flat=True)) == {
        "rs-nis",
        "rs-nis-2",
        "rs-nis-3",
    }


def test_import_transliterates_letters_slugify_would_drop(write_csv):
    run_import(write_csv(HEADER + "RS,90000,Đakovica,Ђаковица,municipality,,\n"))

    assert Organization.objects.get().slug == "rs-djakovica"


# Bad input: nothing is written and every bad row is reported with its line.


def test_import_reports_every_bad_row_and_writes_nothing(write_csv):
    path = write_csv(
        HEADER
        + "RS,70858,Niš,,city,,254723\n"  # line 2: fine
        + "XX,1,Nowhere,,municipality,,\n"  # line 3
        + "RS,2,Somewhere,,village,,\n"  # line 4
        + "RS,3,,,municipality,,\n"  # line 5
        + "RS,4,Counted,,municipality,,many\n"  # line 6
        + "RS,5,Negative,,municipality,,-3\n"  # line 7
        + "RS,6,Orphan,,municipality,Atlantis,\n"  # line 8
    )

    report = import_errors(path)

    assert Organization.objects.count() == 0
    assert AuditLogEntry.objects.count() == 0
    assert "line 2:" not in report
    assert f"{path}, line 3: unknown country “XX”" in report
    assert f"{path}, line 4: unknown kind “village”" in report
    assert f"{path}, line 5: the name is empty." in report
    assert f"{path}, line 6: the population “many” is not a whole number" in report
    assert f"{path}, line 7: the population “-3” is not a whole number" in report
    assert "line 8: unknown parent “Atlantis”" in report


def test_import_report_is_in_line_order_without_knock_on_errors(write_csv):
    report = import_errors(
        write_csv(
            HEADER
            + "RS,71315,Niš-Crveni krst,,city_municipality,Niš,\n"  # line 2: parent is bad
            + "RS,70858,Niš,,town,,\n"  # line 3
            + "RS,70859,Orphan,,municipality,Atlantis,\n"  # line 4
        )
    )

    lines = report.splitlines()[1:]
    assert len(lines) == 2
    assert lines[0].endswith(
        "line 3: unknown kind “town” (expected one of city, municipality, "
        "city_municipality, urban_municipality, district, canton, entity, "
        "public_institute, state_body, association, other)."
    )
    assert "line 4: unknown parent “Atlantis”" in lines[1]


def test_import_rejects_file_that_is_not_utf8(write_csv):
    path = write_csv(HEADER + "RS,70858,Niš,,city,,\n", encoding="cp1250")

    report = import_errors(path)

    assert f"{path}: the file is not UTF-8 text (first bad byte on line 2)" in report
    assert Organization.objects.count() == 0


def test_import_lists_missing_columns(write_csv):
    report = import_errors(write_csv("country,name,kind\nRS,Niš,city\n"))

    assert "line 1: missing required columns: code, name_cyrillic, parent, population." in report


def test_import_bad_file_stops_the_good_file_too(write_csv):
    good = write_csv(BELGRADE)
    bad = write_csv(HEADER + "RS,,Niš,,town,,\n")

    report = import_errors(good, bad)

    assert f"{bad}, line 2: unknown kind" in report
    assert Organization.objects.count() == 0


def test_import_reports_duplicate_code_with_both_lines(write_csv):
    report = import_errors(
        write_csv(HEADER + "RS,70858,Niš,,city,,\nRS,1,Other,,city,,\nRS,70858,Niš 2,,city,,\n")
    )

    assert "line 4: the code 70858 is also used on" in report
    assert ", line 2." in report
    assert Organization.objects.count() == 0


def test_import_reports_duplicate_name_within_country(write_csv):
    report = import_errors(
        write_csv(HEADER + "RS,,Palilula,,municipality,,\nRS,,palilula,,municipality,,\n")
    )

    assert "line 3: “palilula” (RS) is also on" in report
    assert ", line 2." in report


def test_import_allows_same_name_in_two_countries(write_csv):
    run_import(write_csv(HEADER + "RS,,Centar,,municipality,,\nBA,,Centar,,municipality,,\n"))

    assert Organization.objects.filter(name="Centar").count() == 2


def test_import_rejects_parent_of_another_country(write_csv):
    report = import_errors(
        write_csv(
            HEADER + "BA,,Kanton Sarajevo,,canton,,\nRS,,Centar,,municipality,Kanton Sarajevo,\n"
        )
    )

    assert "line 3: unknown parent “Kanton Sarajevo”" in report


def test_import_rejects_parent_loops(write_csv):
    report = import_errors(
        write_csv(HEADER + "RS,,A,,other,B,\nRS,,B,,other,A,\nRS,,C,,other,C,\n")
    )

    assert "line 2: the parent chain of “A” loops back to it." in report
    assert "line 3: the parent chain of “B” loops back to it." in report
    assert "line 4: an organization cannot be its own parent." in report


def test_import_reports_values_longer_than_their_columns(write_csv):
    long_site = "https://example.org/" + "a" * 181
    long_email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"
    path = write_csv(
        "country,code,name,name_cyrillic,kind,parent,population,region,website,email\n"
        f"RS,{'1' * 33},{'N' * 201},{'Н' * 201},municipality,,,{'R' * 121},,\n"
        f"RS,2,Fine,,municipality,,,,{long_site},{long_email}\n"
        f"RS,{'1' * 32},{'N' * 200},{'Н' * 200},municipality,,,{'R' * 120},,\n"  # at the limits
    )

    report = import_errors(path)

    assert Organization.objects.count() == 0
    assert [line.strip() for line in report.splitlines()[1:]] == [
        f"{path}, line 2: the name is too long: 201 characters, at most 200.",
        f"{path}, line 2: the name_cyrillic is too long: 201 characters, at most 200.",
        f"{path}, line 2: the code is too long: 33 characters, at most 32.",
        f"{path}, line 2: the region is too long: 121 characters, at most 120.",
        f"{path}, line 3: the website is too long: 201 characters, at most 200.",
        f"{path}, line 3: the email is too long: {len(long_email)} characters, at most 254.",
    ]


def test_import_accepts_values_at_their_columns_limits(write_csv):
    path = write_csv(
        "country,code,name,name_cyrillic,kind,parent,population,region\n"
        f"RS,{'1' * 32},{'Đ' * 200},{'Љ' * 200},municipality,,2147483647,{'R' * 120}\n"
    )

    run_import(path)

    organization = Organization.objects.get()
    assert (len(organization.name), organization.population) == (200, 2147483647)
    assert len(organization.search_name) == 620  # the search text is cut, not refused


def test_import_reports_population_above_what_the_column_holds(write_csv):
    path = write_csv(HEADER + "RS,1,Big,,municipality,,2147483648\n")

    report = import_errors(path)

    assert Organization.objects.count() == 0
    assert [line.strip() for line in report.splitlines()[1:]] == [
        f"{path}, line 2: the population 2147483648 is too large (at most 2147483647)."
    ]


def test_import_rejects_parent_loop_through_the_database(write_csv, make_organization):
    a = make_organization(name="A", kind="other")
    b = make_organization(name="B", kind="other", parent=a)
    make_organization(name="C", kind="other", parent=b)

    path = write_csv(HEADER + "RS,,A,,other,C,\n")

    report = import_errors(path)

    assert [line.strip() for line in report.splitlines()[1:]] == [
        f"{path}, line 2: the parent chain of “A” loops back to it through institutions "
        "already in the database: A → C → B → A."
    ]
    a.refresh_from_db()
    assert a.parent is None


def test_import_rejects_parent_loop_between_the_file_and_the_database(write_csv, make_organization):
    a = make_organization(name="A", kind="other")
    make_organization(name="B", kind="other", parent=a)

    report = import_errors(write_csv(HEADER + "RS,,A,,other,B,\n"))

    assert "line 2: the parent chain of “A” loops back to it through institutions already in " in (
        report
    )
    assert report.endswith("A → B → A.")


def test_import_may_turn_a_parent_round_when_the_file_moves_both(write_csv, make_organization):
    a = make_organization(name="A", kind="other")
    b = make_organization(name="B", kind="other", parent=a)

    run_import(write_csv(HEADER + "RS,,A,,other,B,\nRS,,B,,other,,\n"))

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.parent, b.parent) == (b, None)


def test_import_rejects_invalid_email_and_website(write_csv):
    report = import_errors(
        write_csv(
            "country,code,name,name_cyrillic,kind,parent,population,website,email\n"
            "SI,001,Ajdovščina,,municipality,,,not a site,obcina-at-ajdovscina\n"
        )
    )

    assert "line 2: “not a site” is not a valid web address." in report
    assert "line 2: “obcina-at-ajdovscina” is not a valid email address." in report


def test_import_rejects_name_taken_by_another_organization(write_csv, make_organization):
    make_organization(name="Niš", official_code="70858")

    report = import_errors(write_csv(HEADER + "RS,99999,Niš,,city,,\n"))

    assert "line 2: “Niš” already exists with the code 70858, not 99999." in report


def test_import_command_reports_missing_file(tmp_path):
    report = import_errors(tmp_path / "absent.csv")

    assert "No such file" in report


def test_import_service_raises_with_problems():
    source = ImportSource(name="inline.csv", content=(HEADER + "RS,,,,city,,\n").encode())

    with pytest.raises(OrganizationImportError) as caught:
        organizations_import(sources=[source])

    assert [(p.source, p.line) for p in caught.value.problems] == [("inline.csv", 2)]


# The shipped reference lists.


def test_reference_organizations_load_fully_and_idempotently():
    call_command("load_reference_organizations", stdout=None)
    counts = {
        country: Organization.objects.filter(country=country).count()
        for country in ("RS", "BA", "SI")
    }
    entities_and_cantons = Organization.objects.filter(kind__in=["entity", "canton"]).count()

    call_command("load_reference_organizations")

    assert counts == {"RS": 204, "BA": 145 + entities_and_cantons, "SI": 212}
    assert entities_and_cantons == 12
    assert Organization.objects.count() == 204 + 157 + 212
    assert AuditLogEntry.objects.filter(action="organizations.import.completed").count() == 2
    second_run = AuditLogEntry.objects.latest("pk").data
    assert (second_run["created"], second_run["updated"]) == (0, 0)


def test_reference_organizations_link_parents_and_regions():
    call_command("load_reference_organizations")
    by_name = Organization.objects.select_related("parent__parent").in_bulk(field_name="slug")

    assert by_name["rs-beograd-barajevo"].parent.name == "Beograd"
    assert by_name["rs-beograd-barajevo"].region == "Grad Beograd"
    assert by_name["rs-nis-medijana"].parent.name == "Niš"
    assert by_name["rs-uzice-sevojno"].parent.name == "Užice"
    assert by_name["rs-novi-sad-petrovaradin"].parent.name == "Novi Sad"
    assert by_name["rs-aleksinac"].parent is None
    assert by_name["rs-aleksinac"].region == "Nišavski okrug"
    assert by_name["ba-centar"].parent.name == "Kanton Sarajevo"
    assert by_name["ba-centar"].parent.parent.name == "Federacija Bosne i Hercegovine"
    assert by_name["ba-banja-luka"].parent.name == "Republika Srpska"
    assert by_name["ba-brcko"].parent is None
    assert by_name["ba-brcko"].region == "Brčko distrikt"
    assert by_name["si-ajdovscina"].region == "Goriška"
    assert by_name["si-ajdovscina"].official_code == "001"
    assert not Organization.objects.filter(country="SI", parent__isnull=False).exists()
    assert (
        Organization.objects.filter(country="RS", kind="city_municipality", parent=None).count()
        == 0
    )

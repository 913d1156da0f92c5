"""seed_scale's big network fills the member directory, and the benchmark measures the
directory signed in as one of its members."""

import importlib.util
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client

from glasnik.access.models import Role, RoleGrant
from glasnik.networks.models import Membership, Network

pytestmark = pytest.mark.django_db

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_scale_makes_one_big_network_once():
    call_command("seed_scale", factor=0.01)
    call_command("seed_scale", factor=0.01)

    network = Network.objects.get(slug="seed-network")
    memberships = Membership.objects.filter(network=network)
    assert memberships.count() == 30
    assert set(memberships.values_list("status", flat=True)) == {"member"}
    network_type = ContentType.objects.get_for_model(Network)
    grants = RoleGrant.objects.filter(
        role=Role.MEMBER, scope_type=network_type, scope_id=network.pk
    )
    assert grants.count() == 30
    assert all(m.search_text and m.organization_id for m in memberships)
    assert Membership.interests.through.objects.filter(membership__network=network).count() >= 30
    assert memberships.exclude(person__experience_level="").count() == 30


def test_benchmark_measures_the_filtered_directory_as_a_member(client):
    call_command("seed_scale", factor=0.01)
    targets = load("django_prep").targets()
    pages = load("run").pages(targets)

    (page,) = [page for page in pages if page["name"] == "directory"]
    warm = page["warm"]
    assert warm["path"] == "/sr/networks/seed-network/directory/?q=petrovic&kind=municipality"
    assert page["kind"] == "signed-in"
    name, value = warm["cookie"].split("=", 1)
    member_client = Client()
    member_client.cookies[name] = value
    response = member_client.get(warm["path"])
    assert response.status_code == 200
    names = {member.person.last_name for member in response.context["page"].object_list}
    assert names == {"Petrović"}


def test_benchmark_asks_the_directory_new_questions_as_a_member(client):
    call_command("seed_scale", factor=0.01)
    targets = load("django_prep").targets()
    pages = load("run").pages(targets)

    (page,) = [page for page in pages if page["name"] == "directory"]
    cold = page["cold"]
    paths = cold["question_paths"]
    assert cold["path"] == paths[0]
    assert len(set(paths)) == len(paths) > 1000
    assert all(path.startswith("/sr/networks/seed-network/directory/?q=") for path in paths)
    name, value = cold["cookie"].split("=", 1)
    member_client = Client()
    member_client.cookies[name] = value
    for path in paths[:5]:
        assert member_client.get(path).status_code == 200


def test_benchmark_opens_every_public_page_cold_as_a_participant_of_the_programme(client):
    from glasnik.programs.models import Enrolment

    call_command("seed_scale", factor=0.01)
    targets = load("django_prep").targets()
    pages = load("run").pages(targets)

    program = next(page for page in pages if page["name"] == "program_detail")
    assert "cookie" not in program["warm"]
    name, value = program["cold"]["cookie"].split("=", 1)
    participant = Client()
    participant.cookies[name] = value
    response = participant.get(program["cold"]["path"])
    assert response.status_code == 200
    assert response.context["user"].email == targets["participant_email"]
    assert Enrolment.objects.filter(person__email=targets["participant_email"]).exists()


def test_the_registration_rush_gets_a_training_and_its_participants_sessions(client):
    from glasnik.events.models import Event, Registration

    call_command("seed_scale", factor=0.01)
    prep = load("django_prep")
    rush = prep.rush_targets(5, 2)

    assert len(set(rush["sessions"])) == 5
    assert Event.objects.get(pk=rush["event_pk"]).capacity == 2
    participant = Client()
    participant.cookies[rush["session_cookie_name"]] = rush["sessions"][0]
    form_page = participant.get(rush["register_path"])
    assert form_page.status_code == 200
    fields = load("run").RegistrationForm(rush["register_path"])
    fields.feed(form_page.content.decode())
    assert fields.found
    assert participant.post(rush["register_path"], dict(fields.fields)).status_code == 302

    result = prep.rush_result(rush["event_pk"])
    assert result["by_status"] == {"confirmed": 1}
    assert not Event.objects.filter(pk=rush["event_pk"]).exists()
    assert not Registration.objects.filter(event_id=rush["event_pk"]).exists()

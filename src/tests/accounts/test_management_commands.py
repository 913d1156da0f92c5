import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management import call_command

from glasnik.access.models import Role, RoleGrant
from glasnik.accounts.demo import DEMO_PASSWORD
from glasnik.accounts.models import Position, User
from glasnik.networks.models import Network
from glasnik.organizations.models import Organization, OrganizationKind
from glasnik.programs.models import Program
from glasnik.site.demo_programs import SLUG

pytestmark = pytest.mark.django_db

COUNTED = [Organization, User, EmailAddress, Position, RoleGrant, Authenticator]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_demo_is_idempotent_and_grants_roles(capsys):
    call_command("demo")
    first = counts()
    call_command("demo")

    assert counts() == first
    association = Organization.objects.get(
        country="RS", name="Stalna konferencija gradova i opština"
    )
    assert association.kind == OrganizationKind.ASSOCIATION
    organiser = User.objects.get(email="jelena.markovic@demo.glasnik.test")
    network = Network.objects.get(slug="mreza-komunikatora-srbija")
    program = Program.objects.get(slug=SLUG)
    assert {grant.scope for grant in organiser.role_grants.all()} == {association, network, program}
    assert organiser.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=organiser).verified
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
    # Everyone whose role requires MFA has TOTP and recovery codes; nobody else does. The
    # demo competition's jurors (Vesna, Dragan, Nenad) hold the juror's role.
    with_totp = set(
        Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list(
            "user__email", flat=True
        )
    )
    assert with_totp == {
        "admin@demo.glasnik.test",
        "jelena.markovic@demo.glasnik.test",
        "mojca.novak@demo.glasnik.test",
        "vesna.djordjevic@demo.glasnik.test",
        "dragan.ilic@demo.glasnik.test",
        "nenad.pavlovic@demo.glasnik.test",
    }
    assert Authenticator.objects.filter(type=Authenticator.Type.RECOVERY_CODES).count() == 6
    assert not User.objects.filter(positions__isnull=True).exists()
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    assert "jelena.markovic@demo.glasnik.test" in output


def test_demo_logins_work(client):
    call_command("demo")

    response = client.post(
        "/en/accounts/login/",
        {"login": "marko.petrovic@demo.glasnik.test", "password": DEMO_PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == "/sr-latn/dashboard/"


def test_seed_scale_creates_proportional_counts_once():
    call_command("seed_scale", factor=0.01)
    call_command("seed_scale", factor=0.01)

    assert Organization.objects.filter(slug__startswith="seed-").count() == 20
    people = User.objects.filter(email__endswith="@scale.glasnik.test")
    assert people.count() == 200
    assert Position.objects.filter(person__in=people).count() == 200
    assert EmailAddress.objects.filter(user__in=people, verified=True).count() == 200


def test_seed_scale_tops_up_to_a_larger_factor():
    call_command("seed_scale", factor=0.01)
    call_command("seed_scale", factor=0.02)

    assert Organization.objects.filter(slug__startswith="seed-").count() == 40
    assert User.objects.filter(email__endswith="@scale.glasnik.test").count() == 400


def test_demo_sends_no_email(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo")

    assert [message.subject for message in mailoutbox] == []

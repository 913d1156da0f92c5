import pytest
from django.urls import reverse
from factories.accounts import PositionFactory

from glasnik.programs.models import Program
from glasnik.site.scale_programs import PROGRAM_SLUG, seed_program

pytestmark = pytest.mark.django_db


def test_seed_program_gives_50_events_and_1500_registrations_once(
    client, make_person, make_organization
):
    organization = make_organization()
    for number in range(40):
        person = make_person(f"seed-{number:03d}@scale.example")
        PositionFactory(person=person, organization=organization, title="PR")

    assert seed_program(email_domain="scale.example", organization_id=organization.pk) == 1500
    assert seed_program(email_domain="scale.example", organization_id=organization.pk) == 1500

    program = Program.objects.get(slug=PROGRAM_SLUG)
    assert program.events.count() == 50
    assert program.enrolments.count() == 40
    response = client.get(reverse("programs:detail", args=[PROGRAM_SLUG]))
    assert response.status_code == 200
    assert len(response.context["event_rows"]) == 50
    assert all(row.seats_taken == 30 for row in response.context["event_rows"])

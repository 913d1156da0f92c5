"""Enrolling from the programme's page, the organisers' participants list (filters, pages,
export, decisions) and invitations from the email link to a participant."""

import io

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.accounts import PositionFactory
from factories.programs import ProgramFactory

from glasnik.programs.models import EnrolmentPolicy, EnrolmentStatus, Invitation

pytestmark = pytest.mark.django_db


def url(name, program, **kwargs) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": program.slug, **kwargs})


def test_person_enrols_with_their_current_institution_by_default(
    client, program, make_person, make_organization
):
    person = make_person()
    institution = make_organization("Grad Kragujevac", kind="city")
    PositionFactory(person=person, organization=institution, title="PR")
    client.force_login(person)

    form = client.get(url("enrol", program)).context["form"]
    assert form.initial["organization"] == institution

    response = client.post(url("enrol", program), {"organization": institution.pk}, follow=True)
    assert "Your request has been sent." in response.content.decode()
    enrolment = program.enrolments.get(person=person)
    assert (enrolment.status, enrolment.organization) == (EnrolmentStatus.PENDING, institution)


def test_enrolment_refuses_an_institution_not_on_the_profile(
    client, program, make_person, make_organization
):
    person = make_person()
    PositionFactory(person=person, organization=make_organization(), title="PR")
    client.force_login(person)
    response = client.post(url("enrol", program), {"organization": make_organization().pk})
    assert response.status_code == 200
    assert response.context["form"].errors["organization"]
    assert not program.enrolments.exists()


def test_person_without_a_position_chooses_the_institution_when_enrolling(
    client, program, make_person, make_organization
):
    # No detour to the profile: the institution is found and the position given right here.
    person = make_person()
    institution = make_organization("Grad Kragujevac", kind="city")
    client.force_login(person)

    page = client.get(url("enrol", program)).content.decode()
    assert "Find yours and say what your position is there" in page
    assert 'name="organization_q"' in page
    assert "add your position" not in page

    response = client.post(
        url("enrol", program),
        {"organization": institution.pk, "position_title": "Portparolka"},
        follow=True,
    )

    assert "Your request has been sent." in response.content.decode()
    enrolment = program.enrolments.get(person=person)
    assert (enrolment.status, enrolment.organization) == (EnrolmentStatus.PENDING, institution)
    [position] = person.positions.all()
    assert (position.organization, position.title) == (institution, "Portparolka")


def test_enrolling_without_a_position_keeps_what_was_typed_when_something_is_missing(
    client, program, make_person, make_organization
):
    person = make_person()
    institution = make_organization("Grad Kragujevac", kind="city")
    client.force_login(person)

    response = client.post(url("enrol", program), {"organization": institution.pk})

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["position_title"]
    assert f'value="{institution.pk}"' in response.content.decode()
    assert not program.enrolments.exists()
    assert not person.positions.exists()


def test_participants_list_filters_and_pages(
    program_organiser_client, program, make_enrolment, make_organization
):
    city = make_organization("Grad Niš", kind="city")
    make_enrolment(first_name="Ana", last_name="Jovanović", organization=city)
    make_enrolment(first_name="Marko", last_name="Petrović", status=EnrolmentStatus.PENDING)

    response = program_organiser_client.get(url("participants", program), {"kind": "city"})
    assert [e.person.first_name for e in response.context["page"]] == ["Ana"]
    response = program_organiser_client.get(url("participants", program), {"status": "pending"})
    assert [e.person.first_name for e in response.context["page"]] == ["Marko"]
    response = program_organiser_client.get(url("participants", program), {"q": "Niš"})
    assert [e.person.first_name for e in response.context["page"]] == ["Ana"]
    response = program_organiser_client.get(url("participants", program), {"status": "bogus"})
    assert response.context["page"].paginator.count == 2


def test_participants_list_query_count_is_the_same_for_1_and_30(
    program_organiser_client, program, make_enrolment
):
    def queries() -> tuple[int, int]:
        program_organiser_client.get(url("participants", program))  # warm the caches cleared above
        with CaptureQueriesContext(connection) as captured:
            response = program_organiser_client.get(url("participants", program))
        return len(response.context["page"].object_list), len(captured)

    make_enrolment()
    one = queries()
    for _ in range(29):
        make_enrolment()
    many = queries()
    assert (one[0], many[0]) == (1, 30)
    assert one[1] == many[1]


def test_participants_export_xlsx(
    program_organiser_client, program, make_enrolment, make_organization
):
    make_enrolment(
        first_name="Ana", last_name="Jovanović", organization=make_organization("=Opština")
    )
    response = program_organiser_client.get(url("participants_export", program, file_format="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Name", "Email", "Institution")
    assert rows[1][0] == "Ana Jovanović"
    assert rows[1][2] == "'=Opština"  # never a formula


def test_organiser_approves_a_pending_participant(
    program_organiser_client, program, make_enrolment, django_capture_on_commit_callbacks
):
    enrolment = make_enrolment(status=EnrolmentStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = program_organiser_client.post(
            url("participant", program, pk=enrolment.pk), {"status": "enrolled", "message": ""}
        )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert mail.outbox[-1].to == [enrolment.person.email]


def test_participant_of_another_programme_is_404(
    program_organiser_client, program, prog_association, make_enrolment
):

    other = ProgramFactory(
        name="Drugi", slug="drugi", organization=prog_association, is_published=True
    )
    enrolment = make_enrolment(target=other)
    assert (
        program_organiser_client.get(url("participant", program, pk=enrolment.pk)).status_code
        == 404
    )


def test_invitation_link_leads_a_new_person_through_sign_up_to_taking_part(
    program_organiser_client,
    client,
    program,
    make_person,
    make_organization,
    django_capture_on_commit_callbacks,
):
    program.enrolment_policy = EnrolmentPolicy.INVITATION
    program.save()
    with django_capture_on_commit_callbacks(execute=True):
        program_organiser_client.post(
            url("invitations", program), {"emails": "nova@example.org\nnovi@example.org"}
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["nova@example.org", "novi@example.org"]
    invitation = Invitation.objects.get(email="nova@example.org")
    link = reverse("programs:invitation", args=[invitation.token])

    program_organiser_client.logout()
    anonymous = client.get(link)
    assert anonymous.status_code == 200
    assert "/accounts/signup/?next=" in anonymous.content.decode()

    person = make_person("nova@example.org")
    institution = make_organization()
    PositionFactory(person=person, organization=institution, title="PR")
    client.force_login(person)
    response = client.post(link, {"organization": institution.pk})
    assert response.status_code == 302
    assert program.enrolments.get(person=person).status == EnrolmentStatus.ENROLLED
    assert "already been used" in client.get(link).content.decode()


def test_bad_invitation_token_is_404(client):
    assert client.get(reverse("programs:invitation", args=["nope"])).status_code == 404


def test_invitations_form_refuses_bad_addresses(program_organiser_client, program):
    response = program_organiser_client.post(
        url("invitations", program), {"emails": "a@example.org, nope"}
    )
    assert "These are not email addresses: nope" in response.content.decode()
    assert not Invitation.objects.exists()


def test_withdraw_from_the_page(client, program, make_enrolment):
    enrolment = make_enrolment()
    client.force_login(enrolment.person)
    client.post(url("withdraw", program))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN

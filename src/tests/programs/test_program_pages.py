"""The public list and page of a programme (timeline, events, team), its calendar feed, the
organisers' pages for the programme, phases and team, and who gets a 404."""

from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories.accounts import TOTP_SECRET
from factories.events import RegistrationFactory
from factories.programs import ProgramFactory

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.access.services import role_grant
from glasnik.accounts.models import User
from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import RegistrationStatus, Visibility
from glasnik.programs.models import Phase, Program

pytestmark = pytest.mark.django_db


def url(name, program, **kwargs) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": program.slug, **kwargs})


def test_programme_list_shows_published_programmes_only(client, program, prog_association):
    ProgramFactory(
        name="Nacrt programa", slug="nacrt", organization=prog_association, is_published=False
    )
    response = client.get(reverse("programs:list"))
    assert response.status_code == 200
    assert [p.name for p in response.context["programs"]] == ["Društvene mreže — program obuke"]
    assert "Nacrt programa" not in response.content.decode()


def test_programme_list_query_count_is_the_same_for_1_and_30(client, program, prog_association):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("programs:list"), HTTP_COOKIE="sessionid=x")
        return len(response.context["programs"]), len(captured)

    one = queries()
    for number in range(29):
        ProgramFactory(
            name=f"Program {number}",
            slug=f"program-{number}",
            organization=prog_association,
            is_published=True,
        )
    many = queries()
    assert (one[0], many[0]) == (1, 30)
    assert one[1] == many[1]


@pytest.mark.parametrize("language", ["en", "sr", "sr-latn", "bs", "hr", "sl"])
def test_programme_page_renders_timeline_with_current_phase_in_every_language(
    client, program, language
):
    response = client.get(f"/{language}/programmes/{program.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    timeline = [(entry.phase.title, entry.state) for entry in response.context["timeline"]]
    assert timeline == [("Istraživanje", "past"), ("Obuka", "current"), ("Mentorstvo", "upcoming")]
    # The current phase is marked for assistive technology, not by colour alone.
    assert content.count('aria-current="step"') == 1


def test_programme_page_shows_current_phase_text_events_and_team(
    client, program, program_organiser, make_event, make_person
):
    trainer = make_person(first_name="Dragan", last_name="Ilić")
    role_grant(person=trainer, role=Role.TRAINER, scope=program)
    make_event(title="Javni trening")
    make_event(title="Interna sesija", visibility=Visibility.MEMBERS)

    content = client.get(url("detail", program)).content.decode()

    assert "Current phase" in content
    assert "Javni trening" in content
    assert "Interna sesija" not in content  # participants' events only for participants
    assert "Jelena Marković" in content
    assert "Dragan Ilić" in content
    assert url("feed", program) in content


def test_participant_sees_every_event_of_the_programme(client, program, make_enrolment, make_event):
    make_event(title="Interna sesija", visibility=Visibility.MEMBERS)
    enrolment = make_enrolment()
    client.force_login(enrolment.person)
    content = client.get(url("detail", program)).content.decode()
    assert "Interna sesija" in content
    assert "Withdraw from the programme" in content


def test_draft_programme_is_404_for_visitors_and_shown_to_its_organisers(
    client, program, program_organiser, login_with_second_factor
):
    program.is_published = False
    program.save()
    assert client.get(url("detail", program)).status_code == 404
    assert client.get(url("feed", program)).status_code == 404
    login_with_second_factor(client, program_organiser)
    response = client.get(url("detail", program))
    assert response.status_code == 200
    assert "Draft: only the programme" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["edit", "phases", "team", "participants", "invitations", "reports", "reports_export"],
)
def test_organisers_pages_are_404_for_participants_and_strangers(
    client, program, make_enrolment, make_person, name
):
    client.force_login(make_enrolment().person)
    assert client.get(url(name, program)).status_code == 404
    client.force_login(make_person())
    assert client.get(url(name, program)).status_code == 404


def test_create_programme_is_for_platform_admins_only(
    client, make_person, prog_association, login_with_second_factor
):
    organiser = make_person("jelena@example.org")
    client.force_login(make_person())
    assert client.get(reverse("programs:create")).status_code == 404

    admin = make_person(is_superuser=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin, TOTP_SECRET)
    login_with_second_factor(client, admin)
    response = client.post(
        reverse("programs:create"),
        {
            "name": "Program obuke 2026",
            "slug": "",
            "organization": prog_association.pk,
            "summary": "Kratko.",
            "time_zone": "Europe/Belgrade",
            "enrolment_policy": "open",
            "organisers": "jelena@example.org",
        },
    )
    program = Program.objects.get(name="Program obuke 2026")
    assert response.status_code == 302
    assert program.slug == "program-obuke-2026"
    assert not program.is_published
    assert user_has_role(User.objects.get(pk=organiser.pk), Role.ORGANISER, program)
    assert AuditLogEntry.objects.filter(action="programs.program.created").count() == 1


def test_create_programme_refuses_unknown_organisers(
    client, make_person, prog_association, login_with_second_factor
):
    admin = make_person(is_superuser=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(admin, TOTP_SECRET)
    login_with_second_factor(client, admin)
    response = client.post(
        reverse("programs:create"),
        {
            "name": "Program",
            "organization": prog_association.pk,
            "time_zone": "Europe/Belgrade",
            "enrolment_policy": "open",
            "organisers": "nobody@example.org",
        },
    )
    assert response.status_code == 200
    assert "No one with these addresses has an account: nobody@example.org" in (
        response.content.decode()
    )


def test_create_programme_searches_for_the_organising_institution(
    client, make_person, make_organization, prog_association, login_with_second_factor
):
    from allauth.mfa.totp.internal.auth import TOTP

    municipality = make_organization("Opština Stari grad")
    admin = make_person(is_superuser=True)
    TOTP.activate(admin, TOTP_SECRET)
    login_with_second_factor(client, admin)

    page = client.get(reverse("programs:create")).content.decode()
    response = client.post(
        reverse("programs:create"),
        {
            "name": "Program",
            "organization": str(municipality.pk),
            "organization_q": "Stari grad",
            "time_zone": "Europe/Belgrade",
            "enrolment_policy": "open",
            "organisers": admin.email,
        },
    )

    assert prog_association.name not in page
    assert 'name="organization_q"' in page
    assert response.status_code == 200
    assert response.context["form"].errors["organization"] == [
        "This institution cannot be chosen here. Search for it by name and pick it from the list."
    ]
    assert not Program.objects.filter(name="Program").exists()


def test_organiser_edits_page_adds_phase_and_publishes(program_organiser_client, program):
    response = program_organiser_client.post(
        url("edit", program),
        {
            "name": program.name,
            "summary": "Novi sažetak.",
            "description": "Opis.",
            "target_group": "Komunikatori.",
            "time_zone": "Europe/Sarajevo",
            "enrolment_policy": "open",
        },
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.summary, program.time_zone, program.enrolment_policy) == (
        "Novi sažetak.",
        "Europe/Sarajevo",
        "open",
    )

    bad = program_organiser_client.post(
        url("phases", program),
        {
            "kind": "competition",
            "title": "Takmičenje",
            "starts_on": "2026-10-01",
            "ends_on": "2026-09-01",
        },
    )
    assert "A phase cannot end before it starts." in bad.content.decode()
    program_organiser_client.post(
        url("phases", program),
        {
            "kind": "competition",
            "title": "Takmičenje",
            "starts_on": "2026-10-01",
            "ends_on": "2026-12-01",
        },
    )
    assert program.phases.filter(kind="competition").count() == 1

    program_organiser_client.post(url("publish", program), {"published": "0"})
    program.refresh_from_db()
    assert not program.is_published


def test_publishing_needs_a_phase(program_organiser_client, program):
    program.is_published = False
    program.save()
    Phase.objects.filter(program=program).delete()
    response = program_organiser_client.post(
        url("publish", program), {"published": "1"}, follow=True
    )
    assert "Add at least one phase" in response.content.decode()
    program.refresh_from_db()
    assert not program.is_published


def test_team_add_trainer_and_last_organiser_stays(
    program_organiser_client, program, program_organiser, make_person
):
    trainer = make_person("trainer@example.org")
    program_organiser_client.post(
        url("team", program), {"email": "trainer@example.org", "role": "trainer"}
    )
    assert user_has_role(User.objects.get(pk=trainer.pk), Role.TRAINER, program)

    response = program_organiser_client.post(
        url("team_remove", program, person_id=program_organiser.pk, role="organiser"), follow=True
    )
    assert "A programme needs at least one organiser." in response.content.decode()
    program_organiser_client.post(url("team_remove", program, person_id=trainer.pk, role="trainer"))
    assert not user_has_role(User.objects.get(pk=trainer.pk), Role.TRAINER, program)


def test_programme_feed_lists_public_events_without_online_links(client, program, make_event):
    make_event(title="Trening u SKIP centru")
    make_event(
        title="Mentorska sesija",
        kind="online_session",
        mode="online",
        venue_name="",
        online_url="https://meet.example.org/tajna-soba",
    )
    make_event(title="Interno", visibility=Visibility.MEMBERS)

    response = client.get(url("feed", program))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert sorted(str(event["summary"]) for event in calendar.events) == [
        "Mentorska sesija",
        "Trening u SKIP centru",
    ]
    assert b"tajna-soba" not in response.content


def _page_queries(client, program) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url("detail", program))
    assert response.status_code == 200
    return len(captured)


def test_programme_page_query_count_is_constant_for_1_and_50_events(
    client, program, make_event, make_enrolment, make_person
):
    trainer = make_person(first_name="Dragan")
    role_grant(person=trainer, role=Role.TRAINER, scope=program)
    participants = [make_enrolment() for _ in range(3)]
    make_event(title="Trening 0")
    # A signed-in participant: the page is rendered afresh, never from the visitors' cache.
    client.force_login(participants[0].person)
    _page_queries(client, program)  # warm up: session, grants and content types get cached
    one = _page_queries(client, program)
    for number in range(1, 50):
        event = make_event(title=f"Trening {number}", days=14 + number)
        for enrolment in participants:
            RegistrationFactory(
                event=event,
                person=enrolment.person,
                status=RegistrationStatus.CONFIRMED,
                organization=None,
            )
    # The new events' rows are drawn in one query, whatever their number, then kept.
    assert _page_queries(client, program) == one + 1
    assert _page_queries(client, program) == one


def test_programme_page_is_cached_for_visitors(client, program, make_event):
    make_event(title="Trening")
    first = client.get(url("detail", program))
    with CaptureQueriesContext(connection) as captured:
        second = client.get(url("detail", program))
    assert len(captured) == 0
    assert second.content == first.content


def test_programme_page_current_phase_follows_the_date(client, program):
    for phase in program.phases.all():
        phase.starts_on -= timedelta(days=200)
        phase.ends_on -= timedelta(days=200)
        phase.save()
    response = client.get(url("detail", program), HTTP_COOKIE="sessionid=x")
    assert {entry.state for entry in response.context["timeline"]} == {"past"}
    assert 'aria-current="step"' not in response.content.decode()
    assert timezone.localdate()  # the timeline uses the programme's time zone

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from glasnik.events.models import Event, EventStatus, Rsvp, Visibility
from glasnik.events.services.meetings import agenda_set
from glasnik.events.services.rsvp import calendar_token_get, rsvp_set

pytestmark = pytest.mark.django_db


def test_meeting_list_shows_members_every_meeting_and_their_answer(client, member, make_meeting):
    members_only = make_meeting(title="Samo za članove")
    make_meeting(title="Javni sastanak", visibility=Visibility.PUBLIC, days=8)
    rsvp_set(event=members_only, person=member, answer="yes")
    client.force_login(member)

    response = client.get(reverse("events:meeting_list", args=["mreza"]))

    assert [event.title for event in response.context["page"]] == [
        "Samo za članove",
        "Javni sastanak",
    ]
    assert [event.my_answer for event in response.context["page"]] == ["yes", None]
    assert "Yes, I will come" in response.content.decode()


def test_meeting_list_shows_visitors_only_public_meetings(client, network, make_meeting):
    make_meeting(title="Samo za članove")
    make_meeting(title="Javni sastanak", visibility=Visibility.PUBLIC)

    response = client.get(reverse("events:meeting_list", args=["mreza"]))

    assert response.status_code == 200
    assert [event.title for event in response.context["page"]] == ["Javni sastanak"]


def test_meeting_list_past_tab(client, member, make_meeting):
    make_meeting(title="Prošli", days=-10)
    make_meeting(title="Budući")
    client.force_login(member)

    response = client.get(reverse("events:meeting_list", args=["mreza"]), {"when": "past"})

    assert [event.title for event in response.context["page"]] == ["Prošli"]


@pytest.mark.parametrize("rows", [1, 30])
def test_meeting_list_query_count_does_not_grow_with_rows(
    client, member, make_meeting, django_assert_num_queries, rows
):
    for number in range(rows):
        event = make_meeting(days=1 + number)
        rsvp_set(event=event, person=member, answer="yes")
    client.force_login(member)
    client.get(reverse("events:meeting_list", args=["mreza"]))  # warm the session and caches

    # network, count, page of meetings, the person's answers (session and user are cached)
    with django_assert_num_queries(4):
        response = client.get(reverse("events:meeting_list", args=["mreza"]))

    assert len(response.context["page"].object_list) == min(rows, 20)


@pytest.mark.parametrize("rows", [1, 30])
def test_my_meetings_query_count_does_not_grow_with_rows(
    client, member, make_meeting, django_assert_num_queries, rows
):
    for number in range(rows):
        make_meeting(days=1 + number)
    client.force_login(member)
    client.get(reverse("events:my_meetings"))

    # count, page (network ids as a subquery), answers, calendar token…: never per row
    with django_assert_num_queries(5):
        response = client.get(reverse("events:my_meetings"))

    assert len(response.context["page"].object_list) == min(rows, 20)


def test_meeting_detail_of_a_members_only_meeting_is_hidden_from_others(
    client, make_person, make_meeting
):
    event = make_meeting()
    url = reverse("events:meeting_detail", args=[event.pk])

    assert client.get(url).status_code == 404
    client.force_login(make_person())
    assert client.get(url).status_code == 404


def test_meeting_detail_shows_the_agenda_in_the_network_time_zone(
    client, member, network_organiser, make_meeting
):
    event = make_meeting()
    start = event.starts_at.replace(hour=8, minute=0, second=0, microsecond=0)  # 08:00 UTC
    agenda_set(event=event, actor=network_organiser, items=[{"title": "Uvod", "starts_at": start}])
    client.force_login(member)

    response = client.get(reverse("events:meeting_detail", args=[event.pk]))

    content = response.content.decode()
    assert "Uvod" in content
    # Belgrade is one or two hours ahead of UTC.
    assert ("09:00" in content) or ("10:00" in content)
    # The zone as people name it, never its identifier.
    assert 'Belgrade time (<span translate="no">CE' in content
    assert "Europe/Belgrade" not in content


def test_online_link_hidden_until_member_says_yes_and_the_start_is_near(
    client, member, make_meeting
):
    event = make_meeting(days=0, hours=2)  # starts now
    far = make_meeting(days=2)
    client.force_login(member)
    url = reverse("events:meeting_detail", args=[event.pk])

    assert "meet.example.org" not in client.get(url).content.decode()
    rsvp_set(event=event, person=member, answer="yes")
    rsvp_set(event=far, person=member, answer="yes")
    assert "https://meet.example.org/room" in client.get(url).content.decode()
    far_page = client.get(reverse("events:meeting_detail", args=[far.pk])).content.decode()
    assert "meet.example.org" not in far_page
    assert "The link to join will appear here" in far_page


def test_rsvp_by_htmx_returns_the_answer_box(client, member, make_meeting):
    event = make_meeting()
    client.force_login(member)

    response = client.post(
        reverse("events:meeting_rsvp", args=[event.pk]), {"answer": "maybe"}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section id="rsvp"')
    assert "Your answer has been saved." in content
    assert "<html" not in content
    assert Rsvp.objects.get(event=event, person=member).answer == "maybe"


def test_rsvp_without_javascript_redirects_back(client, member, make_meeting):
    event = make_meeting()
    client.force_login(member)

    response = client.post(reverse("events:meeting_rsvp", args=[event.pk]), {"answer": "no"})

    assert response.status_code == 302
    assert response.url == reverse("events:meeting_detail", args=[event.pk])
    assert Rsvp.objects.get(event=event, person=member).answer == "no"


def test_rsvp_with_a_bad_answer_saves_nothing(client, member, make_meeting):
    event = make_meeting()
    client.force_login(member)

    response = client.post(
        reverse("events:meeting_rsvp", args=[event.pk]),
        {"answer": "perhaps"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert Rsvp.objects.count() == 0


def test_rsvp_by_someone_outside_the_network_is_404(client, make_person, make_meeting):
    event = make_meeting(visibility=Visibility.PUBLIC)
    client.force_login(make_person())

    response = client.post(reverse("events:meeting_rsvp", args=[event.pk]), {"answer": "yes"})

    assert response.status_code == 404
    assert Rsvp.objects.count() == 0


def test_organiser_sees_answers_and_counts(
    client, network_organiser, make_member, make_meeting, login_with_second_factor
):
    event = make_meeting()
    rsvp_set(event=event, person=make_member(first_name="Ana", last_name="Jovanović"), answer="yes")
    rsvp_set(event=event, person=make_member(first_name="Luka", last_name="Kovač"), answer="no")
    login_with_second_factor(client, network_organiser)

    response = client.get(reverse("events:meeting_detail", args=[event.pk]))

    assert response.context["counts"] == {"yes": 1, "maybe": 0, "no": 1}
    content = response.content.decode()
    assert "Ana Jovanović" in content
    assert "Luka Kovač" in content


def test_member_does_not_see_the_answers_of_others(client, member, make_member, make_meeting):
    event = make_meeting()
    rsvp_set(event=event, person=make_member(first_name="Ana", last_name="Jovanović"), answer="yes")
    client.force_login(member)

    response = client.get(reverse("events:meeting_detail", args=[event.pk]))

    assert "Ana Jovanović" not in response.content.decode()
    assert "counts" not in response.context


def test_organiser_schedules_a_meeting_in_the_network_time_zone(
    client, network_organiser, member, django_capture_on_commit_callbacks, login_with_second_factor
):
    login_with_second_factor(client, network_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:meeting_create", args=["mreza"]),
            {
                "title": "Krizno komuniciranje",
                "starts_at": "2030-07-02T18:00",
                "ends_at": "2030-07-02T19:30",
                "mode": "in_person",
                "venue_name": "Sala 2",
                "venue_address": "Makedonska 22, Beograd",
                "visibility": "members",
                "notify": "on",
            },
        )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("events:meeting_detail", args=[event.pk])
    assert event.starts_at.isoformat() == "2030-07-02T16:00:00+00:00"  # 18:00 CEST
    assert [message.to[0] for message in mail.outbox] == [member.email]


def test_meeting_form_keeps_input_and_explains_a_missing_link(
    client, network_organiser, login_with_second_factor
):
    login_with_second_factor(client, network_organiser)

    response = client.post(
        reverse("events:meeting_create", args=["mreza"]),
        {
            "title": "Bez linka",
            "starts_at": "2030-07-02T18:00",
            "ends_at": "2030-07-02T19:30",
            "mode": "online",
            "visibility": "members",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["online_url"] == [
        "An online meeting needs the link people join with."
    ]
    assert 'value="Bez linka"' in response.content.decode()
    assert Event.objects.count() == 0


def test_member_cannot_open_the_organiser_forms(client, member, make_meeting):
    event = make_meeting()
    client.force_login(member)

    for url in [
        reverse("events:meeting_create", args=["mreza"]),
        reverse("events:series_create", args=["mreza"]),
        reverse("events:meeting_edit", args=[event.pk]),
        reverse("events:meeting_cancel", args=[event.pk]),
        reverse("events:meeting_agenda", args=[event.pk]),
        reverse("events:meeting_minutes", args=[event.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_organiser_schedules_a_monthly_series(client, network_organiser, login_with_second_factor):
    login_with_second_factor(client, network_organiser)

    response = client.post(
        reverse("events:series_create", args=["mreza"]),
        {
            "title": "Mesečni sastanak",
            "first_starts_at": "2030-03-05T18:00",
            "duration_minutes": "90",
            "frequency": "monthly_weekday",
            "count": "3",
            "mode": "online",
            "online_url": "https://meet.example.org/room",
            "visibility": "members",
            "first_is_needs_meeting": "on",
        },
    )

    assert response.status_code == 302
    starts = [
        timezone.localtime(event.starts_at, timezone=timezone.get_default_timezone())
        for event in Event.objects.order_by("starts_at")
    ]
    assert [(start.month, start.day, start.hour) for start in starts] == [
        (3, 5, 18),
        (4, 2, 18),
        (5, 7, 18),
    ]
    assert Event.objects.filter(is_needs_meeting=True).count() == 1


def test_series_form_needs_an_end(client, network_organiser, login_with_second_factor):
    login_with_second_factor(client, network_organiser)

    response = client.post(
        reverse("events:series_create", args=["mreza"]),
        {
            "title": "Bez kraja",
            "first_starts_at": "2030-03-05T18:00",
            "duration_minutes": "90",
            "frequency": "weekly",
            "mode": "online",
            "online_url": "https://meet.example.org/room",
            "visibility": "members",
        },
    )

    assert response.context["form"].errors["until"] == ["Give a last date or a number of meetings."]
    assert Event.objects.count() == 0


def test_organiser_cancels_a_meeting(
    client, network_organiser, make_meeting, login_with_second_factor
):
    event = make_meeting()
    login_with_second_factor(client, network_organiser)

    assert client.get(reverse("events:meeting_cancel", args=[event.pk])).status_code == 200
    response = client.post(reverse("events:meeting_cancel", args=[event.pk]), {"reason": "Praznik"})

    event.refresh_from_db()
    assert response.status_code == 302
    assert (event.status, event.cancellation_reason) == (EventStatus.CANCELLED, "Praznik")


def test_organiser_edits_the_agenda(
    client, network_organiser, make_meeting, login_with_second_factor
):
    # An evening meeting on one day, whatever the time of day the test runs at: a meeting that
    # crosses midnight asks for the day of each agenda item.
    evening = timezone.localtime(timezone.now() + timedelta(days=7)).replace(
        hour=17, minute=30, second=0, microsecond=0
    )
    event = make_meeting(starts_at=evening, ends_at=evening + timedelta(hours=1, minutes=30))
    login_with_second_factor(client, network_organiser)
    url = reverse("events:meeting_agenda", args=[event.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "agenda-TOTAL_FORMS": "2",
            "agenda-INITIAL_FORMS": "0",
            "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "60",
            "agenda-0-title": "Uvod",
            "agenda-0-start_time": "18:00",
            "agenda-0-end_time": "18:15",
            "agenda-0-session_type": "talk",
            "agenda-1-title": "",
            "agenda-1-session_type": "talk",
        },
    )

    assert response.status_code == 302
    item = event.agenda_items.get()
    assert item.title == "Uvod"
    assert (
        timezone.localtime(item.starts_at, timezone.get_default_timezone()).strftime("%H:%M")
        == "18:00"
    )


def test_organiser_records_the_needs_meeting_outcome(
    client, network_organiser, network, make_meeting, login_with_second_factor
):
    event = make_meeting(days=-1, is_needs_meeting=True)
    login_with_second_factor(client, network_organiser)

    response = client.post(
        reverse("events:meeting_minutes", args=[event.pk]),
        {"minutes": "Prisutno 12 članova.", "needs_outcome": "Video\nAnalitika"},
    )

    assert response.status_code == 302
    network.refresh_from_db()
    assert network.learning_topics == "Video\nAnalitika"


def test_network_meetings_tag_shows_the_next_meetings(rf, member, network, make_meeting):
    from django.template import Context, Template

    make_meeting(title="Prvi")
    make_meeting(title="Drugi", days=8)
    calendar_token_get(person=member)  # made on the member's meetings page
    request = rf.get("/")
    request.user = member

    html = Template("{% load events_tags %}{% network_meetings network %}").render(
        Context({"network": network, "request": request})
    )

    assert "Prvi" in html
    assert "Drugi" in html
    assert "/en/events/calendar/" in html  # the member's own feed
    assert reverse("events:meeting_list", args=["mreza"]) in html


def test_network_meetings_tag_for_visitors_links_the_public_feed(rf, network, make_meeting):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    make_meeting(title="Tajni")
    request = rf.get("/")
    request.user = AnonymousUser()

    html = Template("{% load events_tags %}{% network_meetings network %}").render(
        Context({"network": network, "request": request})
    )

    assert "Tajni" not in html
    assert "No meetings are planned yet." in html
    assert reverse("events:network_feed", args=["mreza"]) in html


def test_anonymous_visitor_is_sent_to_login_from_my_meetings(client):
    response = client.get(reverse("events:my_meetings"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_past_meeting_cannot_be_answered_in_the_page(client, member, make_meeting):
    event = make_meeting(days=-1)
    client.force_login(member)

    response = client.get(reverse("events:meeting_detail", args=[event.pk]))

    assert 'name="answer"' not in response.content.decode()
    assert timezone.now() > event.ends_at - timedelta(seconds=1)


def test_organiser_pages_open(client, network_organiser, make_meeting, login_with_second_factor):
    from glasnik.events.models import Event as EventModel

    upcoming = make_meeting()
    past = make_meeting(days=-1, is_needs_meeting=True)
    login_with_second_factor(client, network_organiser)
    series_url = reverse("events:series_create", args=["mreza"])
    client.post(
        series_url,
        {
            "title": "Serija",
            "first_starts_at": "2030-03-05T18:00",
            "duration_minutes": "90",
            "frequency": "weekly",
            "count": "2",
            "mode": "online",
            "online_url": "https://meet.example.org/room",
            "visibility": "members",
        },
    )
    series = EventModel.objects.exclude(series=None).first().series

    for url in [
        reverse("events:meeting_create", args=["mreza"]),
        series_url,
        reverse("events:meeting_edit", args=[upcoming.pk]),
        reverse("events:meeting_agenda", args=[upcoming.pk]),
        reverse("events:meeting_minutes", args=[past.pk]),
        reverse("events:series_edit", args=[series.pk]),
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(reverse("events:series_cancel", args=[series.pk]), {"reason": ""})
    assert response.status_code == 302
    assert series.events.filter(status=EventStatus.CANCELLED).count() == 2

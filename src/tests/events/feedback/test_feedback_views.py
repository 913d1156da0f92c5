import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from glasnik.events.models import FeedbackReceipt, FeedbackResponse, LecturerRating
from glasnik.events.services.feedback import LecturerAnswer, feedback_submit

pytestmark = pytest.mark.django_db


def _form_url(event):
    return reverse("events:feedback_form", args=[event.pk])


def _results_url(event):
    return reverse("events:feedback_results", args=[event.pk])


def _post_data(lecturers, rating="4", comment="Korisno", **per_lecturer):
    data = {"rating": rating, "comment": comment}
    for lecturer in lecturers:
        data[f"lecturer-{lecturer.pk}-rating"] = per_lecturer.get(f"r{lecturer.pk}", "5")
        data[f"lecturer-{lecturer.pk}-comment"] = per_lecturer.get(f"c{lecturer.pk}", "")
    return data


# --- the participant's form -------------------------------------------------------------------


def test_form_shows_an_accessible_scale_for_the_event_and_each_lecturer(
    client, training, lecturers, participant
):
    client.force_login(participant)

    response = client.get(_form_url(training))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<legend>How would you rate the event overall? <span" in content
    assert "<legend>Your rating of Ana Jovanović</legend>" in content
    assert "<legend>Your rating of Milan Ilić</legend>" in content
    assert "1 – poor" in content
    assert "5 – excellent" in content
    assert 'type="radio" name="rating" value="5"' in content
    assert f'name="lecturer-{lecturers[0].pk}-rating" value=""' in content  # "no rating"
    assert "Your answers are anonymous." in content
    assert ' style="' not in content
    # Opening the form notes the person (not their answer) so the order of receipts says nothing.
    receipt = FeedbackReceipt.objects.get(event=training, person=participant)
    assert receipt.answered_at is None


def test_form_says_when_feedback_is_not_anonymous(client, make_training, make_participant):
    event = make_training(feedback_anonymous=False)
    person = make_participant(event)
    client.force_login(person)

    content = client.get(_form_url(event)).content.decode()

    assert "Your answers are not anonymous." in content


def test_form_is_hidden_from_people_who_did_not_take_part(
    client,
    training,
    make_person,
    make_participant,
    program_organiser,
    lecturers,
    login_with_second_factor,
):
    url = _form_url(training)
    assert client.get(url).status_code == 302  # to the sign-in page
    for person in (
        make_person(),
        make_participant(training, status="waitlisted"),
        program_organiser,
        lecturers[0].person,
    ):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"rating": "5"}).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_sending_the_form_saves_one_anonymous_response(client, training, lecturers, participant):
    ana, milan = lecturers
    client.force_login(participant)
    data = _post_data(lecturers, **{f"c{ana.pk}": "Odlično", f"r{milan.pk}": ""})

    response = client.post(_form_url(training), data, follow=True)

    assert response.redirect_chain == [(_form_url(training), 302)]
    content = response.content.decode()
    assert "Thank you! Your feedback has been saved." in content
    assert "You have already given your feedback" in content
    saved = FeedbackResponse.objects.get()
    assert (saved.person, saved.rating, saved.comment) == (None, 4, "Korisno")
    assert list(LecturerRating.objects.values_list("lecturer", "rating", "comment")) == [
        (ana.pk, 5, "Odlično")
    ]


def test_second_submit_leaves_one_response(client, training, lecturers, participant):
    client.force_login(participant)
    client.post(_form_url(training), _post_data(lecturers, rating="5"))

    response = client.post(_form_url(training), _post_data(lecturers, rating="1"), follow=True)

    assert "You have already given your feedback" in response.content.decode()
    assert list(FeedbackResponse.objects.values_list("rating", flat=True)) == [5]


def test_form_errors_keep_the_answers_and_save_nothing(client, training, lecturers, participant):
    ana, _milan = lecturers
    client.force_login(participant)
    data = _post_data(
        lecturers, rating="", comment="Moj komentar", **{f"r{ana.pk}": "", f"c{ana.pk}": "Hm"}
    )

    response = client.post(_form_url(training), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error:" in content
    assert "Choose one of the ratings." in content
    assert "Choose a rating to go with your comment." in content
    assert 'aria-describedby="id_rating_error"' in content
    assert "Moj komentar" in content
    assert not FeedbackResponse.objects.exists()


def test_form_outside_the_window_says_so(client, make_training, make_participant):
    closed = make_training(ended_days_ago=40)
    future = make_training(ended_days_ago=-3)
    person = make_participant(closed)
    make_participant_future = make_participant(future)

    client.force_login(person)
    response = client.post(_form_url(closed), {"rating": "5"})
    assert "Feedback on this event closed on" in response.content.decode()
    client.force_login(make_participant_future)
    response = client.get(_form_url(future))
    assert "Feedback opens when the event ends." in response.content.decode()
    assert not FeedbackResponse.objects.exists()


# --- the organisers' results ------------------------------------------------------------------


@pytest.fixture
def answered(training, lecturers, make_participant):
    ana, milan = lecturers
    for rating, comment, answers in [
        (5, "Sjajna obuka", [LecturerAnswer(ana.pk, 5, "Ana je jasna")]),
        (3, "", [LecturerAnswer(ana.pk, 4), LecturerAnswer(milan.pk, 2, "Milan prebrzo")]),
    ]:
        feedback_submit(
            event=training,
            person=make_participant(training, first_name="Skriveno", last_name="Ime"),
            rating=rating,
            comment=comment,
            lecturer_answers=answers,
        )
    return training


def test_results_show_averages_distributions_and_comments_without_names(
    client, answered, program_organiser, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.get(_results_url(answered))

    assert response.status_code == 200
    content = response.content.decode()
    assert "4.00 of 5 (2 answers)" in content
    assert "4.50 of 5 (2 answers)" in content  # Ana
    assert "2.00 of 5 (1 answer)" in content  # Milan
    assert "Sjajna obuka" in content
    assert "Ana je jasna" in content
    assert "Milan prebrzo" in content
    assert "Skriveno" not in content
    assert "<caption>Ratings of the event</caption>" in content
    assert '<svg class="rating-bars"' in content
    assert ' style="' not in content


def test_results_are_for_organisers_only(client, answered, participant, lecturers, make_person):
    for person in (participant, lecturers[0].person, make_person()):
        client.force_login(person)
        assert client.get(_results_url(answered)).status_code == 404
        url = reverse("events:feedback_invite", args=[answered.pk])
        assert client.post(url).status_code == 404


def test_invite_button_emails_participants(
    client, training, program_organiser, make_participant, commit, login_with_second_factor
):
    first = make_participant(training)
    second = make_participant(training)
    login_with_second_factor(client, program_organiser)
    url = reverse("events:feedback_invite", args=[training.pk])

    with commit():
        response = client.post(url, follow=True)
    assert "2 participants have been invited to give feedback." in response.content.decode()
    with commit():
        response = client.post(url, follow=True)

    assert "Everyone taking part has been invited already." in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])


def test_invite_button_refused_before_the_end(
    client, make_training, program_organiser, make_participant, login_with_second_factor
):
    event = make_training(ended_days_ago=-2)
    make_participant(event)
    login_with_second_factor(client, program_organiser)

    response = client.post(reverse("events:feedback_invite", args=[event.pk]), follow=True)

    assert "Feedback opens when the event ends." in response.content.decode()
    assert not FeedbackReceipt.objects.exists()


def test_results_export_to_xlsx(client, answered, program_organiser, login_with_second_factor):
    login_with_second_factor(client, program_organiser)

    response = client.get(_results_url(answered), {"export": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ratings, comments = book.worksheets
    assert [list(row) for row in ratings.iter_rows(values_only=True)] == [
        ["Rated", "Answers", "Average", "1", "2", "3", "4", "5"],
        ["The event", 2, 4, 0, 0, 1, 0, 1],
        ["Ana Jovanović", 2, 4.5, 0, 0, 0, 1, 1],
        ["Milan Ilić", 1, 2, 0, 1, 0, 0, 0],
    ]
    assert [list(row) for row in comments.iter_rows(values_only=True)] == [
        ["Rated", "Rating", "Comment"],
        ["The event", 5, "Sjajna obuka"],
        ["Ana Jovanović", 5, "Ana je jasna"],
        ["Milan Ilić", 2, "Milan prebrzo"],
    ]


@pytest.mark.parametrize(("answers", "lecturer_count"), [(1, 1), (30, 5)])
def test_results_query_count_does_not_grow(
    client,
    training,
    program_organiser,
    make_lecturer,
    make_participant,
    django_assert_num_queries,
    answers,
    lecturer_count,
    login_with_second_factor,
):
    lecturers = [make_lecturer(f"Predavač {n}", event=training) for n in range(lecturer_count)]
    for number in range(answers):
        feedback_submit(
            event=training,
            person=make_participant(training),
            rating=1 + number % 5,
            comment=f"Komentar {number}",
            lecturer_answers=[LecturerAnswer(lecturer.pk, 4, "Dobro") for lecturer in lecturers],
        )
    login_with_second_factor(client, program_organiser)
    client.get(_results_url(training))  # warm the session and caches

    # the event with its programme (one query, joined for the programme's language); the
    # invitation counts; the event's distribution and comments; the lecturers' distributions
    # and comments; the lecturers: never per row
    with django_assert_num_queries(7):
        response = client.get(_results_url(training))

    assert response.context["results"].overall.summary.count == answers


# --- a lecturer's own feedback ----------------------------------------------------------------


def test_lecturer_sees_only_their_own_ratings(client, answered, lecturers):
    ana, _milan = lecturers
    client.force_login(ana.person)

    response = client.get(reverse("events:my_feedback"))

    content = response.content.decode()
    assert answered.title in content
    assert "4.50 of 5 (2 answers)" in content
    assert "Ana je jasna" in content
    assert "Milan prebrzo" not in content
    assert "Sjajna obuka" not in content
    assert "Skriveno" not in content


def test_my_feedback_without_a_lecturer_profile(client, participant):
    client.force_login(participant)

    response = client.get(reverse("events:my_feedback"))

    assert "not linked to a lecturer" in response.content.decode()


@pytest.mark.parametrize("events", [1, 12])
def test_my_feedback_query_count_does_not_grow(
    client,
    make_training,
    make_lecturer,
    make_participant,
    make_person,
    django_assert_num_queries,
    events,
):
    account = make_person()
    lecturer = make_lecturer("Ana Jovanović", person=account)
    for number in range(events):
        event = make_training(title=f"Obuka {number}")
        event.agenda_items.create(title="Sesija").lecturers.add(lecturer)
        feedback_submit(
            event=event,
            person=make_participant(event),
            rating=4,
            lecturer_answers=[LecturerAnswer(lecturer.pk, 5, "Odlično")],
        )
    client.force_login(account)
    url = reverse("events:my_feedback")
    client.get(url)

    # lecturer, count, page of events, distributions, comments
    with django_assert_num_queries(5):
        response = client.get(url)

    assert len(response.context["feedback"]) == min(events, 10)


# --- the links other pages show ---------------------------------------------------------------


def _render_links(event, user) -> str:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load feedback_tags %}{% feedback_links event %}")
    return template.render(Context({"request": request, "event": event}))


def test_feedback_links_for_participants_and_organisers(
    training, participant, program_organiser, make_person
):
    form_url = _form_url(training)

    assert f'href="{form_url}"' in _render_links(training, participant)
    assert _results_url(training) in _render_links(training, program_organiser)
    assert _render_links(training, make_person()).strip() == ""

    feedback_submit(event=training, person=participant, rating=5)
    after = _render_links(training, participant)
    assert form_url not in after
    assert "You have given your feedback. Thank you!" in after

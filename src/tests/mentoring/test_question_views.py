"""The queue's pages: who may open them, what each reader sees of anonymous questions, the
polled part's conditional answers and its fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from factories.events import TrainingFactory

from glasnik.mentoring.models import QuestionStatus
from glasnik.mentoring.services import question_answer, question_ask, question_vote

pytestmark = pytest.mark.django_db


def queue_url(event):
    return reverse("mentoring:queue", args=[event.pk])


def live_url(event):
    return reverse("mentoring:queue_live", args=[event.pk])


def ask(queue, person, text="Koliko često objavljivati?", anonymous=False):
    return question_ask(queue=queue, author=person, text=text, is_anonymous=anonymous)


def test_queue_page_for_a_participant(client, session, participant):
    client.force_login(participant)

    response = client.get(queue_url(session))

    assert response.status_code == 200
    assert "Ask a question" in response.content.decode()


def test_queue_page_not_found_for_someone_outside_the_programme(client, session, outsider):
    client.force_login(outsider)

    assert client.get(queue_url(session)).status_code == 404
    assert client.get(live_url(session)).status_code == 404


def test_queue_page_not_found_for_an_event_that_is_no_online_session(client, program, participant):
    training = TrainingFactory(program=program)
    client.force_login(participant)

    assert client.get(queue_url(training)).status_code == 404


def test_queue_anonymous_to_participants_but_not_to_the_mentor(
    client, queue, participant, other_participant, mentor
):
    ask(queue, participant, "Pitanje bez imena", anonymous=True)

    client.force_login(other_participant)
    seen_by_participant = client.get(live_url(queue.event)).content.decode()
    client.force_login(mentor)
    seen_by_mentor = client.get(live_url(queue.event)).content.decode()

    assert "Pitanje bez imena" in seen_by_participant
    assert "Marko" not in seen_by_participant
    assert "Anonymous" in seen_by_participant
    assert "Marko Petrović" in seen_by_mentor
    assert "anonymous to the other participants" in seen_by_mentor


def test_queue_hidden_questions_only_to_the_moderators_and_the_author(
    client, queue, participant, other_participant, mentor
):
    question = ask(queue, participant, "Nije na temu")
    question.status = QuestionStatus.HIDDEN
    question.save(update_fields=["status"])

    client.force_login(other_participant)
    assert "Nije na temu" not in client.get(live_url(queue.event)).content.decode()
    client.force_login(participant)
    assert "Nije na temu" in client.get(live_url(queue.event)).content.decode()


def test_queue_live_answers_304_with_one_query_when_nothing_changed(
    client, queue, participant, django_assert_num_queries
):
    client.force_login(participant)
    first = client.get(live_url(queue.event))
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    assert "private" in first["Cache-Control"]

    with django_assert_num_queries(1):
        again = client.get(live_url(queue.event), headers={"if-none-match": etag})

    assert again.status_code == 304


def test_queue_live_etag_changes_with_a_question_and_per_reader(
    client, queue, participant, other_participant
):
    client.force_login(participant)
    before = client.get(live_url(queue.event))["ETag"]
    ask(queue, other_participant)

    after = client.get(live_url(queue.event), headers={"if-none-match": before})
    client.force_login(other_participant)
    other_reader = client.get(live_url(queue.event))["ETag"]
    serbian = client.get(f"/sr{live_url(queue.event)[3:]}")["ETag"]

    assert after.status_code == 200
    assert after["ETag"] != before
    assert len({after["ETag"], other_reader, serbian}) == 3


def test_queue_live_query_count_independent_of_questions(
    client, queue, make_participant, participant, django_assert_max_num_queries
):
    client.force_login(participant)
    ask(queue, make_participant())
    client.get(live_url(queue.event))
    with django_assert_max_num_queries(50) as few:
        client.get(live_url(queue.event))
    for _ in range(30):
        question = ask(queue, make_participant(), anonymous=True)
        question_vote(question=question, person=participant)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(live_url(queue.event))

    assert response.content.decode().count('class="question question-open"') == 31


def test_question_vote_twice_refused_with_a_message(client, queue, participant, other_participant):
    question = ask(queue, participant)
    client.force_login(other_participant)
    url = reverse("mentoring:question_vote", args=[question.pk])

    client.post(url, headers={"hx-request": "true"})
    response = client.post(url, headers={"hx-request": "true"})

    assert response.status_code == 200
    assert "You have already voted for this question." in response.content.decode()


def test_question_ask_on_a_closed_session_refused(client, queue, participant):
    event = queue.event
    event.starts_at = timezone.now() - timedelta(days=1)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save(update_fields=["starts_at", "ends_at"])
    client.force_login(participant)

    response = client.post(
        reverse("mentoring:question_ask", args=[event.pk]), {"text": "Kasno pitanje"}, follow=True
    )

    assert "This session&#x27;s questions are closed" in response.content.decode()
    assert not queue.questions.exists()


def test_question_moderation_only_for_the_mentors(client, queue, participant, other_participant):
    question = ask(queue, participant)
    client.force_login(other_participant)

    for name in ("question_answer", "question_hide", "question_merge"):
        assert client.post(reverse(f"mentoring:{name}", args=[question.pk])).status_code == 404


def test_queue_after_the_session_answered_questions_searchable(client, queue, participant, mentor):
    for text, answer in [("O Instagramu?", "Priče svaki dan."), ("O Fejsbuku?", "Grupe.")]:
        question_answer(question=ask(queue, participant, text), actor=mentor, answer=answer)
    ask(queue, participant, "Bez odgovora")
    queue.recording_url = "https://video.example.org/snimak"
    queue.save()
    event = queue.event
    event.starts_at = timezone.now() - timedelta(days=1)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save(update_fields=["starts_at", "ends_at"])
    client.force_login(participant)

    page = client.get(queue_url(event), {"q": "priče"}).content.decode()

    assert "https://video.example.org/snimak" in page
    assert "O Instagramu?" in page
    assert "O Fejsbuku?" not in page
    assert "Bez odgovora" not in page


def csrf_token_of(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def person_of(client) -> int:
    return int(client.session["_auth_user_id"])


def _rendered_items(client, url) -> tuple[str, int]:
    drawn = []

    def count(sender, template, **kwargs):
        if template.name == "mentoring/_question.html":
            drawn.append(template)

    template_rendered.connect(count)
    try:
        page = client.get(url).content.decode()
    finally:
        template_rendered.disconnect(count)
    return page, len(drawn)


def test_queue_items_drawn_once_and_each_reader_sees_their_own_votes_and_token(
    queue, participant, other_participant, make_participant
):
    asked = ask(queue, make_participant(), text="Kako odgovarati na kritike?")
    ask(queue, participant, text="Da li objavljivati vikendom?", anonymous=True)
    question_vote(question=asked, person=participant)
    marko, ana = Client(enforce_csrf_checks=True), Client()
    third = Client(enforce_csrf_checks=True)
    marko.force_login(participant)
    ana.force_login(other_participant)
    third.force_login(make_participant())
    url = live_url(queue.event)

    marko_page, marko_drawn = _rendered_items(marko, url)
    ana_page, ana_drawn = _rendered_items(ana, url)
    third_page, third_drawn = _rendered_items(third, url)

    # Marko voted for the first and wrote the second (he sees his name beside it); Ana and the
    # third reader share both items as drawn for Ana.
    assert (marko_drawn, ana_drawn, third_drawn) == (2, 2, 0)
    assert "Withdraw my vote" in marko_page
    assert "Marko Petrović" in marko_page
    assert ana_page.count("Vote for this question") == 2
    assert "Marko Petrović" not in ana_page
    # The items drawn for Ana carry the third reader's own token: his vote goes through.
    vote = reverse("mentoring:question_vote", args=[asked.pk])
    assert third.post(vote, {"csrfmiddlewaretoken": csrf_token_of(third_page)}).status_code == 302
    withdraw = {"withdraw": "1", "csrfmiddlewaretoken": csrf_token_of(marko_page)}
    assert marko.post(vote, withdraw).status_code == 302
    assert list(asked.votes.values_list("person", flat=True)) == [person_of(third)]

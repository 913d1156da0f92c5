"""One-to-one mentoring: who may be paired, the suggested mentors and why, the pair's page and
who may open it, action items and their reminders (once per item and due date), the
organisers' page's fixed number of queries and the activity in the programme's XLSX."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from factories.accounts import PersonFactory
from factories.events import LecturerFactory
from factories.programs import EnrolmentFactory
from openpyxl import load_workbook

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.audit.models import AuditLogEntry
from glasnik.mentoring.models import ActionItem, ItemOwner, MentoringPair
from glasnik.mentoring.pair_selectors import pair_suggestions, topics_in
from glasnik.mentoring.pair_services import (
    action_item_add,
    action_item_mark,
    pair_create,
    pair_session_log,
)
from glasnik.mentoring.services import question_ask
from glasnik.mentoring.tasks import action_items_remind

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(program, mentor, participant, organiser):
    return pair_create(program=program, mentor=mentor, mentee=participant, actor=organiser)


def test_pair_of_a_trainer_and_an_enrolled_participant_is_logged(pair, organiser):
    assert pair.mentee_name == "Marko Petrović"
    entry = AuditLogEntry.objects.get(action="mentoring.pair.create")
    assert entry.actor == organiser


def test_pair_refuses_a_mentor_who_is_not_a_trainer_of_the_programme(
    program, participant, other_participant, organiser
):
    with pytest.raises(ValidationError) as error:
        pair_create(program=program, mentor=other_participant, mentee=participant, actor=organiser)
    assert error.value.code == "mentor"


def test_pair_refuses_someone_not_enrolled_and_a_second_same_pair(
    program, mentor, outsider, pair, participant, organiser
):
    with pytest.raises(ValidationError) as error:
        pair_create(program=program, mentor=mentor, mentee=outsider, actor=organiser)
    assert error.value.code == "mentee"
    with pytest.raises(ValidationError) as error:
        pair_create(program=program, mentor=mentor, mentee=participant, actor=organiser)
    assert error.value.code == "twice"


def test_pair_with_an_institution_makes_each_of_its_enrolled_people_a_mentee(
    client, program, mentor, organiser
):
    enrolment = EnrolmentFactory(program=program)
    colleague = EnrolmentFactory(program=program, organization=enrolment.organization).person
    pair = pair_create(
        program=program, mentor=mentor, organization=enrolment.organization, actor=organiser
    )
    client.force_login(colleague)

    assert client.get(reverse("mentoring:pair", args=[pair.pk])).status_code == 200


def test_topics_are_found_in_inflected_text():
    topics = ["Društvene mreže", "Krizno komuniciranje"]

    assert topics_in(topics, "Kako na društvenim mrežama?") == {"Društvene mreže"}


def test_suggestions_rank_mentors_by_shared_topics_and_say_why(program, mentor, participant, queue):
    program.topics = "Krizno komuniciranje\nVizuelni sadržaji"
    program.save()
    other = PersonFactory(first_name="Ivana", last_name="Kostić", experience_level="advanced")
    role_grant(person=other, role=Role.TRAINER, scope=program)
    LecturerFactory(person=other, biography="Predaje krizno komuniciranje u javnom sektoru.")
    question_ask(
        queue=queue,
        author=participant,
        text="Kako voditi krizno komuniciranje?",
        is_anonymous=False,
    )

    (matching,) = pair_suggestions(program)

    assert matching.enrolment.person == participant
    first = matching.suggestions[0]
    assert first.mentor == other
    assert first.topics == ["Krizno komuniciranje"]
    assert any("Krizno komuniciranje" in reason for reason in first.reasons)


def test_suggestions_leave_out_who_is_paired(program, pair):
    assert pair_suggestions(program) == []


def test_organiser_confirms_a_suggestion(
    client, login_with_second_factor, program, mentor, participant, organiser
):
    login_with_second_factor(client, organiser)

    response = client.post(
        reverse("mentoring:pair_suggestion_accept", args=[program.slug]),
        {"mentor": mentor.pk, "mentee": participant.pk},
    )

    pair = MentoringPair.objects.get()
    assert response.url == reverse("mentoring:pair", args=[pair.pk])


def test_pair_page_for_its_people_only(client, pair, mentor, participant, other_participant):
    url = reverse("mentoring:pair", args=[pair.pk])
    for person, status in ((mentor, 200), (participant, 200), (other_participant, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status


def test_participant_cannot_edit_the_goals(client, pair, participant):
    client.force_login(participant)

    response = client.post(reverse("mentoring:pair_goals", args=[pair.pk]), {"goals": "x"})

    assert response.status_code == 404


def test_log_and_items_through_the_pages(client, pair, mentor):
    client.force_login(mentor)
    tomorrow = timezone.localdate() + timedelta(days=1)

    client.post(
        reverse("mentoring:pair_session_add", args=[pair.pk]),
        {"held_on": timezone.localdate().isoformat(), "notes": "Prvi sastanak"},
    )
    client.post(
        reverse("mentoring:action_item_add", args=[pair.pk]),
        {"text": "Napisati plan", "owner": "mentee", "due_on": tomorrow.isoformat()},
    )
    item = ActionItem.objects.get()
    client.post(reverse("mentoring:action_item_done", args=[item.pk]), {"done": "1"})

    assert pair.sessions.get().notes == "Prvi sastanak"
    item.refresh_from_db()
    assert item.done
    assert AuditLogEntry.objects.filter(action="mentoring.pair.item_done").exists()


def test_reminders_go_once_to_owners_of_open_items_due_tomorrow(
    pair, mentor, participant, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    action_item_add(
        pair=pair, text="Plan", owner=ItemOwner.MENTEE, due_on=today + timedelta(1), actor=mentor
    )
    action_item_add(
        pair=pair, text="Primeri", owner=ItemOwner.MENTOR, due_on=today + timedelta(1), actor=mentor
    )
    done = action_item_add(
        pair=pair, text="Gotovo", owner=ItemOwner.MENTOR, due_on=today + timedelta(1), actor=mentor
    )
    action_item_mark(item=done, done=True, actor=mentor)
    action_item_add(
        pair=pair, text="Kasnije", owner=ItemOwner.MENTEE, due_on=today + timedelta(5), actor=mentor
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = action_items_remind.call()
    with django_capture_on_commit_callbacks(execute=True):
        second = action_items_remind.call()

    assert (first, second) == (2, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([mentor.email, participant.email])


def test_program_pairs_page_queries_do_not_grow_with_pairs(
    client,
    login_with_second_factor,
    program,
    mentor,
    organiser,
    make_participant,
    django_assert_max_num_queries,
):
    for _ in range(5):
        person = make_participant()
        pair = pair_create(program=program, mentor=mentor, mentee=person, actor=organiser)
        pair_session_log(pair=pair, held_on=timezone.localdate(), notes="", actor=mentor)
    make_participant()  # not paired: gets suggestions
    login_with_second_factor(client, organiser)
    url = reverse("mentoring:program_pairs", args=[program.slug])
    client.get(url)

    with django_assert_max_num_queries(30):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count('href="/en/mentoring/pairs/') >= 5


def test_overview_queries_do_not_grow_with_pairs(
    client, program, mentor, organiser, make_participant, django_assert_max_num_queries
):
    for _ in range(5):
        pair_create(program=program, mentor=mentor, mentee=make_participant(), actor=organiser)
    client.force_login(mentor)
    client.get(reverse("mentoring:overview"))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("mentoring:overview"))

    assert response.content.decode().count("/mentoring/pairs/") == 5


def test_activity_in_the_programme_xlsx(
    client, login_with_second_factor, program, pair, mentor, organiser
):
    pair_session_log(pair=pair, held_on=timezone.localdate(), notes="", actor=mentor)
    login_with_second_factor(client, organiser)

    response = client.get(reverse("programs:reports_export", args=[program.slug]))

    book = load_workbook(BytesIO(response.content))
    sheet = next(ws for ws in book.worksheets if ws.title == "Mentoring activity")
    rows = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Mentoring pairs"] == 1
    assert rows["Meetings of the pairs"] == 1

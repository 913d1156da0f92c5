"""The demo programme's mentoring session gets a question queue for `manage.py demo`: the
questions PR officers of municipalities ask about social media, their votes, and one question
the mentor has already answered in writing. Idempotent: made once, when the queue is empty."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from glasnik.events.models import Event

from .models import OfficeHourSlot
from .office_hours import office_hour_book, office_hours_publish
from .services import question_answer, question_ask, question_queue_open, question_vote

EMAIL_DOMAIN = "demo.glasnik.test"

# (author, anonymous, text, voters)
QUESTIONS = [
    (
        "ana.jovanovic",
        False,
        "Koliko često opština treba da objavljuje na Fejsbuku, a koliko na Instagramu, "
        "da ne bismo zasuli pratioce?",
        ["marko.petrovic", "milica.stojanovic", "amra.hodzic"],
    ),
    (
        "marko.petrovic",
        True,
        "Kako da odgovorimo na uvredljive komentare građana ispod objave o radovima na putu, "
        "a da ne ispadne da cenzurišemo?",
        ["ana.jovanovic", "milica.stojanovic"],
    ),
    (
        "milica.stojanovic",
        False,
        "Smemo li da objavimo fotografije dece sa manifestacije u vrtiću ako su roditelji "
        "dali usmenu saglasnost?",
        ["amra.hodzic"],
    ),
    (
        "amra.hodzic",
        False,
        "Da li se isplati plaćeno oglašavanje za javni poziv za subvencije poljoprivrednicima "
        "i koliki budžet je razuman?",
        [],
    ),
]
ANSWERED = (
    "Za opštinu vaše veličine dovoljno je tri do pet objava nedeljno na Fejsbuku i dve do "
    "tri na Instagramu. Važnije od broja je ritam: objavljujte u isto doba dana i pratite "
    "u uvidima kada su vaši pratioci na mreži."
)


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def demo_question_queue(event: Event) -> None:
    queue = question_queue_open(event=event)
    if queue.questions.exists():
        return
    questions = []
    for author, anonymous, text, voters in QUESTIONS:
        question = question_ask(
            queue=queue, author=_person(author), text=text, is_anonymous=anonymous
        )
        for voter in voters:
            question_vote(question=question, person=_person(voter))
        questions.append(question)
    # The programme's trainer, who mentors the session.
    question_answer(question=questions[0], actor=_person("dragan.ilic"), answer=ANSWERED)


def demo_office_hours(program) -> None:
    """The programme's mentor offers office hours on the next three Tuesdays at 10:00 and the
    next Thursday at 14:00; a participant has booked the first Tuesday."""
    mentor = _person("dragan.ilic")
    if OfficeHourSlot.objects.filter(program=program, mentor=mentor).exists():
        return
    zone = ZoneInfo(program.time_zone)
    today = timezone.now().astimezone(zone).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    thursday = tuesday + timedelta(days=2)
    link = "https://meet.example.org/mentorstvo-dragan-ilic"
    tuesdays = office_hours_publish(
        program=program,
        mentor=mentor,
        starts_at=datetime(tuesday.year, tuesday.month, tuesday.day, 10, tzinfo=zone),
        duration_minutes=30,
        meeting_url=link,
        weeks=3,
    )
    office_hours_publish(
        program=program,
        mentor=mentor,
        starts_at=datetime(thursday.year, thursday.month, thursday.day, 14, tzinfo=zone),
        duration_minutes=45,
        meeting_url=link,
    )
    office_hour_book(
        slot=tuesdays[0],
        participant=_person("marko.petrovic"),
        topic="Plan objava za Fejsbuk stranicu opštine za naredni mesec",
        notify=False,
    )


# --- one-to-one mentoring and a reviewed proposal ----------------------------------------------

PAIR_GOALS = (
    "Da opština do kraja programa ima usvojen predlog za pokretanje naloga na Instagramu i "
    "plan objava za prva tri meseca."
)
PROPOSAL_TITLE = "Predlog: opština na Instagramu"
PROPOSAL_V1 = [
    ("Cilj", "Otvoriti nalog opštine na Instagramu."),
    (
        "Sadržaj",
        "Objavljivaćemo fotografije sa događaja u opštini i obaveštenja o radovima.",
    ),
    ("Resursi", "Nalog vodi služba za odnose sa javnošću."),
]
PROPOSAL_V2 = [
    (
        "Cilj",
        "Otvoriti nalog opštine na Instagramu i do kraja godine doći do 1.000 pratilaca iz "
        "opštine.",
    ),
    (
        "Sadržaj",
        "Objavljivaćemo fotografije sa događaja u opštini, obaveštenja o radovima i kratke "
        "video snimke sa odgovorima na pitanja građana, tri puta nedeljno.",
    ),
    ("Resursi", "Nalog vode dve osobe iz službe za odnose sa javnošću, po dva sata dnevno."),
]


def demo_mentoring_pairs(program) -> None:
    """The programme's trainer mentors the member's municipality: goals, one meeting, two
    action items, and the municipality's proposal returned once (needs work) and sent again.
    Made once."""
    from datetime import timedelta

    from django.utils import timezone

    from glasnik.core.demo import demo_pdf
    from glasnik.programs.models import Enrolment

    from .models import ItemOwner, MentoringPair, ReviewStatus, WorkKind
    from .pair_services import (
        action_item_add,
        pair_create,
        pair_session_log,
        review_resubmit,
        review_return,
        review_submit,
    )

    if MentoringPair.objects.filter(program=program).exists():
        return
    mentor, mentee = _person("dragan.ilic"), _person("marko.petrovic")
    organiser = _person("jelena.markovic")
    institution = Enrolment.objects.get(program=program, person=mentee).organization
    pair = pair_create(
        program=program, mentor=mentor, organization=institution, goals=PAIR_GOALS, actor=organiser
    )
    today = timezone.localdate()
    pair_session_log(
        pair=pair,
        held_on=today - timedelta(days=7),
        notes="Prošli smo kroz postojeće naloge opštine i dogovorili da predlog bude gotov za "
        "nedelju dana.",
        actor=mentor,
    )
    action_item_add(
        pair=pair,
        text="Napisati predlog za nalog na Instagramu",
        owner=ItemOwner.MENTEE,
        due_on=today + timedelta(days=1),
        actor=mentor,
    )
    action_item_add(
        pair=pair,
        text="Poslati primere dobrih naloga drugih opština",
        owner=ItemOwner.MENTOR,
        due_on=today + timedelta(days=3),
        actor=mentor,
    )
    review = review_submit(
        pair=pair,
        author=mentee,
        title=PROPOSAL_TITLE,
        kind=WorkKind.PROPOSAL,
        sections=PROPOSAL_V1,
        document=demo_pdf("predlog-instagram.pdf", PROPOSAL_TITLE),
        notify=False,
    )
    first = review.versions.get().sections.order_by("position")
    review_return(
        review=review,
        mentor=mentor,
        status=ReviewStatus.NEEDS_WORK,
        comments={
            first[0].pk: "Cilj je dobar, ali mu fali merljiv pokazatelj i rok.",
            first[2].pk: "Koliko vremena nedeljno? Ko zamenjuje kolegu na odmoru?",
        },
        note="Dobar početak. Dopunite cilj i resurse pa pošaljite ponovo.",
        notify=False,
    )
    review_resubmit(review=review, author=mentee, sections=PROPOSAL_V2, notify=False)

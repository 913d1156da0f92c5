"""Demo data: the demo programme's needs survey (the research phase of the programme in seed
000) on the social-media communication of local self-governments, open and anonymous, with
about sixty varied responses, so that its results page shows real numbers.

Beside it, a named knowledge test before the training and the same test after it, paired,
answered by the programme's participants (some enrolled only for it), for the learning gain.

The needs survey's responses stand for participants of other municipalities who have no demo
login: they are written without receipts, as anonymous responses name nobody anyway. Safe to
run again."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from glasnik.accounts.services import position_add
from glasnik.core.anonymity import anonymous_day
from glasnik.organizations.models import Organization, OrganizationKind
from glasnik.programs.models import Enrolment, EnrolmentStatus
from glasnik.programs.services.enrolment import enrolment_approve, enrolment_create

from .answers import visible_answers
from .models import Answer, QuestionType, Response, Survey, SurveyInvitation, SurveyReceipt
from .selectors import invitation_candidates, survey_plan
from .services.builder import (
    condition_add,
    question_add,
    section_add,
    survey_copy,
    survey_create,
    survey_open,
)
from .services.invitations import invitation_token
from .services.knowledge import knowledge_pair_set
from .services.responses import answer_rows, responses_check

DEMO_SURVEY_SLUG = "potrebe-za-obukom-drustvene-mreze"
RESPONSES = 60
AGREEMENT = [
    "Uopšte se ne slažem",
    "Ne slažem se",
    "Niti se slažem niti ne slažem",
    "Slažem se",
    "Potpuno se slažem",
]
KNOWLEDGE = ["Vrlo slabo", "Slabo", "Osrednje", "Dobro", "Odlično"]
CHALLENGES = [
    "Nemamo dovoljno ljudi: jedna osoba radi sve, od saopštenja do objava.",
    "Teško je dobiti odobrenje za objavu na vreme, pa kasnimo za događajima.",
    "Ne znamo kako da odgovaramo na negativne komentare, a da ne pogoršamo situaciju.",
    "Građani pišu u porukama o komunalnim problemima, a službe nam ne odgovaraju brzo.",
    "Nemamo budžet za promociju objava ni opremu za snimanje videa.",
    "Ne znamo koje objave zaista dopiru do građana; statistiku ne pratimo redovno.",
    "",
    "",
]


def _answers(plan, questions: dict, rng: random.Random) -> dict:
    q = questions
    experience = rng.choices(range(4), weights=[3, 5, 4, 2])[0]
    has_accounts = rng.choices(range(3), weights=[8, 1, 1])[0]
    answers = {
        q["experience"].pk: q["experience"].choice_list[experience].pk,
        q["accounts"].pk: q["accounts"].choice_list[has_accounts].pk,
    }
    if has_accounts == 0:
        networks = q["networks"].choice_list
        chosen = [networks[0].pk] + [c.pk for c in networks[1:] if rng.random() < 0.45]
        other = "Viber zajednica" if rng.random() < 0.1 else ""
        answers[q["networks"].pk] = {"choices": sorted(chosen), "other": other}
        answers[q["posts"].pk] = str(rng.choice([2, 3, 5, 5, 7, 10, 10, 14, 20]))
    skill = min(4, max(0, round(rng.gauss(1.5 + experience * 0.5, 0.9))))
    answers[q["agreement"].pk] = {
        str(row.pk): min(5, max(1, round(rng.gauss(2.6 + index * 0.2 + experience * 0.2, 1))))
        for index, row in enumerate(q["agreement"].choice_list)
    }
    answers[q["skill"].pk] = skill + 1
    topics = [choice.pk for choice in q["topics"].choice_list]
    weights = {
        pk: rng.random() + bonus
        for pk, bonus in zip(topics, [0.8, 0.6, 0.9, 0.4, 0.5], strict=True)
    }
    answers[q["topics"].pk] = sorted(topics, key=lambda pk: -weights[pk])
    formats = [c.pk for c in q["formats"].choice_list if rng.random() < 0.5]
    answers[q["formats"].pk] = {"choices": formats or [q["formats"].choice_list[0].pk], "other": ""}
    answers[q["recommend"].pk] = min(10, max(0, round(rng.gauss(8, 1.8))))
    challenge = rng.choice(CHALLENGES)
    if challenge:
        answers[q["challenge"].pk] = challenge
    return visible_answers(plan, answers).answers


def _build(program, organiser) -> tuple[Survey, dict]:
    survey = survey_create(
        owner=program,
        actor=organiser,
        kind="needs",
        title="Istraživanje potreba: komunikacija lokalne samouprave na društvenim mrežama",
        language="sr",
        intro=(
            "Ovim upitnikom želimo da saznamo kako vaša opština ili grad komunicira sa građanima "
            "na društvenim mrežama i šta vam je potrebno, kako bi obuke odgovorile na stvarne "
            "potrebe. Popunjavanje traje desetak minuta; odgovori su anonimni."
        ),
        is_anonymous=True,
    )
    Survey.objects.filter(pk=survey.pk).update(slug=DEMO_SURVEY_SLUG)
    survey.slug = DEMO_SURVEY_SLUG
    first = survey.sections.get()
    first.title = {"sr": "O vama i vašoj instituciji", "sl": "O vas in vaši ustanovi"}
    first.save(update_fields=["title"])

    def add(section, type, text, **fields):
        return question_add(section=section, actor=organiser, type=type, text=text, **fields)

    q = {}
    q["experience"] = add(
        first,
        QuestionType.SINGLE,
        {
            "sr": "Koliko dugo radite na poslovima komunikacije sa javnošću?",
            "sl": "Koliko časa delate na področju odnosov z javnostmi?",
        },
        choices=[
            {"sr": "Manje od godinu dana", "sl": "Manj kot eno leto"},
            {"sr": "Od 1 do 3 godine", "sl": "Od 1 do 3 let"},
            {"sr": "Od 4 do 10 godina", "sl": "Od 4 do 10 let"},
            {"sr": "Više od 10 godina", "sl": "Več kot 10 let"},
        ],
        is_required=True,
    )
    q["accounts"] = add(
        first,
        QuestionType.SINGLE,
        {"sr": "Da li vaša lokalna samouprava ima zvanične naloge na društvenim mrežama?"},
        choices=[{"sr": "Da"}, {"sr": "Ne, ali planiramo da ih otvorimo"}, {"sr": "Ne"}],
        is_required=True,
    )
    q["networks"] = add(
        first,
        QuestionType.MULTIPLE,
        {"sr": "Na kojim društvenim mrežama je vaša lokalna samouprava prisutna?"},
        choices=[
            {"sr": "Facebook"},
            {"sr": "Instagram"},
            {"sr": "X (Twitter)"},
            {"sr": "YouTube"},
            {"sr": "TikTok"},
            {"sr": "LinkedIn"},
        ],
        allows_other=True,
        is_required=True,
    )
    q["posts"] = add(
        first,
        QuestionType.NUMBER,
        {"sr": "Koliko objava nedeljno objavljujete, u proseku, na svim nalozima zajedno?"},
        min_value=0,
        max_value=200,
    )
    yes = q["accounts"].choices.order_by("position").first().pk
    for name in ("networks", "posts"):
        condition_add(
            actor=organiser, question=q[name], source=q["accounts"], operator="equals", value=yes
        )
    second = section_add(survey=survey, actor=organiser, title={"sr": "Komunikacija danas"})
    q["agreement"] = add(
        second,
        QuestionType.LIKERT,
        {"sr": "Koliko se slažete sa sledećim tvrdnjama o vašoj instituciji?"},
        choices=[
            {"sr": "Imamo plan objavljivanja sadržaja bar za mesec dana unapred."},
            {"sr": "Građani nam se obraćaju putem društvenih mreža."},
            {"sr": "Na komentare i poruke odgovaramo u roku od 24 sata."},
            {"sr": "Imamo pravila za komunikaciju u kriznim situacijama."},
        ],
        scale_labels={"sr": AGREEMENT},
        max_value=5,
        is_required=True,
    )
    q["skill"] = add(
        second,
        QuestionType.RATING,
        {"sr": "Kako ocenjujete svoje znanje o komunikaciji na društvenim mrežama?"},
        scale_labels={"sr": KNOWLEDGE},
        min_value=1,
        max_value=5,
        is_required=True,
    )
    third = section_add(survey=survey, actor=organiser, title={"sr": "Potrebe za obukom"})
    q["topics"] = add(
        third,
        QuestionType.RANKING,
        {"sr": "Poređajte teme obuke po važnosti za vaš posao (1 je najvažnija)."},
        choices=[
            {"sr": "Planiranje sadržaja i kalendar objava"},
            {"sr": "Fotografija i kratki video telefonom"},
            {"sr": "Krizna komunikacija"},
            {"sr": "Merenje rezultata i analitika"},
            {"sr": "Odgovaranje građanima i moderiranje komentara"},
        ],
        is_required=True,
    )
    q["formats"] = add(
        third,
        QuestionType.MULTIPLE,
        {"sr": "Koji oblici učenja vam najviše odgovaraju?"},
        choices=[
            {"sr": "Dvodnevna radionica uživo"},
            {"sr": "Onlajn vebinar"},
            {"sr": "Individualno mentorstvo"},
            {"sr": "Primeri dobre prakse drugih opština"},
        ],
    )
    q["recommend"] = add(
        third,
        QuestionType.NPS,
        {
            "sr": (
                "Koliko je verovatno da biste ovakav program preporučili kolegi iz druge opštine?"
            )
        },
    )
    q["challenge"] = add(
        third,
        QuestionType.LONG_TEXT,
        {"sr": "Koji je vaš najveći izazov u komunikaciji sa građanima na društvenim mrežama?"},
    )
    survey_open(survey=survey, actor=organiser)
    return survey, q


@transaction.atomic
def demo_surveys(program) -> Survey:
    """The needs survey, then the knowledge tests (whose people are not invited to it)."""
    survey = Survey.objects.filter(slug=DEMO_SURVEY_SLUG).first() or _demo_needs_survey(program)
    demo_knowledge_tests(program)
    return survey


def _demo_needs_survey(program) -> Survey:
    organiser = get_user_model().objects.get(email="jelena.markovic@demo.glasnik.test")
    survey, questions = _build(program, organiser)
    plan = survey_plan(survey)
    for name, question in questions.items():
        questions[name] = plan.questions[question.pk]
    rng = random.Random(13)  # noqa: S311 - demo data, not secrets
    today = timezone.now()
    rows = []
    for number in range(RESPONSES):
        answers = responses_check(plan, _answers(plan, questions, rng))
        day = anonymous_day(today - timedelta(days=30 - number // 3))
        response = Response.objects.create(survey=survey, language="sr", submitted_at=day)
        for pk, value in answers.items():
            rows.extend(answer_rows(response, plan.questions[pk], value))
    Answer.objects.bulk_create(rows)
    _invite(survey, organiser, today)
    return survey


def _invite(survey: Survey, organiser, now) -> None:
    """Personal invitations (without emails) to the programme's demo participants, ten days
    ago, one of them reminded since."""
    people = list(invitation_candidates(survey).exclude(pk=organiser.pk))
    SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(
                survey=survey,
                person=person,
                token=invitation_token(),
                invited_at=now - timedelta(days=10),
                reminded_at=now - timedelta(days=3) if number == 0 else None,
                reminder_count=1 if number == 0 else 0,
            )
            for number, person in enumerate(people)
        ],
        ignore_conflicts=True,
    )


DEMO_KNOWLEDGE_SLUG = "test-znanja-pre-obuke"
DEMO_KNOWLEDGE_POST_SLUG = "test-znanja-posle-obuke"
# Participants of other municipalities who take only the knowledge test (no demo login).
KNOWLEDGE_PEOPLE = [
    ("Nikola", "Savić"),
    ("Jovana", "Ristić"),
    ("Stefan", "Lazić"),
    ("Ivana", "Kostić"),
    ("Miloš", "Pavlović"),
    ("Tamara", "Nikolić"),
]
KNOWLEDGE_QUESTIONS = [
    (
        "Koje doba dana je, po pravilu, najbolje za objave lokalne samouprave?",
        ["Kada publika najčešće koristi mrežu", "Uvek u ponoć", "Samo vikendom"],
        [0],
    ),
    (
        "Šta je prvi korak u kriznoj komunikaciji?",
        ["Brisanje komentara", "Brza i tačna prva informacija", "Čekanje da kriza prođe"],
        [1],
    ),
    (
        "Koji podaci pokazuju koliko objava zaista dopire do građana?",
        ["Broj zaposlenih", "Doseg i angažovanje", "Broj objava"],
        [1],
    ),
    (
        "Šta spada u dobar kalendar objava? (više odgovora)",
        ["Teme i datumi", "Odgovorne osobe", "Lozinke naloga"],
        [0, 1],
    ),
    (
        "Na negativan komentar građanina najbolje je:",
        ["Odgovoriti ljubazno i uputiti na rešenje", "Blokirati nalog", "Ignorisati ga"],
        [0],
    ),
]


def _knowledge_people(program, organiser) -> list:
    """The programme's enrolled participants and the knowledge-test-only demo people (made and
    enrolled at municipalities once)."""
    people = get_user_model().objects
    municipalities = list(
        Organization.objects.filter(country="RS", kind=OrganizationKind.MUNICIPALITY).order_by(
            "name"
        )[:3]
    )
    for number, (first, last) in enumerate(KNOWLEDGE_PEOPLE):
        email = f"polaznik.znanje{number + 1}@demo.glasnik.test"
        person = people.filter(email=email).first()
        if person is None:
            person = people.create_user(email=email, first_name=first, last_name=last)
            person.set_unusable_password()
            person.save(update_fields=["password"])
        if not municipalities or Enrolment.objects.filter(program=program, person=person).exists():
            continue
        municipality = municipalities[number % len(municipalities)]
        position_add(
            person=person,
            organization=municipality,
            title="Saradnik za odnose sa javnošću",
            actor=None,
        )
        enrolment = enrolment_create(
            program=program, person=person, organization=municipality, notify=False
        )
        enrolment_approve(enrolment=enrolment, actor=organiser, notify=False)
    return list(
        people.filter(enrolments__program=program, enrolments__status=EnrolmentStatus.ENROLLED)
        .exclude(pk=organiser.pk)
        .order_by("pk")
    )


def _knowledge_answers(plan, correct_share: float, rng: random.Random) -> dict:
    answers = {}
    for question in plan.questions.values():
        choices = question.choice_list
        if rng.random() < correct_share:
            chosen = [
                choices[i].pk
                for i in range(len(choices))
                if choices[i].pk in question.correct_answer
            ]
        else:
            chosen = [rng.choice(choices).pk]
        if question.type == QuestionType.MULTIPLE:
            answers[question.pk] = {"choices": sorted(chosen), "other": ""}
        else:
            answers[question.pk] = chosen[0]
    return visible_answers(plan, answers).answers


@transaction.atomic
def demo_knowledge_tests(program) -> Survey:
    """A named knowledge test before the programme's training and the same test after it,
    paired, each answered by about ten participants (better after), so the learning gain page
    draws. Safe to run again."""
    post = Survey.objects.filter(slug=DEMO_KNOWLEDGE_POST_SLUG).first()
    if post is not None:
        return post
    organiser = get_user_model().objects.get(email="jelena.markovic@demo.glasnik.test")
    pre = survey_create(
        owner=program,
        actor=organiser,
        kind="knowledge",
        title="Test znanja: društvene mreže (pre obuke)",
        language="sr",
        intro="Pet pitanja pre obuke; isti test rešavate i posle nje.",
    )
    Survey.objects.filter(pk=pre.pk).update(slug=DEMO_KNOWLEDGE_SLUG)
    pre.slug = DEMO_KNOWLEDGE_SLUG
    section = pre.sections.get()
    for text, options, correct in KNOWLEDGE_QUESTIONS:
        question = question_add(
            section=section,
            actor=organiser,
            type=QuestionType.MULTIPLE if len(correct) > 1 else QuestionType.SINGLE,
            text={"sr": text},
            choices=[{"sr": option} for option in options],
            is_required=True,
        )
        ids = list(question.choices.order_by("position").values_list("pk", flat=True))
        question.correct_answer = [ids[i] for i in correct]
        question.points = len(correct)
        question.save(update_fields=["correct_answer", "points"])
    post = survey_copy(
        survey=pre, actor=organiser, title="Test znanja: društvene mreže (posle obuke)"
    )
    Survey.objects.filter(pk=post.pk).update(slug=DEMO_KNOWLEDGE_POST_SLUG)
    post.slug = DEMO_KNOWLEDGE_POST_SLUG
    knowledge_pair_set(post_test=post, pre_test=pre, actor=organiser)
    survey_open(survey=pre, actor=organiser)
    survey_open(survey=post, actor=organiser)
    people = _knowledge_people(program, organiser)
    rng = random.Random(7)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    rows = []
    for survey, share, days in ((pre, 0.4, 20), (post, 0.75, 5)):
        plan = survey_plan(survey)
        for person in people:
            answers = responses_check(plan, _knowledge_answers(plan, share, rng))
            response = Response.objects.create(
                survey=survey, person=person, language="sr", submitted_at=now - timedelta(days=days)
            )
            SurveyReceipt.objects.create(
                survey=survey, person=person, answered_at=response.submitted_at
            )
            for pk, value in answers.items():
                rows.extend(answer_rows(response, plan.questions[pk], value))
    Answer.objects.bulk_create(rows)
    return post

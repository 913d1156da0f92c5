"""Bulk data for load tests (`manage.py seed_scale`): a 30-question needs survey of seed_scale's
programme with 100,000 responses at factor 1, for the survey results benchmark
(`benchmarks/survey_results.py`).

The survey is not anonymous: the first responses are the seeded people's, each enrolled in the
programme for the institution of their position, so the cross-tabs by institution kind, country,
region and experience level have data; the responses beyond the seeded people have no person,
as after their accounts were removed. Answers are made up from the response's number, so a top-up
adds the same answers a fresh run would. Rows are written with COPY on PostgreSQL (bulk_create
elsewhere) and bypass the services and the audit log, as the rest of seed_scale does.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from glasnik.access.models import Role, RoleGrant
from glasnik.accounts.models import Position
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program
from glasnik.surveys.models import (
    Answer,
    Choice,
    Question,
    QuestionType,
    Response,
    Section,
    Survey,
    SurveyKind,
    SurveyStatus,
)
from glasnik.surveys.results import responses_count

SURVEY_SLUG = "seed-programme-needs"
RESPONSES_PER_FACTOR = 100_000
BATCH = 5_000
LANGUAGES = ["sr", "sr-latn", "bs", "hr", "sl", "en"]
AGREE = ["Uopšte se ne slažem", "Ne slažem se", "Nisam siguran", "Slažem se", "Potpuno se slažem"]
TOPICS = [
    "Planiranje sadržaja",
    "Video za društvene mreže",
    "Krizna komunikacija",
    "Pisanje za veb",
    "Analitika i izveštaji",
    "Fotografija",
    "Odnosi s medijima",
    "Pristupačnost objava",
]
CHANNELS = ["Facebook", "Instagram", "X", "LinkedIn", "YouTube", "TikTok", "Veb-sajt"]
FORMATS = ["Radionica uživo", "Vebinar", "Mentorstvo", "Onlajn kurs", "Studijska poseta"]
COMMENTS = [
    "Više primera iz lokalnih samouprava.",
    "Treba nam pomoć oko video sadržaja.",
    "Obuka bi trebalo da bude kraća i praktičnija.",
    "Kako da odgovorimo na negativne komentare?",
    "Želimo da naučimo da merimo rezultate objava.",
]
TITLES = ["Saradnik za odnose s javnošću", "Portparolka", "Urednik sajta", "Menadžerka mreža"]

# (section, type, text, choices or None, extra fields). Thirty questions in three sections.
QUESTIONS = [
    (
        "O vama",
        "single",
        "Koja je vaša uloga u instituciji?",
        ["Komunikator", "Rukovodilac", "Saradnik", "Drugo"],
        {},
    ),
    (
        "O vama",
        "single",
        "Koliko godina radite u komunikacijama?",
        ["Manje od 2", "2–5", "6–10", "Više od 10"],
        {},
    ),
    (
        "O vama",
        "single",
        "Koliko ljudi radi u vašem timu?",
        ["Sam/a", "2–3", "4–10", "Više od 10"],
        {},
    ),
    (
        "O vama",
        "number",
        "Koliko objava mesečno objavljujete?",
        None,
        {"min_value": 0, "max_value": 500},
    ),
    ("O vama", "short_text", "Kako se zove vaše radno mesto?", None, {}),
    ("O vama", "date", "Kada ste poslednji put bili na obuci?", None, {}),
    ("O vama", "single", "Da li imate strategiju komunikacije?", ["Da", "Ne", "U izradi"], {}),
    ("Potrebe", "multiple", "Koje teme su vam potrebne?", TOPICS, {"allows_other": True}),
    ("Potrebe", "multiple", "Koje mreže koristite?", CHANNELS, {}),
    ("Potrebe", "multiple", "Koji oblici učenja vam odgovaraju?", FORMATS, {}),
    ("Potrebe", "ranking", "Poređajte teme po važnosti.", TOPICS[:5], {}),
    (
        "Potrebe",
        "likert",
        "Koliko se slažete?",
        [
            "Imamo plan sadržaja",
            "Znamo da pravimo video",
            "Merimo rezultate",
            "Odgovaramo na komentare",
            "Imamo dovoljno vremena",
        ],
        {"scale_labels": {"sr": AGREE}},
    ),
    (
        "Potrebe",
        "rating",
        "Koliko vam je važna obuka o videu?",
        None,
        {"scale_labels": {"sr": AGREE}},
    ),
    ("Potrebe", "rating", "Koliko vam je važna krizna komunikacija?", None, {"max_value": 5}),
    (
        "Potrebe",
        "single",
        "Koliko vremena možete odvojiti mesečno?",
        ["Do 4 sata", "4–8 sati", "Više od 8 sati"],
        {},
    ),
    ("Potrebe", "long_text", "Šta vam je najteže u radu?", None, {}),
    ("Potrebe", "ranking", "Poređajte oblike učenja.", FORMATS, {}),
    ("Utisci", "nps", "Koliko biste preporučili program kolegi?", None, {}),
    ("Utisci", "nps", "Koliko biste preporučili mrežu komunikatora?", None, {}),
    ("Utisci", "rating", "Ocenite dosadašnje obuke.", None, {"max_value": 5}),
    ("Utisci", "rating", "Ocenite materijale.", None, {"max_value": 5}),
    ("Utisci", "rating", "Ocenite predavače.", None, {"max_value": 5}),
    (
        "Utisci",
        "likert",
        "Posle obuka:",
        ["Objavljujem češće", "Bolje planiram", "Sigurniji sam pred kamerom", "Bolje pišem"],
        {"scale_labels": {"sr": AGREE}},
    ),
    (
        "Utisci",
        "number",
        "Koliko sati obuke ste imali ove godine?",
        None,
        {"min_value": 0, "max_value": 200},
    ),
    ("Utisci", "single", "Da li ste primenili naučeno?", ["Da", "Delimično", "Ne"], {}),
    ("Utisci", "single", "Da li vam je potreban mentor?", ["Da", "Ne", "Ne znam"], {}),
    (
        "Utisci",
        "multiple",
        "Šta bi trebalo poboljšati?",
        ["Termini", "Trajanje", "Materijali", "Primeri", "Mesto"],
        {},
    ),
    (
        "Utisci",
        "likert",
        "Koliko ste zadovoljni?",
        ["Organizacijom", "Sadržajem", "Komunikacijom"],
        {"scale_labels": {"sr": AGREE}},
    ),
    ("Utisci", "long_text", "Šta biste poručili organizatorima?", None, {}),
    (
        "Utisci",
        "number",
        "Koliko kolega ste uputili na program?",
        None,
        {"min_value": 0, "max_value": 50},
    ),
]


def _batches(items, size=BATCH):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _survey(program: Program) -> tuple[Survey, list]:
    """The survey and its questions (with `choice_ids`), made once."""
    survey = Survey.objects.filter(slug=SURVEY_SLUG).first()
    if survey is None:
        survey = Survey.objects.create(
            program=program,
            slug=SURVEY_SLUG,
            kind=SurveyKind.NEEDS,
            language="sr",
            title="Potrebe učesnika programa (seed)",
            intro="Sintetička anketa za testove opterećenja.",
            status=SurveyStatus.CLOSED,
        )
        sections = {}
        for position, (section, kind, text, choices, extra) in enumerate(QUESTIONS):
            if section not in sections:
                sections[section] = Section.objects.create(
                    survey=survey, position=len(sections), title={"sr": section}
                )
            question = Question.objects.create(
                section=sections[section],
                position=position,
                type=kind,
                text={"sr": text},
                **extra,
            )
            Choice.objects.bulk_create(
                Choice(question=question, position=number, label={"sr": label})
                for number, label in enumerate(choices or [])
            )
    questions = list(
        Question.objects.filter(section__survey=survey).order_by("section__position", "position")
    )
    choices = {}
    for question_id, choice_id in (
        Choice.objects.filter(question__in=questions)
        .order_by("position", "pk")
        .values_list("question_id", "pk")
    ):
        choices.setdefault(question_id, []).append(choice_id)
    for question in questions:
        question.choice_ids = choices.get(question.pk, [])
    return survey, questions


def _enrol(program: Program, people: list[int], organization_id: int) -> None:
    """Enrol the named respondents not enrolled yet, for their position's institution."""
    enrolled = set(Enrolment.objects.filter(program=program).values_list("person_id", flat=True))
    missing = [pk for pk in people if pk not in enrolled]
    scope_type = ContentType.objects.get_for_model(Program)
    for batch in _batches(missing):
        institutions = dict(
            Position.objects.filter(person_id__in=batch)
            .order_by("person_id", "-pk")
            .values_list("person_id", "organization_id")
        )
        Enrolment.objects.bulk_create(
            Enrolment(
                program=program,
                person_id=pk,
                organization_id=institutions.get(pk, organization_id),
                status=EnrolmentStatus.ENROLLED,
            )
            for pk in batch
        )
        RoleGrant.objects.bulk_create(
            (
                RoleGrant(
                    person_id=pk, role=Role.MEMBER, scope_type=scope_type, scope_id=program.pk
                )
                for pk in batch
            ),
            ignore_conflicts=True,
        )


def _values(question, rng: random.Random, number: int) -> list[tuple]:
    """A response's answers to `question`: (choice id, number, text, date) rows."""
    kind, choices = question.type, question.choice_ids
    if kind == QuestionType.SINGLE:
        # Skewed, so that charts and cross-tabs differ from group to group.
        return [(choices[min(int(rng.expovariate(0.8)), len(choices) - 1)], None, "", None)]
    if kind == QuestionType.MULTIPLE:
        rows = [
            (c, None, "", None) for c in choices if rng.random() < 0.45 - 0.03 * choices.index(c)
        ]
        if question.allows_other and number % 40 == 0:
            rows.append((None, None, COMMENTS[number % len(COMMENTS)], None))
        return rows or [(choices[number % len(choices)], None, "", None)]
    if kind == QuestionType.RANKING:
        order = choices[:]
        rng.shuffle(order)
        return [(c, Decimal(place), "", None) for place, c in enumerate(order, 1)]
    if kind == QuestionType.LIKERT:
        return [(c, Decimal(rng.choice((1, 2, 3, 3, 4, 4, 4, 5))), "", None) for c in choices]
    if kind == QuestionType.RATING:
        return [(None, Decimal(rng.choice((1, 2, 3, 3, 4, 4, 4, 5, 5))), "", None)]
    if kind == QuestionType.NPS:
        return [(None, Decimal(min(10, int(rng.triangular(0, 11, 9)))), "", None)]
    if kind == QuestionType.NUMBER:
        high = int(question.max_value or 100)
        return [(None, Decimal(min(high, int(rng.expovariate(8 / high)))), "", None)]
    if kind == QuestionType.SHORT_TEXT:
        return [(None, None, TITLES[number % len(TITLES)], None)] if number % 3 == 0 else []
    if kind == QuestionType.LONG_TEXT:
        if number % 10:
            return []
        return [(None, None, f"{COMMENTS[number % len(COMMENTS)]} (#{number})", None)]
    if kind == QuestionType.DATE:
        return [(None, None, "", date(2026, 1, 1) + timedelta(days=number % 330))]
    return []


def _write(model, fields: list[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `fields`): COPY on PostgreSQL."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(name) for name in fields)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        model.objects.bulk_create(
            (model(**dict(zip(fields, row, strict=True))) for row in rows), batch_size=500
        )


def seed_survey(*, email_domain: str, organization_id: int, factor: float) -> int:
    """Top the survey up to 100,000 × factor responses and count their answers for the results
    page (`glasnik.surveys.results.responses_count`); returns how many it has."""
    program = Program.objects.get(slug="seed-programme")
    survey, questions = _survey(program)
    target = round(RESPONSES_PER_FACTOR * factor)
    existing = Response.objects.filter(survey=survey).count()
    if existing >= target:
        return existing
    people = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{email_domain}")
        .order_by("email")
        .values_list("pk", flat=True)[:target]
    )
    _enrol(program, people, organization_id)
    start = timezone.now() - timedelta(days=30)
    answer_fields = ["response_id", "question_id", "choice_id", "number", "text", "date", "file"]
    for numbers in _batches(range(existing + 1, target + 1)):
        _write(
            Response,
            ["survey_id", "person_id", "language", "submitted_at", "counted"],
            [
                (
                    survey.pk,
                    people[number - 1] if number <= len(people) else None,
                    LANGUAGES[number % len(LANGUAGES)],
                    start + timedelta(seconds=number * 25),
                    False,
                )
                for number in numbers
            ],
        )
        ids = list(
            Response.objects.filter(survey=survey)
            .order_by("pk")
            .values_list("pk", flat=True)[numbers[0] - 1 : numbers[-1]]
        )
        rows = []
        for number, response_id in zip(numbers, ids, strict=True):
            rng = random.Random(number)  # noqa: S311 - synthetic answers
            for question in questions:
                for choice_id, value, text, day in _values(question, rng, number):
                    rows.append((response_id, question.pk, choice_id, value, text, day, ""))
        _write(Answer, answer_fields, rows)
    responses_count(survey)  # as the first reading of the results would
    return target

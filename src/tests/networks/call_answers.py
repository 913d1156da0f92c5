"""Questions and answers for the calls and statements tests."""

from django.core.files.uploadedfile import SimpleUploadedFile
from factories.networks import StatementQuestionFactory

from glasnik.networks.models import Call, QuestionKind, StatementQuestion
from glasnik.networks.services.calls import statement_submit

PDF = b"%PDF-1.4\n%test\n"


def add_questions(call: Call) -> dict[str, StatementQuestion]:
    """One question of each kind; the file question is optional."""
    specs = [
        ("text", QuestionKind.TEXT, {"label": "Odeljenje"}),
        ("long", QuestionKind.LONG_TEXT, {"label": "Šta očekujete od mreže?"}),
        ("choice", QuestionKind.CHOICE, {"label": "Iskustvo", "options": "Početno\nNapredno"}),
        ("yes_no", QuestionKind.YES_NO, {"label": "Vodite li društvene mreže?"}),
        ("file", QuestionKind.FILE, {"label": "Biografija", "is_required": False}),
        (
            "consent",
            QuestionKind.CONSENT,
            {"label": "Saglasnost", "privacy_text": "Podatke obrađuje udruženje."},
        ),
    ]
    return {
        key: StatementQuestionFactory(call=call, kind=kind, position=number, **fields)
        for number, (key, kind, fields) in enumerate(specs)
    }


def answers_for(call: Call, **overrides) -> dict:
    by_kind = {
        QuestionKind.TEXT: "Kabinet gradonačelnika",
        QuestionKind.LONG_TEXT: "Razmenu iskustava.",
        QuestionKind.CHOICE: "Početno",
        QuestionKind.YES_NO: "yes",
        QuestionKind.FILE: None,
        QuestionKind.CONSENT: True,
    }
    answers = {question.pk: by_kind[question.kind] for question in call.questions.all()}
    answers.update(overrides)
    return answers


def submit(call: Call, person, organization, **kwargs):
    return statement_submit(
        call=call,
        person=person,
        organization=organization,
        position_title=kwargs.pop("position_title", "Portparol"),
        answers=kwargs.pop("answers", None) or answers_for(call),
        **kwargs,
    )


def pdf_upload(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")

"""XLSForm interop: a real-world-like needs form imported all or nothing, malformed forms
refused with every problem, the round trip through pyxform, the commands, the upload page
and the shipped templates."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pyxform.xls2xform import convert
from xlsform_workbooks import NEEDS_CHOICES, SURVEY_HEADER, workbook_bytes

from glasnik.surveys.answers import answer_clean
from glasnik.surveys.models import Condition, Question, QuestionType, Survey
from glasnik.surveys.survey_templates import SURVEY_TEMPLATES, survey_template_import
from glasnik.surveys.xlsform import XLSFormError, survey_export_xlsform, survey_import_xlsform

pytestmark = pytest.mark.django_db

EXPECTED_UNSUPPORTED = [
    "note “thanks_note” (text between questions)",
    "calculation “score”",
    "repeat “staff” (its questions are asked once)",
    "the condition of “last_training”: not(${has_accounts} = 'no')",
]


def _import(owner, actor, data=None):
    return survey_import_xlsform(
        owner=owner, actor=actor, file=io.BytesIO(data or workbook_bytes())
    )


def test_needs_form_becomes_sections_questions_and_conditions(survey_program, survey_organiser):
    result = _import(survey_program, survey_organiser)

    survey = result.survey
    assert (survey.title, survey.language, survey.status) == ("Potrebe opština", "sr", "draft")
    assert (result.question_count, result.section_count) == (11, 3)
    assert result.unsupported == EXPECTED_UNSUPPORTED
    questions = {q.text["en"]: q for q in Question.objects.filter(section__survey=survey)}
    followers = questions["How many followers?"]
    assert followers.type == QuestionType.NUMBER
    assert (followers.min_value, followers.max_value) == (0, 1000000)
    assert followers.help == {"sr": "Ukupno na svim mrežama"}
    assert followers.text == {"sr": "Koliko pratilaca imate?", "en": "How many followers?"}
    accounts = questions["Do you have accounts?"]
    yes = accounts.choices.get(label__en="Yes")
    assert accounts.is_required
    assert accounts.type == QuestionType.SINGLE
    assert list(followers.conditions.values_list("source", "operator", "value")) == [
        (accounts.pk, "equals", yes.pk)
    ]
    networks = questions["Which networks?"]
    assert networks.condition_logic == "all"
    assert sorted(networks.conditions.values_list("operator", flat=True)) == [
        "equals",
        "greater_than",
    ]
    comment = questions["Comment"]
    topics = questions["Which topics?"]
    assert comment.type == QuestionType.LONG_TEXT
    condition = comment.conditions.get()
    assert condition.operator == "any_of"
    assert condition.value == list(
        topics.choices.filter(label__en__in=["Video", "Crisis communication"]).values_list(
            "pk", flat=True
        )
    )
    assert questions["Extra topics"].allows_other
    assert questions["How confident?"].type == QuestionType.RATING
    assert questions["Recommend?"].type == QuestionType.NPS
    assert questions["Last training"].conditions.count() == 0
    needs_section = survey.sections.get(title__en="Needs")
    assert needs_section.conditions.get().source == accounts
    assert Condition.objects.filter(source__section__survey=survey).count() == 5


def test_the_forms_own_bound_message_is_shown_to_readers_of_its_language(
    survey_program, survey_organiser
):
    survey = _import(survey_program, survey_organiser).survey
    followers = Question.objects.get(section__survey=survey, text__en="How many followers?")
    assert followers.bound_message == {"sr": "Broj od 0 do milion"}

    with translation.override("sr-latn"), pytest.raises(ValidationError) as serbian:
        answer_clean(followers, {f"q{followers.pk}": "2000000"})
    with translation.override("en"), pytest.raises(ValidationError) as english:
        answer_clean(followers, {f"q{followers.pk}": "2000000"})

    assert serbian.value.messages == ["Broj od 0 do milion"]
    assert english.value.messages == ["Enter a number of at most 1000000."]


def test_without_settings_sheet_the_owner_language_and_file_name_are_used(
    survey_program, survey_organiser
):
    data = workbook_bytes(settings=None)
    result = survey_import_xlsform(
        owner=survey_program,
        actor=survey_organiser,
        file=io.BytesIO(data),
        filename="potrebe-2026.xlsx",
    )
    assert (result.survey.title, result.survey.language) == ("potrebe-2026", "sr")


def test_choice_filter_and_foreign_languages_are_reported(survey_program, survey_organiser):
    header = [*SURVEY_HEADER[:2], "label::Serbian (sr)", "label::French (fr)"]
    rows = [
        ["select_one kind", "kind", "Vrsta", "Type"],
        ["select_one yesno", "yn", "Da li?", "Oui?", *[""] * 0],
    ]
    data = workbook_bytes(rows, NEEDS_CHOICES, survey_header=[*header, "choice_filter"])
    # add a choice filter on the second question
    rows[1] += ["kind = ${kind}"]
    data = workbook_bytes(rows, NEEDS_CHOICES, survey_header=[*header, "choice_filter"])
    result = _import(survey_program, survey_organiser, data)
    assert result.unsupported == [
        "the choice filter of “yn” (all its options are shown)",
        "translations into French (fr) (not a language of surveys here)",
    ]


@pytest.mark.parametrize(
    ("rows", "choices", "kwargs", "message"),
    [
        (None, NEEDS_CHOICES, {}, "Sheet “survey”: The workbook has no “survey” sheet."),
        (
            [["selectone kind", "kind", "Vrsta"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: Unknown type “selectone”.",
        ),
        (
            [["select_one yesno", "a", "A"], ["text", "b", "B", "", "", "", "${a = 'yes'"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 3: The condition “${a = 'yes'” is not a valid expression.",
        ),
        (
            [["select_one yesno", "a", "A"]],
            [*NEEDS_CHOICES, ["yesno", "yes", "Opet da"]],
            {},
            "Sheet “choices”, row 15: The name “yes” is already used in the list “yesno”.",
        ),
        (
            [["text", "meta", "Meta"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: The name “meta” is reserved in XLSForm.",
        ),
        (
            [["select_one missing", "a", "A"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: The list of choices “missing” is not on the “choices” sheet.",
        ),
        (
            [["text", "a", "A"], ["text", "a", "B"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 3: The name “a” is already used in row 2.",
        ),
        (
            [["begin group", "g", "G"], ["text", "a", "A"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: “begin group” is never ended.",
        ),
        (
            [["text", "a", "A", "", "", "", "${nowhere} = 'x'"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: “${nowhere} = 'x'” refers to “nowhere”, which is not in the"
            " form.",
        ),
        (
            [["begin group", "g", "G", "", "", "", "${a} = "], ["text", "a", "A"], ["end group"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: The condition “${a} =” is not a valid expression.",
        ),
        (
            [["integer", "n", "N", "", "", "", "", ". >= 'x"]],
            NEEDS_CHOICES,
            {},
            "Sheet “survey”, row 2: The constraint “. >= 'x” is not a valid expression.",
        ),
    ],
)
def test_malformed_form_is_refused_whole(
    survey_program, survey_organiser, rows, choices, kwargs, message
):
    data = workbook_bytes(rows, choices, **kwargs)
    before = Survey.objects.count()
    with pytest.raises(XLSFormError) as error:
        _import(survey_program, survey_organiser, data)
    assert message in error.value.messages
    assert Survey.objects.count() == before


def test_a_file_that_is_no_workbook_is_refused(survey_program, survey_organiser):
    with pytest.raises(XLSFormError) as error:
        _import(survey_program, survey_organiser, b"PK\x03\x04 not really a zip")
    assert error.value.messages == ["The file is not an Excel workbook (.xlsx)."]


def test_every_problem_is_listed(survey_program, survey_organiser):
    rows = [["foo", "a", "A"], ["text", "", "B"], ["select_one nolist", "c", "C"]]
    with pytest.raises(XLSFormError) as error:
        _import(survey_program, survey_organiser, workbook_bytes(rows))
    assert error.value.messages == [
        "Sheet “survey”, row 2: Unknown type “foo”.",
        "Sheet “survey”, row 3: The row has no name.",
        "Sheet “survey”, row 4: The list of choices “nolist” is not on the “choices” sheet.",
    ]


def test_export_converts_with_pyxform_and_imports_back(survey_program, survey_organiser, tmp_path):
    survey = _import(survey_program, survey_organiser).survey
    path = tmp_path / "export.xlsx"
    path.write_bytes(survey_export_xlsform(survey))

    converted = convert(xlsform=str(path))
    assert "<h:title>Potrebe opština</h:title>" in converted.xform

    again = survey_import_xlsform(
        owner=survey_program, actor=survey_organiser, file=path.open("rb")
    )
    assert (again.question_count, again.section_count) == (11, 3)
    assert again.unsupported == []
    assert again.survey.kind == survey.kind

    def shape(s):
        return [
            (
                q.type,
                q.text,
                q.is_required,
                q.allows_other,
                q.min_value,
                q.max_value,
                q.bound_message,
                [c.label for c in q.choices.all()],
                [(c.operator) for c in q.conditions.all()],
            )
            for q in Question.objects.filter(section__survey=s)
        ]

    assert shape(again.survey) == shape(survey)


def test_import_command_prints_the_summary_and_what_was_not_kept(survey_program, tmp_path, capsys):
    path = tmp_path / "needs.xlsx"
    path.write_bytes(workbook_bytes())
    call_command("survey_import_xlsform", str(path), "--program", survey_program.slug)
    survey = Survey.objects.get()
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"Imported “Potrebe opština” as survey {survey.slug}: 11 questions in 3 sections",
        *(f"unsupported: {item}" for item in EXPECTED_UNSUPPORTED),
    ]


def test_import_command_refuses_a_malformed_form(survey_program, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes([["foo", "a", "A"]]))
    with pytest.raises(CommandError):
        call_command("survey_import_xlsform", str(path), "--program", survey_program.slug)
    assert "Sheet “survey”, row 2: Unknown type “foo”." in capsys.readouterr().err
    assert not Survey.objects.exists()


def test_export_command_writes_a_workbook(survey_program, survey_organiser, tmp_path):
    survey = _import(survey_program, survey_organiser).survey
    path = tmp_path / "out.xlsx"
    call_command("survey_export_xlsform", survey.slug, str(path))
    assert convert(xlsform=str(path)).xform


@pytest.mark.parametrize("key", list(SURVEY_TEMPLATES))
def test_each_template_imports_cleanly_and_converts(
    key, survey_program, survey_organiser, tmp_path
):
    result = survey_template_import(key, owner=survey_program, actor=survey_organiser)
    assert result.unsupported == []
    questions = Question.objects.filter(section__survey=result.survey)
    assert questions.count() == result.question_count >= 5
    for question in questions:
        assert set(question.text) == {"sr", "bs", "hr", "sl", "en"}
    if key == "knowledge-social-media":
        assert result.survey.kind == "knowledge"
        assert all(q.correct_answer and q.points == 1 for q in questions)
    path = tmp_path / "t.xlsx"
    path.write_bytes(survey_export_xlsform(result.survey))
    assert convert(xlsform=str(path)).xform


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_upload_imports_and_lists_what_was_not_kept(organiser_client, survey_program):
    url = f"/en/surveys/of/programme/{survey_program.slug}/import/"
    response = organiser_client.post(url, {"file": _upload("needs.xlsx", workbook_bytes())})
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/surveys/{survey.slug}/edit/")
    page = organiser_client.get(response["Location"]).content.decode()
    assert "11 questions in 3 sections" in page
    assert "repeat “staff”" in page


def test_upload_takes_the_kind_the_organiser_chooses(organiser_client, survey_program):
    """A KoboToolbox form says nothing of what it is for: a needs assessment is chosen."""
    url = f"/en/surveys/of/programme/{survey_program.slug}/import/"
    assert "As the form says" in organiser_client.get(url).content.decode()
    upload = _upload("needs.xlsx", workbook_bytes())

    organiser_client.post(url, {"file": upload, "kind": "knowledge"})

    assert Survey.objects.get().kind == "knowledge"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("needs.csv", b"type,name\n", "Files of this type are not accepted."),
        ("needs.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024), "The file is too large"),
        (
            "needs.xlsx",
            workbook_bytes([["foo", "a", "A"]]),
            "Sheet “survey”, row 2: Unknown type “foo”.",
        ),
    ],
)
def test_upload_refused_shows_the_error_beside_the_field(
    organiser_client, survey_program, name, content, message
):
    url = f"/en/surveys/of/programme/{survey_program.slug}/import/"
    response = organiser_client.post(url, {"file": _upload(name, content)})
    assert response.status_code == 400
    assert 'id="id_file_error"' in response.content.decode()
    assert message in response.content.decode()
    assert not Survey.objects.exists()


def test_upload_error_is_translated(organiser_client, survey_program):
    url = f"/sl/surveys/of/programme/{survey_program.slug}/import/"
    response = organiser_client.post(
        url, {"file": _upload("needs.xlsx", workbook_bytes([["foo", "a", "A"]]))}
    )
    assert "Neznana vrsta „foo”." in response.content.decode()


def test_template_button_creates_a_survey(organiser_client, survey_program):
    url = f"/en/surveys/of/programme/{survey_program.slug}/templates/event-questionnaire/"
    response = organiser_client.post(url)
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert (survey.kind, survey.language) == ("feedback", survey_program.content_language)


def test_results_page_links_the_xlsform_download(
    organiser_client, survey_program, survey_organiser
):
    survey = _import(survey_program, survey_organiser).survey
    page = organiser_client.get(f"/en/surveys/{survey.slug}/results/").content.decode()
    assert f"/surveys/{survey.slug}/results/xlsform.xlsx" in page
    with CaptureQueriesContext(connection) as queries:
        response = organiser_client.get(f"/en/surveys/{survey.slug}/results/xlsform.xlsx")
    # session, user, permissions, the survey, its plan (five), the audit entry
    assert len(queries) <= 14
    assert response.status_code == 200
    assert response.content.startswith(b"PK")

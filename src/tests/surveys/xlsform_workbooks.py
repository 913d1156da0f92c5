"""Workbooks for the XLSForm tests, built with openpyxl as KoboToolbox users write them."""

import io

from openpyxl import Workbook

SURVEY_HEADER = [
    "type",
    "name",
    "label::Serbian (sr)",
    "label::English (en)",
    "hint::Serbian (sr)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Serbian (sr)",
    "appearance",
    "parameters",
    "choice_filter",
    "media::image",
]
NEEDS_SURVEY = [
    ["start", "start"],
    ["end", "end"],
    ["begin group", "about", "O vama", "About you"],
    ["select_one kind", "institution_kind", "Vrsta institucije", "Kind of institution", "", "yes"],
    [
        "select_one end_yesno",
        "has_accounts",
        "Da li imate naloge na mrežama?",
        "Do you have accounts?",
        "",
        "yes",
    ],
    [
        "integer",
        "followers",
        "Koliko pratilaca imate?",
        "How many followers?",
        "Ukupno na svim mrežama",
        "",
        "${has_accounts} = 'yes'",
        ". >= 0 and . <= 1000000",
        "Broj od 0 do milion",
    ],
    [
        "select_multiple network",
        "networks",
        "Koje mreže koristite?",
        "Which networks?",
        "",
        "",
        "${has_accounts} = 'yes' and ${followers} > 100",
    ],
    ["note", "thanks_note", "Hvala!", "Thanks!"],
    ["end group"],
    ["begin group", "needs", "Potrebe", "Needs", "", "", "${has_accounts} = 'yes'"],
    [
        "select_multiple topic",
        "topics",
        "Koje teme su vam potrebne?",
        "Which topics?",
        "",
        "yes",
        "",
        "",
        "",
        "",
        "",
        "",
        "pic.png",
    ],
    ["select_multiple topic or_other", "topics_extra", "Dodatne teme", "Extra topics"],
    [
        "range",
        "confidence",
        "Koliko ste sigurni?",
        "How confident?",
        "",
        "",
        "",
        "",
        "",
        "",
        "start=1 end=5 step=1",
    ],
    [
        "range",
        "recommend",
        "Preporuka?",
        "Recommend?",
        "",
        "",
        "",
        "",
        "",
        "",
        "start=0 end=10 step=1",
    ],
    [
        "text",
        "comment",
        "Komentar",
        "Comment",
        "",
        "",
        "selected(${topics}, 'video') or selected(${topics}, 'crisis')",
        "",
        "",
        "multiline",
    ],
    ["calculate", "score", "", "", "", "", "", "", "", "", "", "", ""],
    [
        "date",
        "last_training",
        "Poslednja obuka",
        "Last training",
        "",
        "",
        "not(${has_accounts} = 'no')",
    ],
    ["end_group"],
    ["begin_repeat", "staff", "Zaposleni", "Staff"],
    ["text", "staff_name", "Ime", "Name"],
    ["end repeat"],
]
CHOICES_HEADER = ["list_name", "name", "label::Serbian (sr)", "label::English (en)", "filter"]
NEEDS_CHOICES = [
    ["kind", "municipality", "Opština", "Municipality"],
    ["kind", "ministry", "Ministarstvo", "Ministry"],
    ["kind", "agency", "Agencija", "Agency"],
    ["end_yesno", "yes", "Da", "Yes"],
    ["end_yesno", "no", "Ne", "No"],
    ["yesno", "yes", "Da", "Yes"],
    ["yesno", "no", "Ne", "No"],
    ["network", "facebook", "Facebook", "Facebook"],
    ["network", "instagram", "Instagram", "Instagram"],
    ["network", "tiktok", "TikTok", "TikTok"],
    ["topic", "video", "Video", "Video"],
    ["topic", "crisis", "Krizna komunikacija", "Crisis communication"],
    ["topic", "analytics", "Analitika", "Analytics"],
]


def workbook_bytes(
    survey_rows=NEEDS_SURVEY,
    choices_rows=NEEDS_CHOICES,
    *,
    survey_header=SURVEY_HEADER,
    choices_header=CHOICES_HEADER,
    settings=(
        ("form_title", "form_id", "default_language"),
        ("Potrebe opština", "needs_2026", "Serbian (sr)"),
    ),
    extra_sheet=True,
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if survey_rows is not None:
        sheet.title = "survey"
        sheet.append(list(survey_header))
        for row in survey_rows:
            sheet.append(list(row))
    else:
        sheet.title = "notes"
    if choices_rows is not None:
        choices = workbook.create_sheet("choices")
        choices.append(list(choices_header))
        for row in choices_rows:
            choices.append(list(row))
    if settings:
        settings_sheet = workbook.create_sheet("settings")
        for row in settings:
            settings_sheet.append(list(row))
    if extra_sheet:
        workbook.create_sheet("instructions").append(["Fill in the survey sheet."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""XLSForm interop (the spreadsheet format of KoboToolbox and ODK): reading a workbook into a
survey, all or nothing, and writing a survey back as a workbook pyxform converts.

Reading keeps what our surveys can hold: top-level groups become sections (pages), questions
outside groups a section of their own; `relevant` becomes conditions when it is a chain of
`${q} = 'a'`, `selected(${q}, 'a')`, `${q} > n` joined by one of `and`/`or`; a number's
`constraint` becomes its bounds when it is `. >= n and . <= m`; `label::Language (code)`
columns become the texts per language. What cannot be kept is listed
(`XLSFormImport.unsupported`); a malformed form raises `XLSFormError` with every problem and
its sheet and row.
"""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.languages import ContentLanguage, language_of
from glasnik.core.transliteration.alphabet import to_latin

from .answers import NPS_MAX
from .models import (
    CHOICE_TYPES,
    Choice,
    Condition,
    ConditionLogic,
    ConditionOperator,
    Question,
    QuestionType,
    Section,
    Survey,
    SurveyKind,
)
from .services import builder

LANGUAGE_NAMES = {
    "sr": "Serbian",
    "bs": "Bosnian",
    "cnr": "Montenegrin",
    "hr": "Croatian",
    "sl": "Slovenian",
    "mk": "Macedonian",
    "en": "English",
}
_NAME_CODES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()} | {
    "srpski": "sr",
    "bosanski": "bs",
    "crnogorski": "cnr",
    "hrvatski": "hr",
    "slovenščina": "sl",
    "slovenski": "sl",
    "makedonski": "mk",
}
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-geopoint",
}
# Known XLSForm question types our surveys have no counterpart for.
UNKEPT_TYPES = {
    "geopoint",
    "geotrace",
    "geoshape",
    "time",
    "datetime",
    "barcode",
    "acknowledge",
    "trigger",
    "hidden",
    "xml-external",
    "csv-external",
    "background-audio",
    "select_one_from_file",
    "select_multiple_from_file",
}
FILE_TYPES = {"file", "image", "audio", "video"}
RESERVED_NAMES = {"meta", "instanceid", "instancename"}
NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
TRUE_VALUES = {"yes", "true", "true()", "1", "y"}
FALSE_VALUES = {"", "no", "false", "false()", "0", "n"}
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message
        if self.row is None:
            return _("Sheet “%(sheet)s”: %(message)s") % {
                "sheet": self.sheet,
                "message": self.message,
            }
        return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "message": self.message,
        }


class XLSFormError(Exception):
    """A malformed form: nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))

    @property
    def messages(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class _UnsupportedError(Exception):
    pass


@dataclass
class _Question:
    row: int
    name: str
    type: str
    text: dict
    help: dict = field(default_factory=dict)
    is_required: bool = False
    allows_other: bool = False
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    bound_message: dict = field(default_factory=dict)
    choices: list = field(default_factory=list)  # [(name, label map)]
    relevant: str = ""
    constraint: str = ""
    conditions: list = field(default_factory=list)
    logic: str = ConditionLogic.ALL


@dataclass
class _Section:
    row: int | None
    name: str
    title: dict = field(default_factory=dict)
    relevant: str = ""
    questions: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    logic: str = ConditionLogic.ALL


@dataclass
class XLSFormImport:
    survey: Survey
    question_count: int
    section_count: int
    unsupported: list[str]


@dataclass
class ParsedForm:
    title: str
    language: str
    kind: str
    sections: list
    unsupported: list[str]

    @property
    def question_count(self) -> int:
        return sum(len(section.questions) for section in self.sections)


# Expressions -----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<refname>[^}\s]*)\})
      | '(?P<str1>[^']*)' | "(?P<str2>[^"]*)"
      | (?P<num>-?\d+(?:\.\d+)?)
      | (?P<op>>=|<=|!=|=|>|<)
      | (?P<punct>[(),])
      | (?P<name>[A-Za-z_][A-Za-z0-9_:-]*)
      | (?P<dot>\.\.?)
      | (?P<arith>[-+*|/])
    )""",
    re.VERBOSE,
)


def _tokens(expression: str) -> list[tuple[str, str]]:
    """The expression's tokens; `ValueError` when it is broken (an unclosed quote or
    `${`, unbalanced brackets, a character that belongs nowhere)."""
    tokens, position, depth = [], 0, 0
    text = expression.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ValueError(text[position:].strip()[:20])
        position = match.end()
        kind = match.lastgroup
        if kind == "refname":
            kind = "ref"
        if kind in ("str1", "str2"):
            tokens.append(("str", match.group(kind)))
        elif kind == "ref":
            if not NAME_PATTERN.match(match.group("refname") or ""):
                raise ValueError(match.group("ref"))
            tokens.append(("ref", match.group("refname")))
        else:
            value = match.group(kind)
            if value == "(":
                depth += 1
            elif value == ")":
                depth -= 1
                if depth < 0:
                    raise ValueError(")")
            tokens.append((kind, value))
    if depth:
        raise ValueError("(")
    dangling = {"op", "arith"}
    for before, after in zip(tokens, [*tokens[1:], (None, None)], strict=True):
        ends = after[0] is None or after == ("punct", ")")
        if (before[0] in dangling or before in (("name", "and"), ("name", "or"))) and (
            ends or after[0] in dangling
        ):
            raise ValueError(before[1])
    return tokens


class _ConditionParser:
    """`relevant` as [(source name, operator, value)] and a logic, or `_UnsupportedError`."""

    def __init__(self, tokens):
        self.tokens, self.index = tokens, 0

    def peek(self, offset: int = 0):
        index = self.index + offset
        return self.tokens[index] if index < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        token = self.peek()
        if (kind and token[0] != kind) or (value and token[1] != value):
            raise _UnsupportedError
        self.index += 1
        return token

    def parse(self):
        node = self.chain()
        if self.index != len(self.tokens):
            raise _UnsupportedError
        return node

    def chain(self):
        """("group", "and" | "or" | None, [comparisons and groups])."""
        logic, children = None, [self.term()]
        while self.peek()[0] == "name" and self.peek()[1] in ("and", "or"):
            joiner = self.take()[1]
            if logic and joiner != logic:
                raise _UnsupportedError
            logic = joiner
            children.append(self.term())
        return ("group", logic, children)

    def term(self):
        if self.peek() == ("punct", "("):
            self.take()
            node = self.chain()
            self.take("punct", ")")
            return node
        if self.peek() == ("name", "selected"):
            self.take()
            self.take("punct", "(")
            source = self.take("ref")[1]
            self.take("punct", ",")
            kind, value = self.take()
            if kind not in ("str", "num"):
                raise _UnsupportedError
            self.take("punct", ")")
            return (source, "selected", value)
        if self.peek()[0] == "ref":
            source = self.take()[1]
            op = self.take("op")[1]
            kind, value = self.take()
            if kind not in ("str", "num"):
                raise _UnsupportedError
            if op == "=":
                return (source, "equals", value)
            if op == ">" and kind == "num":
                return (source, "greater_than", value)
            raise _UnsupportedError
        if self.peek()[0] == "num" and self.peek(1) == ("op", "<") and self.peek(2)[0] == "ref":
            value = self.take()[1]
            self.take()
            return (self.take()[1], "greater_than", value)
        raise _UnsupportedError


def _bounds(expression: str):
    """A number's bounds from `. >= n and . <= m` (either alone), or `_UnsupportedError`."""
    tokens = _tokens(expression)
    low = high = None
    parts = [[]]
    for token in tokens:
        if token == ("name", "and"):
            parts.append([])
        else:
            parts[-1].append(token)
    for part in parts:
        if len(part) != 3:
            raise _UnsupportedError
        if part[0][0] == "dot" and part[1][0] == "op" and part[2][0] == "num":
            op, number = part[1][1], Decimal(part[2][1])
        elif part[2][0] == "dot" and part[1][0] == "op" and part[0][0] == "num":
            flipped = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
            op, number = flipped.get(part[1][1], part[1][1]), Decimal(part[0][1])
        else:
            raise _UnsupportedError
        if op == ">=":
            low = number
        elif op == "<=":
            high = number
        else:
            raise _UnsupportedError
    return low, high


# Reading ---------------------------------------------------------------------------------


def _language_code(label: str) -> str | None:
    label = label.strip()
    match = re.search(r"\(([A-Za-z-]+)\)\s*$", label)
    if match:
        code = match.group(1).lower().split("-")[0]
        return code if code in ContentLanguage.values else None
    lowered = label.lower()
    if lowered in ContentLanguage.values:
        return lowered
    return _NAME_CODES.get(lowered)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sheet_rows(sheet):
    """(row number, {column: value}) of a sheet whose first row names its columns."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return [], []
    columns = [_cell(value) for value in header]
    result = []
    for number, values in enumerate(rows, start=2):
        record = {
            column: _cell(value)
            for column, value in zip(columns, values, strict=False)
            if column and _cell(value)
        }
        if record:
            result.append((number, record))
    return columns, result


_TEXT_COLUMN = re.compile(r"^(label|hint|constraint_message|required_message)(?:\s*::\s*(.+))?$")


class _Reader:
    def __init__(self, workbook, *, default_language: str, filename: str):
        self.workbook = workbook
        self.problems: list[Problem] = []
        self.unsupported: list[str] = []
        self.default_language = default_language
        self.filename = filename
        self.foreign_languages: set[str] = set()

    def problem(self, sheet, row, message):
        self.problems.append(Problem(sheet, row, message))

    def unkept(self, message: str):
        if message not in self.unsupported:
            self.unsupported.append(message)

    def sheet(self, name: str):
        for sheet in self.workbook.worksheets:
            if sheet.title.strip().lower() == name:
                return sheet
        return None

    def texts(self, record: dict, base: str) -> dict:
        texts = {}
        for column, value in record.items():
            match = _TEXT_COLUMN.match(column.strip())
            if not match or match.group(1) != base:
                continue
            if match.group(2) is None:
                texts.setdefault(self.language, value)
                continue
            code = _language_code(match.group(2))
            if code is None:
                self.foreign_languages.add(match.group(2).strip())
                continue
            texts[code] = value
        return texts

    def read(self) -> ParsedForm:
        settings = self.settings()
        survey_sheet = self.sheet("survey")
        if survey_sheet is None:
            self.problem("survey", None, _("The workbook has no “survey” sheet."))
            raise XLSFormError(self.problems)
        columns, rows = _sheet_rows(survey_sheet)
        lowered = [column.strip().lower() for column in columns]
        if "type" not in lowered:
            self.problem("survey", 1, _("The sheet has no “type” column."))
        self.language = settings.get("language") or self._column_language(columns)
        self.choices = self.read_choices()
        sections = self.read_survey(rows) if "type" in lowered else []
        self.references_check(sections)
        if not self.problems and not any(section.questions for section in sections):
            self.problem("survey", None, _("The form has no questions."))
        if self.foreign_languages:
            self.unkept(
                _("translations into %(languages)s (not a language of surveys here)")
                % {"languages": ", ".join(sorted(self.foreign_languages))}
            )
        if self.problems:
            raise XLSFormError(self.problems)
        self.resolve_conditions(sections)
        title = settings.get("form_title") or settings.get("form_id") or self.filename
        return ParsedForm(
            title=title[:200] or "XLSForm",
            language=self.language,
            kind=settings.get("kind") or SurveyKind.GENERAL,
            sections=[section for section in sections if section.questions],
            unsupported=self.unsupported,
        )

    def _column_language(self, columns) -> str:
        codes = []
        for column in columns:
            match = _TEXT_COLUMN.match(column.strip())
            if match and match.group(1) == "label":
                if match.group(2) is None:
                    return self.default_language
                code = _language_code(match.group(2))
                if code:
                    codes.append(code)
        if self.default_language in codes or not codes:
            return self.default_language
        return codes[0]

    def settings(self) -> dict:
        sheet = self.sheet("settings")
        if sheet is None:
            return {}
        _columns, rows = _sheet_rows(sheet)
        if not rows:
            return {}
        record = {column.strip().lower(): value for column, value in rows[0][1].items()}
        result = {"form_title": record.get("form_title", ""), "form_id": record.get("form_id", "")}
        if record.get("default_language"):
            code = _language_code(record["default_language"])
            if code:
                result["language"] = code
            else:
                self.foreign_languages.add(record["default_language"])
        if record.get("glasnik_kind") in SurveyKind.values:
            result["kind"] = record["glasnik_kind"]
        return result

    def read_choices(self) -> dict:
        lists: dict[str, list] = {}
        sheet = self.sheet("choices")
        if sheet is None:
            return lists
        _columns, rows = _sheet_rows(sheet)
        seen = set()
        for number, record in rows:
            record = {key.strip(): value for key, value in record.items()}
            list_name = record.get("list_name") or record.get("list name") or ""
            name = record.get("name", "")
            if not list_name:
                self.problem("choices", number, _("The choice has no list name."))
                continue
            if not name:
                self.problem("choices", number, _("The choice has no name."))
                continue
            if (list_name, name) in seen:
                self.problem(
                    "choices",
                    number,
                    _("The name “%(name)s” is already used in the list “%(list)s”.")
                    % {"name": name, "list": list_name},
                )
                continue
            seen.add((list_name, name))
            label = self.texts(record, "label")
            if not label.get(self.language):
                label.setdefault(self.language, name)
            lists.setdefault(list_name, []).append((name, label))
        return lists

    def read_survey(self, rows) -> list[_Section]:
        sections: list[_Section] = []
        stack: list[tuple[str, int, str]] = []  # (group or repeat, row, name)
        names: dict[str, int] = {}
        loose = None
        self.questions: dict[str, _Question] = {}
        for number, record in rows:
            record = {key.strip(): value for key, value in record.items()}
            record = {
                (key.lower() if not _TEXT_COLUMN.match(key) else key): value
                for key, value in record.items()
            }
            raw_type = record.get("type", "")
            if not raw_type:
                if record.get("name") or any(_TEXT_COLUMN.match(key) for key in record):
                    self.problem("survey", number, _("The row has no type."))
                continue
            parts = re.sub(r"^(begin|end)_", r"\1 ", raw_type.strip(), flags=re.IGNORECASE).split()
            kind = parts[0].lower()
            name = record.get("name", "")
            if kind == "end" and len(parts) > 1:
                expected = parts[1].lower() if len(parts) > 1 else ""
                if not stack or stack[-1][0] != expected:
                    self.problem(
                        "survey",
                        number,
                        _("“%(type)s” without a matching begin.") % {"type": raw_type},
                    )
                else:
                    stack.pop()
                continue
            if name:
                if not NAME_PATTERN.match(name):
                    self.problem(
                        "survey",
                        number,
                        _("The name “%(name)s” may hold only letters, digits, _ - and .")
                        % {"name": name},
                    )
                elif name.lower() in RESERVED_NAMES:
                    self.problem(
                        "survey",
                        number,
                        _("The name “%(name)s” is reserved in XLSForm.") % {"name": name},
                    )
                elif name in names:
                    self.problem(
                        "survey",
                        number,
                        _("The name “%(name)s” is already used in row %(row)s.")
                        % {"name": name, "row": names[name]},
                    )
                else:
                    names[name] = number
            elif kind not in METADATA_TYPES:
                self.problem("survey", number, _("The row has no name."))
                continue
            if kind == "begin":
                what = parts[1].lower() if len(parts) > 1 else ""
                if what not in ("group", "repeat"):
                    self.problem(
                        "survey", number, _("Unknown type “%(type)s”.") % {"type": raw_type}
                    )
                    continue
                if what == "repeat":
                    self.unkept(
                        _("repeat “%(name)s” (its questions are asked once)") % {"name": name}
                    )
                if not stack:
                    loose = None
                    sections.append(
                        _Section(
                            row=number,
                            name=name,
                            title=self.texts(record, "label"),
                            relevant=record.get("relevant", ""),
                        )
                    )
                elif record.get("relevant"):
                    self.unkept(_("the condition of the inner group “%(name)s”") % {"name": name})
                stack.append((what, number, name))
                continue
            if kind in METADATA_TYPES:
                continue
            if kind in ("note", "calculate"):
                self.unkept(
                    (
                        _("note “%(name)s” (text between questions)")
                        if kind == "note"
                        else _("calculation “%(name)s”")
                    )
                    % {"name": name}
                )
                continue
            if kind in UNKEPT_TYPES:
                self.unkept(
                    _("question “%(name)s” of type %(type)s") % {"name": name, "type": kind}
                )
                continue
            question = self.read_question(number, record, parts, name)
            if question is None:
                continue
            if stack:
                target = sections[-1]
            else:
                if loose is None:
                    loose = _Section(row=None, name="")
                    sections.append(loose)
                target = loose
            target.questions.append(question)
            self.questions[name] = question
        for what, number, _name in stack:
            self.problem("survey", number, _("“begin %(what)s” is never ended.") % {"what": what})
        self.names = names
        return sections

    def references_check(self, sections) -> None:
        """Every `${name}` in a condition or constraint names a row of the form."""
        names = getattr(self, "names", {})
        items = [(section.row, section.relevant) for section in sections if section.row]
        items += [
            (question.row, expression)
            for section in sections
            for question in section.questions
            for expression in (question.relevant, question.constraint)
        ]
        for row, expression in items:
            if not expression:
                continue
            try:
                tokens = _tokens(expression)
            except ValueError:
                self.problem(
                    "survey",
                    row,
                    _("The condition “%(expression)s” is not a valid expression.")
                    % {"expression": expression},
                )
                continue
            for kind, value in tokens:
                if kind == "ref" and value not in names:
                    self.problem(
                        "survey",
                        row,
                        _("“%(expression)s” refers to “%(name)s”, which is not in the form.")
                        % {"expression": expression, "name": value},
                    )

    def read_question(self, number, record, parts, name) -> _Question | None:
        kind = parts[0].lower()
        aliases = {"select": None, "select_all_that_apply": "select_multiple"}
        if kind == "select" and len(parts) > 1:
            kind = "select_one" if parts[1] == "one" else "select_multiple"
            parts = [kind, *parts[2:]]
        kind = aliases.get(kind, kind) or kind
        text = self.texts(record, "label")
        question = _Question(
            row=number,
            name=name,
            type="",
            text=text,
            help=self.texts(record, "hint"),
            relevant=record.get("relevant", ""),
            constraint=record.get("constraint", ""),
        )
        required = record.get("required", "").lower()
        if required in TRUE_VALUES:
            question.is_required = True
        elif required not in FALSE_VALUES:
            self.unkept(_("the required-when expression of “%(name)s”") % {"name": name})
        if record.get("required_message") or any(
            key.startswith("required_message::") for key in record
        ):
            self.unkept(_("messages for missing required answers (ours are used)"))
        appearance = record.get("appearance", "").lower()
        constraint = record.get("constraint", "")
        if kind in ("select_one", "select_multiple", "rank"):
            if len(parts) < 2:
                self.problem(
                    "survey", number, _("“%(type)s” needs a list of choices.") % {"type": kind}
                )
                return None
            list_name = parts[1]
            other = len(parts) > 2 and parts[2].lower() == "or_other"
            if list_name not in self.choices:
                self.problem(
                    "survey",
                    number,
                    _("The list of choices “%(list)s” is not on the “choices” sheet.")
                    % {"list": list_name},
                )
                return None
            question.choices = list(self.choices[list_name])
            question.type = {
                "select_one": QuestionType.SINGLE,
                "select_multiple": QuestionType.MULTIPLE,
                "rank": QuestionType.RANKING,
            }[kind]
            if other:
                if kind == "select_multiple":
                    question.allows_other = True
                else:
                    self.unkept(_("“or other” of the single choice “%(name)s”") % {"name": name})
            if record.get("choice_filter"):
                self.unkept(
                    _("the choice filter of “%(name)s” (all its options are shown)")
                    % {"name": name}
                )
            if len(question.choices) < 2:
                self.problem("survey", number, _("A choice question needs at least two options."))
                return None
        elif kind in ("integer", "decimal"):
            question.type = QuestionType.NUMBER
        elif kind == "range":
            question.type = self.read_range(number, record, question)
        elif kind == "text":
            question.type = (
                QuestionType.LONG_TEXT if "multiline" in appearance else QuestionType.SHORT_TEXT
            )
        elif kind == "date":
            question.type = QuestionType.DATE
        elif kind in FILE_TYPES:
            question.type = QuestionType.FILE
        else:
            self.problem("survey", number, _("Unknown type “%(type)s”.") % {"type": parts[0]})
            return None
        if not question.text.get(self.language):
            if question.text:
                self.problem(
                    "survey",
                    number,
                    _("The question has no label in the default language (%(language)s).")
                    % {"language": self.language},
                )
            else:
                self.problem("survey", number, _("The question has no label."))
            return None
        if constraint:
            try:
                _tokens(constraint)
            except ValueError:
                self.problem(
                    "survey",
                    number,
                    _("The constraint “%(expression)s” is not a valid expression.")
                    % {"expression": constraint},
                )
                return None
            try:
                if question.type != QuestionType.NUMBER:
                    raise _UnsupportedError
                question.min_value, question.max_value = _bounds(constraint)
                if (
                    question.min_value is not None
                    and question.max_value is not None
                    and question.min_value >= question.max_value
                ):
                    raise _UnsupportedError
            except _UnsupportedError:
                self.unkept(
                    _("the constraint of “%(name)s”: %(expression)s")
                    % {"name": name, "expression": constraint}
                )
            else:
                question.bound_message = self.texts(record, "constraint_message")
        if question.relevant:
            try:
                _tokens(question.relevant)
            except ValueError:
                self.problem(
                    "survey",
                    number,
                    _("The condition “%(expression)s” is not a valid expression.")
                    % {"expression": question.relevant},
                )
                return None
        return question

    def read_range(self, number, record, question) -> str:
        parameters = {}
        for item in re.split(r"[\s;,]+", record.get("parameters", "")):
            if "=" in item:
                key, _sep, value = item.partition("=")
                parameters[key.strip().lower()] = value.strip()
        try:
            start = Decimal(parameters.get("start", "1"))
            end = Decimal(parameters.get("end", "10"))
            step = Decimal(parameters.get("step", "1"))
        except InvalidOperation:
            self.problem("survey", number, _("The range's start, end and step must be numbers."))
            return QuestionType.NUMBER
        if start == 0 and end == NPS_MAX and step == 1:
            return QuestionType.NPS
        if start == 1 and step == 1 and 2 <= end <= 10:
            question.min_value, question.max_value = Decimal(1), end
            return QuestionType.RATING
        if step != 1:
            self.unkept(_("the step of the range “%(name)s”") % {"name": question.name})
        question.min_value, question.max_value = min(start, end), max(start, end)
        return QuestionType.NUMBER

    def resolve_conditions(self, sections):
        order = {}
        for section in sections:
            for question in section.questions:
                order[question.name] = len(order)
        for section in sections:
            first = order[section.questions[0].name] if section.questions else len(order)
            if section.relevant:
                section.conditions, section.logic = self.conditions(
                    section.relevant, section.name, before=first
                )
            for question in section.questions:
                if question.relevant:
                    question.conditions, question.logic = self.conditions(
                        question.relevant, question.name, before=order[question.name]
                    )

    def conditions(self, expression: str, name: str, *, before: int):
        """[(source, operator, value)] and a logic, or none and the expression reported."""
        order = list(self.questions)
        try:
            logic, result = self.flattened(
                _ConditionParser(_tokens(expression)).parse(), order, before
            )
            result = self.merged(result, logic)
            logic = ConditionLogic.ANY if logic == "or" and len(result) > 1 else ConditionLogic.ALL
            return result, logic
        except (_UnsupportedError, ValueError, InvalidOperation):
            self.unkept(
                _("the condition of “%(name)s”: %(expression)s")
                % {"name": name, "expression": expression}
            )
            return [], ConditionLogic.ALL

    def flattened(self, node, order, before):
        """A parsed expression as one logic and its conditions; nested groups only where
        they join with the same word or collapse into one "any of"."""
        if node[0] != "group":
            return None, [self.resolved(node, order, before)]
        _kind, logic, children = node
        items = []
        for child in children:
            child_logic, child_items = self.flattened(child, order, before)
            child_items = self.merged(child_items, child_logic)
            if len(child_items) > 1 and len(children) > 1 and child_logic != logic:
                raise _UnsupportedError
            if len(children) == 1:
                logic = child_logic
            items += child_items
        return logic, items

    def resolved(self, leaf, order, before):
        source_name, operator, value = leaf
        source = self.questions.get(source_name)
        if source is None or order.index(source_name) >= before:
            raise _UnsupportedError
        if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            names = [choice for choice, _label in source.choices]
            if operator == "greater_than" or value not in names:
                raise _UnsupportedError
            if operator == "selected":
                operator = "equals" if source.type == QuestionType.SINGLE else "any_of"
            return (source, operator, [value])
        if source.type in (QuestionType.NUMBER, QuestionType.RATING, QuestionType.NPS):
            if operator == "selected":
                raise _UnsupportedError
            Decimal(value)
            return (source, operator, value)
        if source.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            if operator != "equals":
                raise _UnsupportedError
            return (source, operator, value)
        raise _UnsupportedError

    @staticmethod
    def merged(items, logic):
        """Under `or`, the choices of one question looked for become one "any of"."""
        if logic != "or":
            return items
        merged: dict = {}
        rest = []
        for source, operator, value in items:
            if isinstance(value, list):
                merged.setdefault(source.name, (source, []))[1].extend(value)
            else:
                rest.append((source, operator, value))
        result = []
        for source, values in merged.values():
            if len(values) == 1:
                operator = "equals" if source.type == QuestionType.SINGLE else "any_of"
            else:
                operator = "any_of"
            result.append((source, operator, values))
        return result + rest


def xlsform_read(file, *, default_language: str, filename: str = "") -> ParsedForm:
    """The form in `file` (a path or a binary file) as sections and questions, or
    `XLSFormError` with every problem found."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise XLSFormError(
            [Problem("", None, _("The file is not an Excel workbook (.xlsx)."))]
        ) from error
    try:
        return _Reader(workbook, default_language=default_language, filename=filename).read()
    finally:
        workbook.close()


# Writing the survey ----------------------------------------------------------------------


@transaction.atomic
def survey_import_xlsform(
    *, owner, actor, file, filename: str = "", kind: str | None = None
) -> XLSFormImport:
    """A new draft survey of `owner` from the XLSForm in `file`, of the `kind` given or the one
    the form names; nothing is written when the form is malformed (`XLSFormError`)."""
    from glasnik.programs.models import Program

    permission = (
        "programs.manage_program" if isinstance(owner, Program) else "networks.manage_network"
    )
    if actor is not None and not actor.has_perm(permission, owner):
        raise PermissionDenied
    stem = PurePath(filename).stem if filename else ""
    form = xlsform_read(file, default_language=language_of(owner), filename=stem)
    survey = builder.survey_create(
        owner=owner, actor=actor, kind=kind or form.kind, title=form.title, language=form.language
    )
    first = survey.sections.get()
    created = {}
    for position, parsed in enumerate(form.sections):
        if position == 0:
            section = first
            section.title = parsed.title
            section.condition_logic = parsed.logic
            section.save(update_fields=["title", "condition_logic"])
        else:
            section = Section.objects.create(
                survey=survey, position=position, title=parsed.title, condition_logic=parsed.logic
            )
        parsed.saved = section
        for index, item in enumerate(parsed.questions):
            question = Question.objects.create(
                section=section,
                position=index,
                type=item.type,
                text=item.text,
                help=item.help,
                is_required=item.is_required,
                allows_other=item.allows_other,
                min_value=item.min_value,
                max_value=item.max_value,
                bound_message=item.bound_message,
                condition_logic=item.logic,
            )
            choices = {}
            if item.type in CHOICE_TYPES:
                for number, (name, label) in enumerate(item.choices):
                    choices[name] = Choice.objects.create(
                        question=question, position=number, label=label
                    ).pk
            created[item.name] = (question, choices)
    for parsed in form.sections:
        _conditions_create(parsed.conditions, created, section=parsed.saved)
        for item in parsed.questions:
            _conditions_create(item.conditions, created, question=created[item.name][0])
    builder.conditions_order_check(survey)
    log_action(
        "surveys.survey.imported",
        actor=actor,
        target=survey,
        scope=owner,
        data={"questions": form.question_count, "sections": len(form.sections)},
    )
    return XLSFormImport(
        survey=survey,
        question_count=form.question_count,
        section_count=len(form.sections),
        unsupported=form.unsupported,
    )


def _conditions_create(items, created, *, question=None, section=None) -> None:
    for source, operator, value in items:
        saved, choices = created[source.name]
        if isinstance(value, list):
            ids = [choices[name] for name in value]
            value = ids[0] if operator == ConditionOperator.EQUALS else ids
        else:
            value = str(value)
        Condition.objects.create(
            question=question, section=section, source=saved, operator=operator, value=value
        )


# Export ----------------------------------------------------------------------------------


def _language_column(base: str, code: str) -> str:
    return f"{base}::{LANGUAGE_NAMES.get(code, code)} ({code})"


def _quoted(value) -> str:
    return "'" + str(value).replace("'", "’") + "'"


def survey_export_xlsform(survey: Survey) -> bytes:
    """The survey as an XLSForm workbook (survey, choices and settings sheets)."""
    from openpyxl import Workbook

    from .selectors import survey_plan

    plan = survey_plan(survey)
    languages = [survey.language]
    for section in plan.sections:
        texts_of_questions = [
            texts
            for question in section.question_list
            for texts in (question.text, question.help, question.bound_message)
        ]
        for texts in [section.title, *texts_of_questions]:
            languages += [code for code in texts if code not in languages]
    names, choice_names = {}, {}
    for s_index, section in enumerate(plan.sections, start=1):
        for q_index, question in enumerate(section.question_list, start=1):
            names[question.pk] = f"q{s_index}_{q_index}"
            used = set()
            for c_index, choice in enumerate(question.choice_list, start=1):
                label = choice.label.get(survey.language) or next(iter(choice.label.values()), "")
                base = slugify(to_latin(label)).replace("-", "_")[:30] or f"c{c_index}"
                if not NAME_PATTERN.match(base):
                    base = f"c{c_index}_{base}"
                name = base if base not in used else f"{base}_{c_index}"
                used.add(name)
                choice_names[choice.pk] = name

    def relevant(conditions, logic) -> str:
        parts = []
        for condition in conditions:
            source = plan.questions.get(condition.source_id)
            if source is None:
                continue
            ref = "${" + names[source.pk] + "}"
            value = condition.value
            if condition.operator == ConditionOperator.GREATER_THAN:
                parts.append(f"{ref} > {value}")
                continue
            if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
                ids = value if isinstance(value, list) else [value]
                picks = [choice_names[int(pk)] for pk in ids if int(pk) in choice_names]
                if source.type == QuestionType.MULTIPLE:
                    terms = [f"selected({ref}, {_quoted(name)})" for name in picks]
                else:
                    terms = [f"{ref} = {_quoted(name)}" for name in picks]
            else:
                values = value if isinstance(value, list) else [value]
                numeric = source.type in (
                    QuestionType.NUMBER,
                    QuestionType.RATING,
                    QuestionType.NPS,
                )
                terms = [f"{ref} = {v if numeric else _quoted(v)}" for v in values]
            if not terms:
                continue
            parts.append(terms[0] if len(terms) == 1 else "(" + " or ".join(terms) + ")")
        joiner = " or " if logic == ConditionLogic.ANY else " and "
        return joiner.join(parts)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    text_columns = [
        _language_column(base, code)
        for base in ("label", "hint", "constraint_message")
        for code in languages
    ]
    sheet.append(
        [
            "type",
            "name",
            *text_columns,
            "required",
            "relevant",
            "constraint",
            "appearance",
            "parameters",
        ]
    )
    choices_sheet = workbook.create_sheet("choices")
    choices_sheet.append(
        ["list_name", "name", *[_language_column("label", code) for code in languages]]
    )

    def row(kind, name, label=None, hint=None, bound_message=None, **extra):
        values = [
            texts.get(code, "")
            for texts in (label or {}, hint or {}, bound_message or {})
            for code in languages
        ]
        sheet.append(
            [kind, name, *values]
            + [
                extra.get(key, "")
                for key in ("required", "relevant", "constraint", "appearance", "parameters")
            ]
        )

    def choice_rows(list_name, labels):
        for name, label in labels:
            choices_sheet.append([list_name, name, *[label.get(code, "") for code in languages]])

    for s_index, section in enumerate(plan.sections, start=1):
        title = section.title or {survey.language: str(s_index)}
        row(
            "begin group",
            f"s{s_index}",
            title,
            relevant=relevant(section.condition_list, section.condition_logic),
        )
        for question in section.question_list:
            name = names[question.pk]
            common = {
                "required": "yes" if question.is_required else "",
                "relevant": relevant(question.condition_list, question.condition_logic),
            }
            kind = question.type
            choices = [(choice_names[c.pk], c.label) for c in question.choice_list]
            if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.RANKING):
                xls = {
                    QuestionType.SINGLE: "select_one",
                    QuestionType.MULTIPLE: "select_multiple",
                    QuestionType.RANKING: "rank",
                }[kind]
                other = " or_other" if question.allows_other else ""
                row(f"{xls} {name}{other}", name, question.text, question.help, **common)
                choice_rows(name, choices)
            elif kind == QuestionType.LIKERT:
                from .answers import scale_length

                length = scale_length(question)
                scale = [
                    (
                        str(point),
                        {
                            code: (labels[point - 1] if point <= len(labels) else str(point))
                            for code, labels in (question.scale_labels or {}).items()
                        }
                        or {survey.language: str(point)},
                    )
                    for point in range(1, length + 1)
                ]
                choice_rows(f"{name}_scale", scale)
                row(
                    "begin group",
                    name,
                    question.text,
                    question.help,
                    relevant=common["relevant"],
                    appearance="field-list",
                )
                for r_index, (_choice, label) in enumerate(choices, start=1):
                    row(
                        f"select_one {name}_scale",
                        f"{name}_r{r_index}",
                        label,
                        required=common["required"],
                        appearance="likert",
                    )
                row("end group", "")
            elif kind == QuestionType.RATING:
                from .answers import scale_length

                row(
                    "range",
                    name,
                    question.text,
                    question.help,
                    parameters=f"start=1 end={scale_length(question)} step=1",
                    **common,
                )
            elif kind == QuestionType.NPS:
                row(
                    "range",
                    name,
                    question.text,
                    question.help,
                    parameters=f"start=0 end={NPS_MAX} step=1",
                    **common,
                )
            elif kind == QuestionType.NUMBER:
                bounds = []
                if question.min_value is not None:
                    bounds.append(f". >= {question.min_value.normalize():f}")
                if question.max_value is not None:
                    bounds.append(f". <= {question.max_value.normalize():f}")
                row(
                    "decimal",
                    name,
                    question.text,
                    question.help,
                    constraint=" and ".join(bounds),
                    bound_message=question.bound_message if bounds else None,
                    **common,
                )
            elif kind == QuestionType.LONG_TEXT:
                row("text", name, question.text, question.help, appearance="multiline", **common)
            else:
                xls = {QuestionType.DATE: "date", QuestionType.FILE: "file"}.get(kind, "text")
                row(xls, name, question.text, question.help, **common)
        row("end group", "")
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language", "version", "glasnik_kind"])
    settings.append(
        [
            survey.title,
            survey.slug.replace("-", "_"),
            f"{LANGUAGE_NAMES.get(survey.language, survey.language)} ({survey.language})",
            survey.updated_at.strftime("%Y%m%d%H") if survey.updated_at else "1",
            survey.kind,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

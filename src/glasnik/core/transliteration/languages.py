"""Which text is converted, by the language it is written in.

Serbian, Bosnian and Montenegrin are written in both scripts: their text is shown in the
reader's script. Text in any other language is left as written, with one exception: a reader of
a language written only in Latin (Croatian, Slovenian, English) gets Cyrillic in Latin, because
any Cyrillic in such text is a name or a quotation from a language written in both scripts.
Macedonian, Russian and the like are written only in Cyrillic and are never converted.

Plain text has no `lang` attribute, so a piece of it is marked with its language by
`mark_language` (invisible characters from the Private Use Area, one line at a time) and
`transliterate_marked` converts each piece by its own language and takes the marks out.
"""

import re

from .alphabet import to_latin
from .text import to_cyrillic

BOTH_SCRIPTS = frozenset(["sr", "bs", "cnr", "sh"])
LATIN_ONLY = frozenset(["hr", "sl", "en"])
_OTHER_SCRIPT = {"cyrl": "latn", "latn": "cyrl"}

_START, _TEXT, _END = "\ue000", "\ue001", "\ue002"
_MARKS = re.compile("[\ue000-\ue002]")
_MARKED = re.compile("\ue000([A-Za-z-]{0,20})\ue001([^\ue000-\ue002]*)\ue002")


def converts(lang: str, script: str) -> bool:
    """Whether text in `lang` (a BCP 47 tag; empty: unknown) is shown in `script` ("cyrl" or
    "latn") when the reader's script is that. A tag naming the other script is text written
    on purpose in that script (`sr-Latn` in the language switcher): left alone."""
    if not lang:
        return True
    primary, *subtags = lang.lower().split("-")
    if _OTHER_SCRIPT[script] in subtags:
        return False
    return primary in BOTH_SCRIPTS or (script == "latn" and primary in LATIN_ONLY)


def script_tag(lang: str, script: str) -> str:
    """`lang` with the script it is now written in: "sr" → "sr-Cyrl". Other tags as they are."""
    if lang.lower() in BOTH_SCRIPTS:
        return f"{lang}-{script.capitalize()}"
    return lang


def mark_language(text: str, lang: str) -> str:
    """`text` marked as written in `lang`, each line on its own (so a line break never falls
    inside a mark). Marks already in `text` are taken out first."""
    text = _MARKS.sub("", text)
    return "\n".join(
        f"{_START}{lang}{_TEXT}{line}{_END}" if line else line for line in text.split("\n")
    )


def unmark(text: str) -> str:
    """`text` without language marks, as it is written."""
    return _MARKED.sub(r"\2", text) if _START in text else text


def transliterate_marked(text: str, script: str) -> str:
    """`text` in `script`: unmarked parts converted, marked parts by their own language; the
    marks taken out."""
    convert = to_cyrillic if script == "cyrl" else to_latin
    if _START not in text:
        return convert(text)
    pieces, position = [], 0
    for match in _MARKED.finditer(text):
        pieces.append(convert(_MARKS.sub("", text[position : match.start()])))
        lang, written = match[1], match[2]
        pieces.append(convert(written) if converts(lang, script) else written)
        position = match.end()
    pieces.append(convert(_MARKS.sub("", text[position:])))
    return "".join(pieces)


def marks_to_html(html: str) -> str:
    """Marks in escaped text (an email's HTML made from its text) as `<span lang>` elements."""
    if _START not in html:
        return html
    return _MARKED.sub(r'<span lang="\1">\2</span>', html)

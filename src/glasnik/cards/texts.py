"""What a card says besides the author's texts, in the card's language and the author's
script: the labels drawn on it ("Before", "After"), its date and time, and its alt text.

The author's texts are never converted: a card written in Cyrillic is drawn in Cyrillic, its
labels and alt text too; one written in Latin stays Latin."""

import re
from contextlib import contextmanager
from datetime import date, time

from django.utils import formats, translation
from django.utils.translation import pgettext_lazy

from glasnik.core.transliteration.text import transliterate

from .models import CardTemplate

CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# The languages written in both scripts, and the interface language that speaks each script.
BOTH_SCRIPTS = {"sr": {"cyrl": "sr", "latn": "sr-latn"}, "bs": {"cyrl": "bs-cyrl", "latn": "bs"}}
INFOGRAPHIC = pgettext_lazy("card alt text", "Infographic")
ANNOUNCEMENT = pgettext_lazy("card alt text", "Announcement")
BEFORE = pgettext_lazy("before and after card", "Before")
AFTER = pgettext_lazy("before and after card", "After")


def _strings(data: dict):
    for value in data.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


def written_script(data: dict) -> str:
    """'cyrl' when most of the letters the author wrote are Cyrillic, otherwise 'latn'."""
    text = " ".join(_strings(data))
    cyrillic = len(CYRILLIC_LETTER.findall(text))
    return "cyrl" if cyrillic > len(LATIN_LETTER.findall(text)) else "latn"


class CardWords:
    """Our words on one card: in its language, in the script its author wrote in."""

    def __init__(self, language: str, data: dict):
        self.language = language
        self.script = written_script(data) if language in BOTH_SCRIPTS else "latn"
        self.locale = BOTH_SCRIPTS.get(language, {}).get(self.script, language)

    @contextmanager
    def active(self):
        with translation.override(self.locale):
            yield

    def ours(self, text: str) -> str:
        """One of our words, in the author's script (the Bosnian catalog is in Latin)."""
        if self.script == "cyrl" and not CYRILLIC_LETTER.search(text):
            return transliterate(text, "cyrl")
        return text

    def word(self, text) -> str:
        """`text` (translated lazily) in the card's language."""
        with self.active():
            return self.ours(str(text))

    def day(self, value: str) -> str:
        with self.active():
            return self.ours(formats.date_format(date.fromisoformat(value), "DATE_FORMAT"))

    def hour(self, value: str) -> str:
        with self.active():
            return self.ours(formats.time_format(time.fromisoformat(value), "TIME_FORMAT"))

    def institution(self, organization) -> str:
        if self.script != "cyrl":
            return organization.name
        return organization.name_cyrillic or transliterate(organization.name, "cyrl")


def drawn_texts(template: str, data: dict, words: CardWords) -> dict:
    """Everything drawn on the card, by block: the author's texts and our labels."""
    if template == CardTemplate.BEFORE_AFTER:
        return data | {
            "before_label": words.word(BEFORE),
            "after_label": words.word(AFTER),
        }
    if template == CardTemplate.EVENT:
        when = f"{words.day(data['date'])}, {words.hour(data['time'])}"
        return data | {"when": when}
    return dict(data)


def _clause(text: str) -> str:
    return " ".join(text.split()).rstrip(".;:, ")


def _end(text: str) -> str:
    return text if text.endswith(("!", "?", "…")) else f"{text}."


def alt_text_generate(template: str, data: dict, language: str, organization) -> str:
    """A description of the card for people who do not see it, from its texts."""
    words = CardWords(language, data)
    infographic = words.word(INFOGRAPHIC)
    institution = _end(_clause(words.institution(organization)))
    if template == CardTemplate.NUMBER:
        said = f"{infographic}: {_clause(data['number'])} — {_end(_clause(data['caption']))}"
    elif template == CardTemplate.LIST:
        items = "; ".join(_clause(item) for item in data["items"])
        said = f"{infographic}: {_clause(data['title'])}: {_end(items)}"
    elif template == CardTemplate.BEFORE_AFTER:
        before = words.word(BEFORE)
        after = words.word(AFTER)
        said = (
            f"{infographic}: {_end(_clause(data['title']))} "
            f"{before}: {_end(_clause(data['before']))} {after}: {_end(_clause(data['after']))}"
        )
    else:
        announcement = words.word(ANNOUNCEMENT)
        details = [_clause(data["title"]), words.day(data["date"]).rstrip(".")]
        details += [words.hour(data["time"]), _clause(data["place"])]
        said = f"{announcement}: {_end(', '.join(details))}"
    return f"{said} {institution}"

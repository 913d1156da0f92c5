"""Texts people wrote in a survey, kept per language (`{"sr": "…", "sl": "…"}`): the reader's
language is shown, falling back to the survey's default language, then to any language given."""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Written:
    """A text and the language it is written in (for the `lang` attribute)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def reader_content_language(language: str | None = None) -> str:
    """The content language of an interface language: `sr-latn` reads Serbian, `bs-cyrl`
    Bosnian."""
    return (language or get_language() or "").split("-")[0].lower()


def text_for_reader(texts, default: str, language: str | None = None) -> Written:
    """The text of `texts` (a map by language) for the reader, or in the default language."""
    if not isinstance(texts, dict):
        return Written(str(texts or ""), default)
    wanted = reader_content_language(language)
    for code in (wanted, default):
        if texts.get(code):
            return Written(texts[code], code)
    for code, text in texts.items():
        if text:
            return Written(text, code)
    return Written("", default)


def scale_labels_for_reader(labels, default: str, language: str | None = None) -> list[Written]:
    """A scale's labels (a map by language of lists) for the reader."""
    if not isinstance(labels, dict):
        return []
    wanted = reader_content_language(language)
    for code in (wanted, default, *labels):
        if labels.get(code):
            return [Written(str(label), code) for label in labels[code]]
    return []

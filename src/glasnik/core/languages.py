"""The languages people write in, and the language of what they wrote.

What people write has a language: its owner's by default (a network's, a programme's, an
institution's; an institution's is its country's unless it says otherwise), with an override
on the texts where one is worth having (a call, an event). Each object answers with its
`content_language` property; templates mark the text with it, as
`lang="{{ call.content_language }}"` on the element that holds it or with
`{{ call.title|written_in:call }}` inside other text.
Only text in a language written in both scripts is then shown in the reader's script
(`glasnik.core.reader_script`).
"""

from django import forms
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


class ContentLanguage(models.TextChoices):
    SERBIAN = "sr", _("Serbian")
    BOSNIAN = "bs", _("Bosnian")
    MONTENEGRIN = "cnr", _("Montenegrin")
    CROATIAN = "hr", _("Croatian")
    SLOVENIAN = "sl", _("Slovenian")
    MACEDONIAN = "mk", _("Macedonian")
    ENGLISH = "en", _("English")


# What an institution writes in when it says nothing else, by its country (ISO 3166).
COUNTRY_LANGUAGES = {"RS": "sr", "BA": "bs", "ME": "cnr", "HR": "hr", "SI": "sl", "MK": "mk"}
DEFAULT_CONTENT_LANGUAGE = ContentLanguage.SERBIAN.value


def country_language(country: str) -> str:
    return COUNTRY_LANGUAGES.get(country, DEFAULT_CONTENT_LANGUAGE)


def content_language_field(help_text) -> models.CharField:
    """The field an object's language is kept in; empty means "the owner's" (`help_text` says
    whose)."""
    return models.CharField(
        _("language of its texts"),
        max_length=3,
        choices=ContentLanguage.choices,
        blank=True,
        help_text=help_text,
    )


def language_of(owner) -> str:
    """`owner`'s content language: an object with `content_language`, or a language code."""
    if isinstance(owner, str):
        return owner
    return getattr(owner, "content_language", "") or DEFAULT_CONTENT_LANGUAGE


def written_in_text(text: str, owner) -> str:
    """`text` marked as written in `owner`'s language, for plain text (an email's context):
    converted to the reader's script by that language (see `reader_script`)."""
    from .transliteration.languages import mark_language

    return mark_language(text, language_of(owner))


def written_in_html(text, lang: str) -> SafeString:
    """`text` (escaped unless already safe) in a `<span lang>`: a label or help text that
    people wrote, set inside the interface's text."""
    return format_html('<span lang="{}">{}</span>', lang, text)


class InterfaceLanguageSelect(forms.Select):
    """A choice of interface languages, each named in its own language and script and marked
    so (`lang="sl"`, `lang="sr-Cyrl"`): "Slovenščina" is never transliterated into Cyrillic."""

    def create_option(self, name, value, *args, **kwargs):
        from .context_processors import HTML_LANG

        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = HTML_LANG.get(str(value), str(value))
        return option

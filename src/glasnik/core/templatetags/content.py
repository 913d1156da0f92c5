"""Marking what people wrote with its language (a builtin: no `{% load %}` needed).

    <h1 lang="{{ call.content_language }}">{{ call.title }}</h1>
    {% blocktranslate with t=call.title|written_in:call %}Call: {{ t }}{% endblocktranslate %}

In HTML `written_in` wraps the text in `<span lang="…">`; in plain text (a template or block
with autoescaping off: emails) it marks it invisibly, and the conversion to the reader's script
takes the marks out (`glasnik.core.reader_script.text_in_reader_script`).
"""

from django import template
from django.utils.html import format_html

from glasnik.core.languages import language_of
from glasnik.core.transliteration.languages import mark_language

register = template.Library()


@register.filter(needs_autoescape=True)
def written_in(value, owner, autoescape=True):
    """`value` marked with `owner`'s language (an object with `content_language`, or a code)."""
    if value in (None, ""):
        return ""
    lang = language_of(owner)
    if autoescape:
        return format_html('<span lang="{}">{}</span>', lang, value)
    return mark_language(str(value), lang)

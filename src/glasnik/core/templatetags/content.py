"""Marking what people wrote with its language (a builtin: no `{% load %}` needed).

    <h1 lang="{{ call.content_language }}">{{ call.title }}</h1>
    {% blocktranslate with t=call.title|written_in:call %}Call: {{ t }}{% endblocktranslate %}

In HTML `written_in` wraps the text in `<span lang="…">`; in plain text (a template or block
with autoescaping off: emails) it marks it invisibly, and the conversion to the reader's script
takes the marks out (`glasnik.core.reader_script.text_in_reader_script`).
"""

from django import forms, template
from django.forms.widgets import DateTimeBaseInput
from django.utils.html import format_html
from django.utils.translation import get_language

from glasnik.core.languages import language_of, written_in_html
from glasnik.core.reader_script import reader_script
from glasnik.core.time_zones import place_time, zone_abbreviation
from glasnik.core.transliteration.languages import mark_language

register = template.Library()


@register.filter(needs_autoescape=True)
def written_in(value, owner, autoescape=True):
    """`value` marked with `owner`'s language (an object with `content_language`, or a code)."""
    if value in (None, ""):
        return ""
    lang = language_of(owner)
    if autoescape:
        return written_in_html(value, lang)
    return mark_language(str(value), lang)


@register.filter
def field_written_in(field, owner):
    """A form field people write text in, marked with the language they write it in (an owner's:
    an object with `content_language`, or a code), so that what is being edited is read out in
    its language (WCAG 3.1.2). The value stays as typed: the page conversion leaves inputs' values
    and textareas alone, so saving a form never changes the script of what nobody changed.

        {% include "includes/form_fields.html" with form=form written_in=call %}
    """
    widget = field.field.widget
    writes_text = isinstance(widget, (forms.TextInput, forms.Textarea)) and not isinstance(
        widget, DateTimeBaseInput
    )
    if not owner or not writes_text or isinstance(field.field, forms.SlugField):
        return field
    if "lang" in widget.attrs:
        return field
    return field.as_widget(attrs={"lang": language_of(owner)})


@register.simple_tag(takes_context=True)
def institution_name(context, organization):
    """An institution's name marked with its language; a reader of Cyrillic gets the Cyrillic
    name where one is kept."""
    if organization is None:
        return ""
    name = organization.name
    if organization.name_cyrillic and reader_script(get_language()) == "cyrl":
        name = organization.name_cyrillic
    if not context.autoescape:
        return mark_language(name, organization.content_language)
    return written_in_html(name, organization.content_language)


@register.simple_tag(takes_context=True)
def time_zone(context, zone: str, at=None):
    """A time zone as people say it after a time: "Belgrade time", and with the moment `at`
    "Belgrade time (CET)". The abbreviation is marked `translate="no"`: never transliterated.

        {% time_zone event.time_zone at=event.starts_at %}
        {% time_zone network.time_zone at=call.closes_at as zone %}
        {% blocktranslate %}Open until {{ deadline }} {{ zone }}.{% endblocktranslate %}
    """
    phrase = place_time(zone)
    abbreviation = zone_abbreviation(zone, at) if at else ""
    if not context.autoescape:
        return f"{phrase} ({abbreviation})" if abbreviation else phrase
    if not abbreviation:
        return format_html("{}", phrase)
    return format_html('{} (<span translate="no">{}</span>)', phrase, abbreviation)

"""All email leaves through a background task, rendered in the recipient's language."""

from collections.abc import Iterable

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from .context_processors import HTML_LANG
from .links import public_url
from .outbox import outgoing_email_create
from .reader_script import html_in_reader_script, text_in_reader_script
from .transliteration.languages import marks_to_html


def email_render(
    *, template: str, context: dict, language: str, subject_prefix: str = ""
) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>_message.txt` and `<template>_message.html`.

    A message without an HTML template gets its text wrapped in the HTML layout, so every
    email has both parts. What people wrote is marked with its language in the templates
    (`written_in`) or the context (`mark_language`), so each piece is converted to the
    reader's script by its own language: a Slovenian call's title stays Slovenian.
    """
    with translation.override(language):
        context = {
            **context,
            "site_url": public_url("/").rstrip("/"),
            "LANGUAGE_CODE": language,
            "html_lang": HTML_LANG.get(language, language),
        }
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = subject_prefix + " ".join(subject.splitlines())
        text = render_to_string(f"{template}_message.txt", context)
        try:
            html = render_to_string(f"{template}_message.html", context)
        except TemplateDoesNotExist:
            # urlize escapes the text before it adds links, so the result is safe to embed.
            body = mark_safe(linebreaks(urlize(text.strip(), autoescape=True)))  # noqa: S308
            html = render_to_string("email/base.html", {**context, "fallback_body": body})
    return (
        text_in_reader_script(subject, language),
        text_in_reader_script(text, language),
        html_in_reader_script(marks_to_html(html), language),
    )


def email_send(
    *, to: str, template: str, context: dict, language: str, subject_prefix: str = ""
) -> None:
    subject, text, html = email_render(
        template=template, context=context, language=language, subject_prefix=subject_prefix
    )
    email_queue(to=to, subject=subject, text=text, html=html)


def email_queue(
    *, to: str, subject: str, text: str, html: str = "", attachments: Iterable = ()
) -> None:
    """Store an already rendered message in the outbox (glasnik.core.outbox), which sends it
    once the surrounding transaction commits and tries again while the mail server fails.
    `attachments` are (filename, content bytes, mimetype)."""
    outgoing_email_create(to=to, subject=subject, text=text, html=html, attachments=attachments)

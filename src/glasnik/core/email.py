"""All email leaves through a background task, rendered in the recipient's language."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import email_deliver


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>_message.txt` and `<template>_message.html`."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.splitlines())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    return subject, text, html


def email_send(*, to: str, template: str, context: dict, language: str) -> None:
    subject, text, html = email_render(template=template, context=context, language=language)
    email_queue(to=to, subject=subject, text=text, html=html)


def email_queue(*, to: str, subject: str, text: str, html: str = "") -> None:
    """Queue an already rendered message once the surrounding transaction commits."""
    transaction.on_commit(
        lambda: email_deliver.enqueue(to=to, subject=subject, text=text, html=html)
    )

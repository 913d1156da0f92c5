"""Fixtures for the calls and statements tests: a network with an organiser and calls.

Import them into a test module with `from .fixtures_calls import *` (pytest finds fixtures in
the module's namespace)."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.networks.models import Call, Network, QuestionKind, StatementQuestion
from glasnik.networks.services.calls import statement_submit

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
PDF = b"%PDF-1.4\n%test\n"

__all__ = [
    "PDF",
    "add_questions",
    "call",
    "make_call",
    "make_network",
    "network",
    "organiser",
    "submit",
]


@pytest.fixture
def make_network(make_organization):
    def make(slug: str = "mreza", *, time_zone: str = "Europe/Belgrade", **extra) -> Network:
        association = make_organization(f"Udruženje {slug}", kind="association")
        return Network.objects.create(
            name=f"Mreža {slug}", slug=slug, organization=association, time_zone=time_zone, **extra
        )

    return make


@pytest.fixture
def network(make_network):
    return make_network()


@pytest.fixture
def organiser(make_person, network):
    person = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=network)
    TOTP.activate(person, TOTP_SECRET)  # organisers must have two-factor authentication
    return person


@pytest.fixture
def make_call():
    def make(network: Network, *, opens_in=-1, closes_in=30, **extra) -> Call:
        now = timezone.now()
        fields = {
            "title": "Javni poziv za članstvo",
            "slug": "javni-poziv",
            "text": "Pozivamo komunikatore da se pridruže mreži.",
            "eligibility": "Službenici za odnose s javnošću.",
            "opens_at": now + timedelta(days=opens_in),
            "closes_at": now + timedelta(days=closes_in),
            "is_published": True,
        } | extra
        return Call.objects.create(network=network, **fields)

    return make


def add_questions(call: Call) -> dict[str, StatementQuestion]:
    """One question of each kind; the file question is optional."""
    specs = [
        ("text", QuestionKind.TEXT, {"label": "Odeljenje"}),
        ("long", QuestionKind.LONG_TEXT, {"label": "Šta očekujete od mreže?"}),
        ("choice", QuestionKind.CHOICE, {"label": "Iskustvo", "options": "Početno\nNapredno"}),
        ("yes_no", QuestionKind.YES_NO, {"label": "Vodite li društvene mreže?"}),
        ("file", QuestionKind.FILE, {"label": "Biografija", "is_required": False}),
        (
            "consent",
            QuestionKind.CONSENT,
            {"label": "Saglasnost", "privacy_text": "Podatke obrađuje udruženje."},
        ),
    ]
    return {
        key: StatementQuestion.objects.create(call=call, kind=kind, position=number, **fields)
        for number, (key, kind, fields) in enumerate(specs)
    }


@pytest.fixture
def call(network, make_call):
    call = make_call(network)
    add_questions(call)
    return call


def answers_for(call: Call, **overrides) -> dict:
    by_kind = {
        QuestionKind.TEXT: "Kabinet gradonačelnika",
        QuestionKind.LONG_TEXT: "Razmenu iskustava.",
        QuestionKind.CHOICE: "Početno",
        QuestionKind.YES_NO: "yes",
        QuestionKind.FILE: None,
        QuestionKind.CONSENT: True,
    }
    answers = {question.pk: by_kind[question.kind] for question in call.questions.all()}
    answers.update(overrides)
    return answers


def submit(call: Call, person, organization, **kwargs):
    return statement_submit(
        call=call,
        person=person,
        organization=organization,
        position_title=kwargs.pop("position_title", "Portparol"),
        answers=kwargs.pop("answers", None) or answers_for(call),
        **kwargs,
    )


def pdf_upload(name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


__all__ += ["answers_for", "pdf_upload"]

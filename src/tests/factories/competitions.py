"""Competitions: by default open for entries, for scoring and for the public vote."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from glasnik.competitions.models import (
    Category,
    Competition,
    Criterion,
    Eligibility,
    Entry,
    EntryStatus,
    Juror,
)

from .accounts import PersonFactory
from .organizations import OrganizationFactory
from .programs import ProgramFactory


def _in(days: int):
    return factory.LazyFunction(lambda: timezone.now() + timedelta(days=days))


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    program = factory.SubFactory(ProgramFactory)
    slug = factory.Sequence(lambda number: f"takmicenje-{number}")
    title = "Takmičenje gradova i opština"
    eligibility = Eligibility.ANY
    entries_open_at = _in(-10)
    entries_close_at = _in(10)
    jury_starts_at = _in(-10)
    jury_ends_at = _in(10)
    vote_opens_at = _in(-1)
    vote_closes_at = _in(1)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    competition = factory.SubFactory(CompetitionFactory)
    key = factory.Sequence(lambda number: f"band-{number}")
    name = factory.Sequence(lambda number: f"Band {number}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    competition = factory.SubFactory(CompetitionFactory)
    key = factory.Sequence(lambda number: f"criterion-{number}")
    name = factory.Sequence(lambda number: f"Criterion {number}")
    weight = Decimal(1)
    max = 10


class EntryFactory(factory.django.DjangoModelFactory):
    """A submitted entry."""

    class Meta:
        model = Entry

    category = factory.SubFactory(CategoryFactory)
    competition = factory.SelfAttribute("category.competition")
    institution = factory.SubFactory(OrganizationFactory)
    status = EntryStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    competition = factory.SubFactory(CompetitionFactory)
    person = factory.SubFactory(PersonFactory)

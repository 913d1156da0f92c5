"""Networks, their members, interests, and calls with their questions."""

from datetime import timedelta

import factory
from django.utils import timezone

from glasnik.networks.models import Call, Interest, Network, QuestionKind, StatementQuestion
from glasnik.networks.services.memberships import membership_apply, membership_approve

from .accounts import PersonFactory
from .organizations import AssociationFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    """A network run by an association, in Belgrade's time zone. Networks are set up by the
    platform's administrators in the admin; there is no service for it."""

    class Meta:
        model = Network

    name = "Mreža komunikatora"
    slug = factory.Sequence(lambda number: f"mreza-{number}")
    organization = factory.SubFactory(AssociationFactory)
    time_zone = "Europe/Belgrade"


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda number: f"Tema {number}")
    slug = factory.Sequence(lambda number: f"tema-{number}")


def member_of(
    network: Network,
    *,
    person=None,
    organization=None,
    position_title: str = "Službenik za odnose s javnošću",
    approved_by=None,
    approve: bool = True,
    **person_fields,
):
    """A membership of `network` made as people make it: applied for (from `organization`, or
    from no institution), then approved (by `approved_by`, an organiser, or by nobody as the
    call's decisions do). Through the services, which keep the membership's search text and
    the directory's caches right."""
    membership = membership_apply(
        network=network,
        person=person or PersonFactory(**person_fields),
        organization=organization,
        position_title=position_title,
    )
    if approve:
        membership = membership_approve(membership=membership, actor=approved_by)
    return membership


class CallFactory(factory.django.DjangoModelFactory):
    """A published call that opened yesterday and closes in thirty days."""

    class Meta:
        model = Call

    class Params:
        opens_in = -1  # days from now
        closes_in = 30

    network = factory.SubFactory(NetworkFactory)
    title = "Javni poziv za članstvo"
    slug = "javni-poziv"
    text = "Pozivamo komunikatore da se pridruže mreži."
    eligibility = "Službenici za odnose s javnošću."
    opens_at = factory.LazyAttribute(lambda call: timezone.now() + timedelta(days=call.opens_in))
    closes_at = factory.LazyAttribute(lambda call: timezone.now() + timedelta(days=call.closes_in))
    is_published = True


class StatementQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementQuestion

    call = factory.SubFactory(CallFactory)
    kind = QuestionKind.TEXT
    label = "Odeljenje"
    position = factory.Sequence(lambda number: number)

"""The demo data: an open call for each demo network with its statement and statements."""

import pytest
from django.core.management import call_command

from glasnik.networks.models import Call, QuestionKind, Statement, StatementStatus
from glasnik.networks.services.calls import CallState, call_state

pytestmark = pytest.mark.django_db


def test_demo_has_an_open_call_per_network_and_is_idempotent(mailoutbox):
    call_command("demo")
    call_command("demo")

    calls = list(Call.objects.select_related("network").order_by("network__slug"))
    assert [call.network.slug for call in calls] == [
        "mreza-komunikatora-srbija",
        "mreza-komunikatorjev",
    ]
    for call in calls:
        assert call.is_published
        assert call_state(call) == CallState.OPEN
        consent = call.questions.get(kind=QuestionKind.CONSENT)
        assert consent.privacy_text
        assert call.questions.count() >= 5
    serbian = calls[0]
    statuses = sorted(Statement.objects.filter(call=serbian).values_list("status", flat=True))
    assert statuses == [StatementStatus.APPROVED] * 2 + [StatementStatus.SUBMITTED] * 2
    assert Statement.objects.filter(call=calls[1], status=StatementStatus.APPROVED).count() == 1
    assert not [m for m in mailoutbox if "statement" in m.subject.lower()]

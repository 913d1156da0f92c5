from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from glasnik.organizations.models import Organization
from glasnik.organizations.search import search_terms

from ..models import Call, Network, Statement, StatementAnswer, StatementStatus


def calls_public_for_network(network: Network) -> list[Call]:
    """The network's published calls, the ones still accepting statements first."""
    now = timezone.now()
    # Through the network's manager, each call knows its network (and so its language).
    calls = list(network.calls.filter(is_published=True).order_by("-opens_at"))
    return sorted(calls, key=lambda call: call.closes_at <= now)


def calls_change_at(calls, now=None):
    """When the earliest of `calls` opens or closes from now on (its state and its place in
    the list change then), or None."""
    now = now or timezone.now()
    moments = [
        moment for call in calls for moment in (call.opens_at, call.closes_at) if moment > now
    ]
    return min(moments, default=None)


def calls_for_organiser(network: Network) -> QuerySet[Call]:
    """All the network's calls, drafts too, with how many statements wait and were decided."""
    return (
        network.calls.all()
        .annotate(
            statement_count=Count("statements"),
            waiting_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.SUBMITTED)
            ),
            approved_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.APPROVED)
            ),
        )
        .order_by("-opens_at", "pk")
    )


def networks_with_calls_waiting(network_ids, *, now=None) -> list[Network]:
    """The networks (by name) with the calls that wait for their organisers: open now, or with
    statements to decide, each with `waiting_count`, in `network.waiting_calls`. Two queries
    however many networks and calls."""
    now = now or timezone.now()
    networks = list(Network.objects.filter(pk__in=network_ids).order_by("name", "pk"))
    calls = (
        Call.objects.filter(network_id__in=network_ids)
        .annotate(
            waiting_count=Count(
                "statements", filter=Q(statements__status=StatementStatus.SUBMITTED)
            )
        )
        .filter(Q(waiting_count__gt=0) | Q(is_published=True, opens_at__lte=now, closes_at__gt=now))
        .order_by("closes_at", "pk")
    )
    by_network = {network.pk: network for network in networks}
    for network in networks:
        network.waiting_calls = []
    for call in calls:
        call.network = by_network[call.network_id]
        call.is_open = call.is_published and call.opens_at <= now < call.closes_at
        call.network.waiting_calls.append(call)
    return networks


def call_statement_of(call: Call, person) -> Statement | None:
    """The person's statement for the call, with its answers, or None."""
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        Statement.objects.filter(call=call, person=person)
        .select_related("organization")
        .prefetch_related("answers")
        .first()
    )


def call_statements(
    call: Call, *, status: str = "", country: str = "", kind: str = "", search: str = ""
) -> QuerySet[Statement]:
    """The call's statements for the review table, filtered; newest first."""
    statements = Statement.objects.filter(call=call).select_related("person", "organization")
    if status:
        statements = statements.filter(status=status)
    if country:
        statements = statements.filter(organization__country=country)
    if kind:
        statements = statements.filter(organization__kind=kind)
    if search:
        matches = (
            Q(person__first_name__icontains=search)
            | Q(person__last_name__icontains=search)
            | Q(person__email__icontains=search)
            | Q(organization__name__icontains=search)
            | Q(organization__name_cyrillic__icontains=search)
        )
        words = search.split()
        if len(words) > 1:  # "Ana Petrović": first and last name together
            matches |= Q(person__first_name__icontains=words[0]) & Q(
                person__last_name__icontains=" ".join(words[1:])
            )
        for term in search_terms(search):
            matches |= Q(organization__search_name__contains=term)
        statements = statements.filter(matches)
    return statements.order_by("-submitted_at", "-pk")


def call_status_counts(call: Call) -> dict[str, int]:
    counts = dict.fromkeys(StatementStatus.values, 0)
    rows = Statement.objects.filter(call=call).values_list("status").annotate(count=Count("pk"))
    counts.update(dict(rows))
    return counts


def statement_with_answers(statement: Statement) -> list[tuple]:
    """Each of the call's questions with the statement's answer to it (or None)."""
    answers = {answer.question_id: answer for answer in statement.answers.all()}
    return [(question, answers.get(question.pk)) for question in statement.call.questions.all()]


def call_statements_for_export(call: Call) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(call=call)
        .select_related("person", "organization")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=StatementAnswer.objects.only("statement_id", "question_id", "value"),
            )
        )
        .order_by("submitted_at", "pk")
    )


def institutions_of_person(person) -> list[Organization]:
    """The institutions of the person's positions, current ones first, to offer before a search."""
    return list(
        Organization.objects.filter(positions__person=person)
        .order_by("-positions__since")
        .distinct()[:5]
    )

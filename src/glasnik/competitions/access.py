"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404
from glasnik.organizations.models import Organization
from glasnik.programs.models import Enrolment, EnrolmentStatus

from .models import Competition, Eligibility, Entry, EntryStatus, ExamplePost, Juror
from .selectors import juror_may_score, person_organization_ids

COMPETITIONS = Competition.objects.select_related("program", "program__organization")


def competition_for_user(
    user, slug: str, *, permission: str = "competitions.view_competition"
) -> Competition:
    return get_for_user_or_404(COMPETITIONS, user=user, permission=permission, slug=slug)


def juror_for_user(user, slug: str) -> tuple[Competition, Juror]:
    """The competition and the person's place on its jury."""
    competition = competition_for_user(user, slug, permission="competitions.judge")
    # A superuser passes every rule, but has a jury place only if given one.
    juror = Juror.objects.filter(competition=competition, person=user).first()
    if juror is None:
        raise Http404
    juror.competition = competition
    return competition, juror


def entrant_institutions(user, competition: Competition) -> list:
    """The institutions the person may enter in the competition: where they hold a position
    today, and (unless any institution may enter) enrolled in the competition's programme."""
    if not getattr(user, "is_authenticated", False) or competition.is_imported:
        return []
    ids = person_organization_ids([user.pk]).get(user.pk, set())
    institutions = {org.pk: org for org in Organization.objects.filter(pk__in=ids)}
    if competition.eligibility == Eligibility.ENROLLED:
        enrolled = set(
            Enrolment.objects.filter(
                program_id=competition.program_id,
                organization_id__in=institutions,
                status=EnrolmentStatus.ENROLLED,
            ).values_list("organization_id", flat=True)
        )
        institutions = {pk: org for pk, org in institutions.items() if pk in enrolled}
    return sorted(institutions.values(), key=lambda org: org.name)


def entry_for_entrant(user, pk: int) -> Entry:
    """An entry, for the people of its institution (and the competition's organisers)."""
    entry = get_for_user_or_404(
        Entry.objects.select_related(
            "competition__program__organization", "category", "institution"
        ),
        user=user,
        permission=None,
        pk=pk,
    )
    if user.has_perm("competitions.manage_competition", entry.competition):
        return entry
    allowed = {org.pk for org in entrant_institutions(user, entry.competition)}
    if entry.institution_id not in allowed:
        raise Http404
    return entry


def entry_for_juror(user, slug: str, pk: int) -> tuple[Juror, Entry]:
    """A submitted entry the person's jury place covers."""
    competition, juror = juror_for_user(user, slug)
    entry = get_for_user_or_404(
        Entry.objects.filter(competition=competition, status="submitted").select_related(
            "competition__program__organization", "category", "institution"
        ),
        user=user,
        permission=None,
        pk=pk,
    )
    if not juror_may_score(juror, entry):
        raise Http404
    juror.competition = competition
    return juror, entry


def entry_of(competition: Competition, pk) -> Entry:
    try:
        return competition.entries.select_related("category", "institution").get(pk=pk)
    except (Entry.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def example_post_for_user(user, pk: int) -> ExamplePost:
    """An example post of an entry, for whom may read the entry: the competition's
    organisers, the people of the entrant's institution, and the jurors its sheet is for."""
    post = get_for_user_or_404(
        ExamplePost.objects.select_related(
            "entry__competition__program__organization", "entry__category", "entry__institution"
        ),
        user=user,
        permission=None,
        pk=pk,
    )
    entry, competition = post.entry, post.entry.competition
    if user.has_perm("competitions.manage_competition", competition):
        return post
    if entry.institution_id in {org.pk for org in entrant_institutions(user, competition)}:
        return post
    juror = Juror.objects.filter(competition=competition, person_id=user.pk).first()
    if (
        juror is not None
        and entry.status == EntryStatus.SUBMITTED
        and user.has_perm("competitions.judge", competition)
        and juror_may_score(juror, entry)
    ):
        return post
    raise Http404

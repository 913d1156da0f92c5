"""Reads of one-to-one mentoring and reviews of work: a programme's pairs and the suggested
mentors for its participants, a person's mentoring overview, the activity per programme, and
what changed between two versions of a piece of work. Each runs a fixed number of queries."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.access.models import Role, RoleGrant
from glasnik.access.selectors import role_holders
from glasnik.accounts.models import ExperienceLevel
from glasnik.core.word_diff import Piece, word_changes
from glasnik.events.models import AgendaItem, Event, EventKind, Lecturer
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

from .models import (
    MentoringPair,
    Question,
    QuestionStatus,
    ReviewStatus,
    ReviewVersion,
    WorkReview,
)

LEVELS = [value for value, _label in ExperienceLevel.choices]


def program_pairs(program: Program) -> QuerySet[MentoringPair]:
    return (
        MentoringPair.objects.filter(program=program)
        .select_related("mentor", "mentee", "organization")
        .annotate(
            session_count=Count("sessions", distinct=True),
            open_items=Count("action_items", filter=Q(action_items__done=False), distinct=True),
        )
        .order_by("mentor__last_name", "mentor__first_name", "pk")
    )


def pairs_of(person) -> QuerySet[MentoringPair]:
    """The pairs a person is in: as the mentor, as the mentee, or enrolled for the paired
    institution."""
    institutions = Enrolment.objects.filter(
        person_id=person.pk, status=EnrolmentStatus.ENROLLED
    ).values("organization_id")
    programs = Enrolment.objects.filter(
        person_id=person.pk, status=EnrolmentStatus.ENROLLED
    ).values("program_id")
    return (
        MentoringPair.objects.filter(
            Q(mentor_id=person.pk)
            | Q(mentee_id=person.pk)
            | Q(organization_id__in=institutions, program_id__in=programs)
        )
        .select_related("mentor", "mentee", "organization", "program")
        .order_by("program__name", "pk")
    )


# --- suggested matching --------------------------------------------------------------------


def _stems(topic: str) -> list[str]:
    """The first five letters of each longer word: enough to find a topic in inflected text
    (“društvene mreže” in “društvenim mrežama”)."""
    return [word[:5] for word in re.findall(r"\w+", topic.lower()) if len(word) >= 5]


def topics_in(topics: list[str], text: str) -> set[str]:
    text = text.lower()
    return {topic for topic in topics if any(stem in text for stem in _stems(topic))}


@dataclass
class Suggestion:
    mentor: object
    score: float
    topics: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class Matching:
    enrolment: Enrolment
    suggestions: list[Suggestion]


def _level(person) -> int:
    return LEVELS.index(person.experience_level) if person.experience_level in LEVELS else -1


def pair_suggestions(program: Program, limit: int = 3) -> list[Matching]:
    """For each enrolled participant not yet paired (alone or through their institution),
    the programme's trainers ranked by the programme's topics they share (what the
    participant asked in the programme's sessions; what the mentor teaches and writes in
    their profile), by experience (a mentor more experienced than the participant), and by how
    many people they already mentor here. Each suggestion says why."""
    topics = program.topic_list
    mentors = list(role_holders(Role.TRAINER, program).order_by("last_name", "first_name", "pk"))
    if not mentors:
        return []
    paired = MentoringPair.objects.filter(program=program)
    paired_people = set(paired.exclude(mentee=None).values_list("mentee_id", flat=True))
    paired_institutions = set(
        paired.exclude(organization=None).values_list("organization_id", flat=True)
    )
    load = Counter(paired.values_list("mentor_id", flat=True))
    enrolments = [
        enrolment
        for enrolment in Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
        .select_related("person", "organization")
        .order_by("person__last_name", "person__first_name", "pk")
        if enrolment.person_id not in paired_people
        and enrolment.organization_id not in paired_institutions
    ]
    asked = defaultdict(list)
    for author_id, text in Question.objects.filter(
        queue__event__program=program, author_id__in=[e.person_id for e in enrolments]
    ).values_list("author_id", "text"):
        asked[author_id].append(text)
    taught = defaultdict(list)
    for lecturer in Lecturer.objects.filter(person__in=mentors):
        taught[lecturer.person_id] += [lecturer.title, lecturer.biography]
    for person_id, title in AgendaItem.objects.filter(lecturers__person__in=mentors).values_list(
        "lecturers__person_id", "title"
    ):
        taught[person_id].append(title)
    mentor_topics = {m.pk: topics_in(topics, " ".join(taught[m.pk])) for m in mentors}
    matchings = []
    for enrolment in enrolments:
        person = enrolment.person
        wanted = topics_in(topics, " ".join(asked[person.pk]))
        suggestions = []
        for mentor in mentors:
            common = sorted(wanted & mentor_topics[mentor.pk])
            suggestion = Suggestion(mentor=mentor, score=2.0 * len(common), topics=common)
            if common:
                suggestion.reasons.append(_("topics in common: %s") % ", ".join(common))
            if _level(mentor) > _level(person) >= 0 or (_level(person) < 0 <= _level(mentor)):
                suggestion.score += 1
                suggestion.reasons.append(
                    _("experience: %(mentor)s, the participant: %(person)s")
                    % {
                        "mentor": mentor.get_experience_level_display(),
                        "person": person.get_experience_level_display() or _("not given"),
                    }
                )
            suggestion.score -= 0.5 * load[mentor.pk]
            suggestion.reasons.append(
                _("already mentors %(count)d here") % {"count": load[mentor.pk]}
            )
            suggestions.append(suggestion)
        suggestions.sort(key=lambda s: (-s.score, str(s.mentor)))
        matchings.append(Matching(enrolment=enrolment, suggestions=suggestions[:limit]))
    return matchings


# --- overview and activity -------------------------------------------------------------------


def mentor_sessions(person) -> QuerySet[Event]:
    """Online sessions, still to come, of the programmes the person is a trainer of."""
    program_ids = RoleGrant.objects.filter(
        person_id=person.pk,
        role=Role.TRAINER,
        scope_type=ContentType.objects.get_for_model(Program),
    ).values("scope_id")
    return (
        Event.objects.filter(
            program_id__in=program_ids,
            kind=EventKind.ONLINE_SESSION,
            ends_at__gte=timezone.now(),
        )
        .select_related("program")
        .order_by("starts_at", "pk")
    )


def pending_reviews(person) -> QuerySet[WorkReview]:
    """Work waiting for the person as its mentor."""
    return (
        WorkReview.objects.filter(pair__mentor_id=person.pk, status=ReviewStatus.SUBMITTED)
        .select_related("author", "pair__program")
        .order_by("updated_at", "pk")
    )


def reviews_of(person) -> QuerySet[WorkReview]:
    """Work the person has sent for review."""
    return (
        WorkReview.objects.filter(author_id=person.pk)
        .select_related("pair__mentor", "pair__program")
        .order_by("-updated_at", "-pk")
    )


def review_versions(review: WorkReview) -> list[ReviewVersion]:
    return list(review.versions.prefetch_related("sections").order_by("number"))


@dataclass
class Activity:
    sessions_held: int
    questions_answered: int
    reviews_done: int
    reviews_approved: int
    pairs: int
    pair_meetings: int


def program_activity(program: Program) -> Activity:
    """Mentoring in a programme, in counts."""
    pairs = MentoringPair.objects.filter(program=program).aggregate(
        pairs=Count("pk", distinct=True), meetings=Count("sessions", distinct=True)
    )
    returned = ReviewVersion.objects.filter(review__pair__program=program).exclude(
        returned_status=""
    )
    return Activity(
        sessions_held=Event.objects.filter(
            program=program, kind=EventKind.ONLINE_SESSION, ends_at__lt=timezone.now()
        ).count(),
        questions_answered=Question.objects.filter(
            queue__event__program=program, status=QuestionStatus.ANSWERED
        ).count(),
        reviews_done=returned.count(),
        reviews_approved=returned.filter(returned_status=ReviewStatus.APPROVED).count(),
        pairs=pairs["pairs"],
        pair_meetings=pairs["meetings"],
    )


# --- what changed between versions ---------------------------------------------------------


@dataclass
class SectionChange:
    title: str
    state: str  # "same", "changed", "added" or "removed"
    pieces: list[Piece]


def version_changes(old: ReviewVersion, new: ReviewVersion) -> list[SectionChange]:
    """Section by section, matched by title (a renamed section is one removed and one added):
    the words removed and added, in the new version's order, then the sections removed."""
    old_sections = list(old.sections.all())
    by_title = {section.title.strip().lower(): section for section in old_sections}
    used = set()
    changes = []
    for section in new.sections.all():
        before = by_title.get(section.title.strip().lower())
        if before is None or before.pk in used:
            changes.append(SectionChange(section.title, "added", [Piece("added", section.text)]))
            continue
        used.add(before.pk)
        state = "same" if before.text == section.text else "changed"
        changes.append(SectionChange(section.title, state, word_changes(before.text, section.text)))
    changes += [
        SectionChange(section.title, "removed", [Piece("removed", section.text)])
        for section in old_sections
        if section.pk not in used
    ]
    return changes

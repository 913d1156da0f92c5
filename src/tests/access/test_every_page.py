"""Every page as every role.

Every URL pattern of the site (ours, allauth's and the admin's) is opened, with arguments drawn
from the demo data (`manage.py demo`, loaded once for this module), by each of these people:
an anonymous visitor, a member of the first association's network and programme, a member of
the second association, a person who has an account and no role, the programme's trainer, the
organiser of each association, an institution approver, a juror and the platform administrator.
Everyone with two-factor authentication signs in through the real login and TOTP forms.

No page may answer 5xx to anyone. Each page says who may open it (PAGES); everyone else must
be refused with a 404 (or, when not signed in, a redirect to the login page), and a POST-only
page must refuse their POST as well. A URL pattern missing from PAGES fails, so a new page is
covered the day it is added.
"""

import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from glasnik.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from glasnik.accounts.models import User
from glasnik.cards.models import Card
from glasnik.certificates.models import Certificate
from glasnik.competitions.demo import SLUG as COMPETITION_SLUG
from glasnik.competitions.models import Entry as CompetitionEntry
from glasnik.content.models import Post
from glasnik.events.demo_program import (
    CANCELLED_WORKSHOP,
    PAST_SESSION,
    PAST_TRAINING,
    WEBINAR,
    WORKSHOP,
)
from glasnik.events.models import (
    Assignment,
    CalendarToken,
    CheckinCode,
    Event,
    EventInvitation,
    EventSeries,
    Lecturer,
    Material,
    Registration,
    Submission,
    Visibility,
)
from glasnik.mentoring.models import (
    ActionItem,
    MentoringPair,
    OfficeHourBooking,
    OfficeHourSlot,
    WorkReview,
)
from glasnik.mentoring.models import Question as MentoringQuestion
from glasnik.networks.models import (
    Call,
    Membership,
    Network,
    StatementAnswer,
    StatementQuestion,
    TopicProposal,
)
from glasnik.organizations.models import Organization
from glasnik.programs.models import Enrolment, Invitation, Program
from glasnik.proposals.models import Proposal, ProposalVersion
from glasnik.site.demo_programs import MENTORING_SESSION, SLOVENIAN_SLUG, SLUG
from glasnik.surveys.demo import DEMO_KNOWLEDGE_POST_SLUG, DEMO_SURVEY_SLUG
from glasnik.surveys.models import Choice as SurveyChoice
from glasnik.surveys.models import Condition as SurveyCondition
from glasnik.surveys.models import Question as SurveyQuestion
from glasnik.surveys.models import Survey

pytestmark = pytest.mark.django_db

EMAIL_DOMAIN = "demo.glasnik.test"

# --- who ---------------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
MEMBER = "member"  # of the first association's network and programme (Marko)
OTHER_MEMBER = "other association's member"  # network and programme of the second (Luka)
NO_ROLE = "account without a role"
TRAINER = "trainer"  # of the first association's programme (Dragan)
ORGANISER = "organiser"  # of the first association, its network and programme (Jelena)
OTHER_ORGANISER = "other association's organiser"  # (Mojca)
APPROVER = "institution approver"  # of the member's municipality (Nenad)
JUROR = "juror"  # (Vesna)
ADMIN = "administrator"  # with the second factor passed

# The demo login of each person, and the language the walk uses for them (every language gets
# its share of pages, so a broken translation shows too).
PERSONAS = {
    ANONYMOUS: (None, "en"),
    MEMBER: ("marko.petrovic", "sr-latn"),
    OTHER_MEMBER: ("luka.kovac", "sl"),
    NO_ROLE: ("bez.uloge", "hr"),
    TRAINER: ("dragan.ilic", "sr"),
    ORGANISER: ("jelena.markovic", "sr"),
    OTHER_ORGANISER: ("mojca.novak", "sl"),
    APPROVER: ("nenad.pavlovic", "bs-cyrl"),
    JUROR: ("vesna.djordjevic", "bs"),
    ADMIN: ("admin", "en"),
}

EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
NOBODY = frozenset()
ADMINS = frozenset({ADMIN})
# Scoped to the first association's objects, which the walk opens unless a page says otherwise.
ORGANISERS = frozenset({ORGANISER, ADMIN})
TEAM = ORGANISERS | {TRAINER}  # the programme's organisers and trainers
PARTICIPANTS = TEAM | {MEMBER}  # who takes part in the programme's events, and its team
NETWORK_MEMBERS = ORGANISERS | {MEMBER}  # the network's members area
OWNER = frozenset({MEMBER})  # the member's own registration, entry, position, enrolment
ANY_ORGANISER = frozenset({ORGANISER, OTHER_ORGANISER, ADMIN})
# The second association's objects.
OTHER_ORGANISERS = frozenset({OTHER_ORGANISER, ADMIN})
OTHER_PARTICIPANTS = OTHER_ORGANISERS | {OTHER_MEMBER}
# The member's municipality (Kragujevac): its staff (the member, and the approver, head of the
# mayor's cabinet, who works there too), the mentor paired with it, the organisers of the
# programme it takes part in; its staff alone write its plans.
INSTITUTION_TEAM = frozenset({MEMBER, APPROVER, TRAINER, ORGANISER, ADMIN})
INSTITUTION_STAFF = frozenset({MEMBER, APPROVER})


def no_args(demo) -> dict:
    return {}


@dataclass(frozen=True)
class Page:
    """Who may open a page and with which arguments.

    `ok` is the status those in `who` get: a number, or a dict by persona with "*" for the
    rest. `post_only` pages answer GET with 405; whoever is not in `who` must have their POST
    refused too. Everyone outside `who` must get a 404 (or, signed out, the login page).
    `secret` is a text (drawn from the demo) that only some of `who` may find in the page."""

    who: frozenset
    args: Callable = no_args
    ok: int | dict = 200
    post_only: bool = False
    query: str = ""
    # On a page open to more people: (text, who may see it). Only they find it in the page.
    secret: tuple[Callable, frozenset] | None = None

    def expected(self, persona: str) -> int:
        if self.post_only:
            return 405
        if isinstance(self.ok, dict):
            return self.ok.get(persona, self.ok.get("*", 200))
        return self.ok


def post(who, args=no_args):
    return Page(who, args, post_only=True)


def slides_link(demo) -> str:
    """The address of the past training's non-public slides (the same in every script)."""
    return f"/events/materials/{demo.slides.pk}/download/"


def meeting_link(meeting) -> str:
    return f'/events/{meeting.pk}/"'


def event(name: str):
    return lambda demo: {"pk": getattr(demo, name).pk}


def session(name: str):
    return lambda demo: {"event_pk": getattr(demo, name).pk}


def network(demo) -> dict:
    return {"network_slug": demo.network.slug}


def call(demo) -> dict:
    return {"network_slug": demo.network.slug, "slug": demo.call.slug}


def program(demo) -> dict:
    return {"slug": demo.program.slug}


def survey(demo) -> dict:
    return {"slug": demo.survey.slug}


def competition(demo) -> dict:
    return {"slug": COMPETITION_SLUG}


def institution(demo) -> dict:
    return {"slug": demo.municipality.slug}


def content_post(demo, status: str = "approved") -> dict:
    """A planned post of the member's municipality (Kragujevac), from its content calendar."""
    post = Post.objects.filter(organization=demo.municipality, status=status).order_by("pk")
    return institution(demo) | {"pk": post.first().pk}


def content_day(demo) -> dict:
    today = timezone.localdate()
    return institution(demo) | {"year": today.year, "month": today.month, "day": today.day}


def competition_entry(demo) -> dict:
    """The member's institution's entry (Kragujevac)."""
    return {"pk": demo.competition_entry.pk}


SIGNED_IN_REDIRECT = {ANONYMOUS: 200, "*": 302}  # allauth sends signed-in people onwards
# The demo competition's jurors (Vesna, Dragan and Nenad) hold the juror's role, with MFA.
TOTP_HOLDERS = frozenset({ORGANISER, OTHER_ORGANISER, JUROR, TRAINER, APPROVER, ADMIN})


def for_totp_holders(holders: int, others: int) -> dict:
    return dict.fromkeys(TOTP_HOLDERS, holders) | {"*": others}


PAGES: dict[str, Page | list[Page]] = {
    # Core and accounts
    "healthz": Page(EVERYONE),
    "language_switch": Page(EVERYONE, lambda demo: {"code": "sr"}, ok=302),
    "core:home": Page(EVERYONE),
    "core:accessibility": Page(EVERYONE),
    "core:privacy": Page(EVERYONE),
    "site:dashboard": Page(SIGNED_IN),
    "accounts:profile": Page(SIGNED_IN),
    "accounts:position_add": Page(SIGNED_IN),
    # The administrator is a superuser: Django lets them past every rule (has_perm).
    "accounts:position_remove": post(OWNER | ADMINS, lambda demo: {"pk": demo.position.pk}),
    "site:audit_log": Page(ANY_ORGANISER),
    "organizations:list": Page(EVERYONE),
    "organizations:detail": Page(EVERYONE, lambda demo: {"slug": demo.municipality.slug}),
    # The institution search of forms: signed-in people only, and only what the public list shows.
    "organizations:choices": Page(SIGNED_IN, query="?name=organization&organization_q=Kragujevac"),
    # allauth: signing in and out, email addresses, passwords, two-factor authentication
    "account_login": Page(EVERYONE, ok=SIGNED_IN_REDIRECT),
    "account_signup": Page(EVERYONE, ok=SIGNED_IN_REDIRECT),
    "account_logout": Page(EVERYONE, ok={ANONYMOUS: 302, "*": 200}),
    "account_inactive": Page(EVERYONE),
    "account_email_verification_sent": Page(EVERYONE),
    "account_confirm_email": Page(EVERYONE, lambda demo: {"key": "no-such-key"}),
    "account_confirm_login_code": Page(EVERYONE, ok=302),
    "account_reset_password": Page(EVERYONE),
    "account_reset_password_done": Page(EVERYONE),
    "account_reset_password_from_key": Page(
        EVERYONE, lambda demo: {"uidb36": "zz", "key": "no-such-key"}
    ),
    "account_reset_password_from_key_done": Page(EVERYONE),
    "account_change_password": Page(SIGNED_IN),
    "account_set_password": Page(SIGNED_IN, ok=302),
    "account_email": Page(SIGNED_IN),
    "account_reauthenticate": Page(SIGNED_IN),
    "mfa_index": Page(SIGNED_IN),
    # Two-factor settings first ask for the password again (allauth counts only a
    # reauthentication, not the sign-in); those without an authenticator app get 404.
    "mfa_activate_totp": Page(SIGNED_IN, ok=302),
    "mfa_deactivate_totp": Page(TOTP_HOLDERS, ok=302),
    "mfa_authenticate": Page(EVERYONE, ok=302),  # only between password and code
    "mfa_reauthenticate": Page(SIGNED_IN, ok=for_totp_holders(200, 302)),
    "mfa_view_recovery_codes": Page(TOTP_HOLDERS, ok=302),
    "mfa_generate_recovery_codes": Page(SIGNED_IN, ok=302),
    "mfa_download_recovery_codes": Page(TOTP_HOLDERS, ok=302),
    # Networks: public pages, the organisers' pages, the members' area
    "networks:list": Page(EVERYONE),
    "networks:detail": Page(EVERYONE, network),
    "networks:edit": Page(ORGANISERS, network),
    "networks:organisers": Page(ORGANISERS, network),
    "networks:organiser_remove": post(
        ORGANISERS, lambda demo: network(demo) | {"person_id": demo.organiser.pk}
    ),
    "networks:members": Page(ORGANISERS, network),
    "networks:members_export": Page(
        ORGANISERS, lambda demo: network(demo) | {"file_format": "csv"}
    ),
    "networks:membership": Page(
        ORGANISERS, lambda demo: network(demo) | {"pk": demo.membership.pk}
    ),
    "networks:directory": Page(NETWORK_MEMBERS, network),
    "networks:my_entry": Page(OWNER, network),
    "networks:leave": Page(OWNER, network),
    "networks:topics": Page(NETWORK_MEMBERS, network),
    "networks:topic_create": Page(NETWORK_MEMBERS, network),
    "networks:topic_vote": post(OWNER | ADMINS, lambda demo: network(demo) | {"pk": demo.topic.pk}),
    "networks:topic_status": post(ORGANISERS, lambda demo: network(demo) | {"pk": demo.topic.pk}),
    # Calls for expressions of interest and membership statements
    "networks:call_manage_list": Page(ORGANISERS, network),
    "networks:call_create": Page(ORGANISERS, network),
    "networks:call_detail": Page(EVERYONE, call),
    "networks:statement_apply": Page(SIGNED_IN, call),
    "networks:call_edit": Page(ORGANISERS, call),
    "networks:call_publish": post(ORGANISERS, call),
    "networks:call_questions": Page(ORGANISERS, call),
    "networks:question_edit": Page(ORGANISERS, lambda demo: call(demo) | {"pk": demo.question.pk}),
    "networks:question_remove": post(
        ORGANISERS, lambda demo: call(demo) | {"pk": demo.question.pk}
    ),
    "networks:question_move": post(ORGANISERS, lambda demo: call(demo) | {"pk": demo.question.pk}),
    "networks:statement_list": Page(ORGANISERS, call),
    "networks:statement_bulk_decide": post(ORGANISERS, call),
    "networks:statement_export": Page(ORGANISERS, lambda demo: call(demo) | {"fmt": "xlsx"}),
    "networks:statement_detail": Page(
        ORGANISERS, lambda demo: call(demo) | {"pk": demo.file_answer.statement_id}
    ),
    "networks:statement_file": Page(
        ORGANISERS,
        lambda demo: (
            call(demo) | {"pk": demo.file_answer.statement_id, "answer_pk": demo.file_answer.pk}
        ),
    ),
    # Network meetings and calendars
    "events:my_meetings": Page(SIGNED_IN),
    "events:calendar_reset": post(SIGNED_IN),
    "events:personal_feed": Page(EVERYONE, lambda demo: {"token": demo.calendar_token}),
    "events:personal_network_feed": Page(
        EVERYONE, lambda demo: {"token": demo.calendar_token} | network(demo)
    ),
    "events:meeting_list": Page(
        EVERYONE, network, secret=(lambda demo: meeting_link(demo.members_meeting), NETWORK_MEMBERS)
    ),
    "events:network_feed": Page(EVERYONE, network),
    "events:meeting_create": Page(ORGANISERS, network),
    "events:series_create": Page(ORGANISERS, network),
    "events:meeting_detail": [
        Page(NETWORK_MEMBERS, event("members_meeting")),
        Page(EVERYONE, event("public_meeting")),
    ],
    "events:meeting_rsvp": post(NETWORK_MEMBERS, event("members_meeting")),
    "events:meeting_edit": Page(ORGANISERS, event("members_meeting")),
    "events:meeting_cancel": Page(ORGANISERS, event("members_meeting")),
    "events:meeting_agenda": Page(ORGANISERS, event("members_meeting")),
    "events:meeting_minutes": Page(ORGANISERS, event("members_meeting")),
    "events:meeting_ics": Page(NETWORK_MEMBERS, event("members_meeting")),
    "events:series_edit": Page(ORGANISERS, lambda demo: {"pk": demo.series.pk}),
    "events:series_cancel": post(ORGANISERS, lambda demo: {"pk": demo.series.pk}),
    # Programme events and lecturers
    "events:program_event_create": Page(
        ORGANISERS, lambda demo: {"program_slug": demo.program.slug}
    ),
    "events:program_event_detail": [
        Page(EVERYONE, event("past_training"), secret=(slides_link, PARTICIPANTS)),
        Page(OTHER_PARTICIPANTS, event("other_workshop")),  # members only
        Page(EVERYONE, event("cancelled_workshop")),
    ],
    "events:program_event_edit": Page(ORGANISERS, event("big_training")),
    "events:program_event_cancel": [
        Page(ORGANISERS, event("big_training")),
        Page(ORGANISERS, event("cancelled_workshop"), ok=302),  # on to its page: cancelled
    ],
    "events:program_event_agenda": Page(ORGANISERS, event("big_training")),
    "events:lecturer_list": Page(EVERYONE),
    "events:lecturer_create": Page(ANY_ORGANISER),
    "events:lecturer_detail": Page(EVERYONE, lambda demo: {"slug": demo.lecturer.slug}),
    "events:lecturer_edit": Page(TEAM, lambda demo: {"slug": demo.lecturer.slug}),
    # Registration
    "events:my_registrations": Page(SIGNED_IN),
    "events:invitation": Page(EVERYONE, lambda demo: {"token": demo.event_invitation}, ok=302),
    "events:register": [
        Page(EVERYONE, event("workshop")),
        Page(OTHER_PARTICIPANTS, event("other_workshop")),
    ],
    "events:registration_cancel": post(OWNER, event("workshop")),
    "events:registration_confirm": post(OWNER, event("workshop")),
    "events:registration_ics": Page(OWNER, event("big_training")),
    "events:registrations_manage": [
        Page(ORGANISERS, event("workshop")),
        Page(OTHER_ORGANISERS, event("other_workshop")),
    ],
    "events:registration_decide": post(
        ORGANISERS,
        lambda demo: {"pk": demo.workshop.pk, "registration_pk": demo.waiting.pk},
    ),
    "events:event_invitations": Page(ORGANISERS, event("workshop")),
    # Attendance
    "events:checkin_qr": Page(TEAM, lambda demo: {"token": demo.registration.checkin_token}),
    "events:checkin": Page(TEAM, event("past_training"), ok=302),
    "events:checkin_codes": Page(TEAM, event("past_training")),
    "events:checkin_code_show": Page(
        TEAM, lambda demo: {"pk": demo.past_training.pk, "day": demo.code_day}
    ),
    "events:checkin_day": Page(
        TEAM, lambda demo: {"pk": demo.past_training.pk, "day": demo.code_day}
    ),
    "events:checkin_mark": post(
        TEAM,
        lambda demo: {
            "pk": demo.past_training.pk,
            "day": demo.code_day,
            "registration_pk": demo.registration.pk,
        },
    ),
    "events:my_attendance": Page(OWNER, event("past_training")),
    "events:attendance_sheet": Page(ORGANISERS, event("past_training")),
    "events:attendance_correct": post(
        ORGANISERS,
        lambda demo: {"pk": demo.past_training.pk, "registration_pk": demo.registration.pk},
    ),
    # Materials and assignments
    "events:materials": [
        # Visitors see the public ones.
        Page(EVERYONE, event("past_training"), secret=(slides_link, PARTICIPANTS)),
        Page(PARTICIPANTS, event("webinar")),  # none is public: 404 to the rest
        Page(OTHER_PARTICIPANTS, event("other_workshop")),
    ],
    "events:material_add": Page(TEAM, event("past_training")),
    "events:material_download": [
        Page(PARTICIPANTS, lambda demo: {"pk": demo.slides.pk}),
        Page(EVERYONE, lambda demo: {"pk": demo.public_guide.pk}),
        Page(PARTICIPANTS, lambda demo: {"pk": demo.webinar_slides.pk}),  # no registration
        Page(OTHER_PARTICIPANTS, lambda demo: {"pk": demo.other_slides.pk}),
    ],
    "events:material_edit": Page(TEAM, lambda demo: {"pk": demo.slides.pk}),
    "events:material_delete": post(TEAM, lambda demo: {"pk": demo.slides.pk}),
    "events:assignment_add": Page(TEAM, event("past_training")),
    "events:assignment_detail": [
        Page(PARTICIPANTS, lambda demo: {"pk": demo.assignment.pk}),
        Page(PARTICIPANTS, lambda demo: {"pk": demo.webinar_assignment.pk}),
    ],
    "events:assignment_edit": Page(TEAM, lambda demo: {"pk": demo.assignment.pk}),
    "events:submission_comment": post(TEAM, lambda demo: {"pk": demo.submission.pk}),
    "events:submission_file": Page(PARTICIPANTS, lambda demo: {"pk": demo.submission.pk}),
    # Feedback
    "events:my_feedback": Page(SIGNED_IN),
    "events:feedback_form": Page(OWNER, event("past_training")),
    "events:feedback_results": [
        Page(ORGANISERS, event("past_training")),  # anonymous
        Page(ORGANISERS, event("past_session")),  # named
    ],
    "events:feedback_invite": post(ORGANISERS, event("past_training")),
    # Certificates
    "certificates:mine": Page(SIGNED_IN),
    "certificates:download": [
        Page(OWNER | ORGANISERS, lambda demo: {"pk": demo.certificate.pk}),
        Page(NOBODY, lambda demo: {"pk": demo.revoked_certificate.pk}),
    ],
    "certificates:revoke": post(ORGANISERS, lambda demo: {"pk": demo.certificate.pk}),
    "certificates:request_event": post(OWNER, lambda demo: {"event_pk": demo.past_training.pk}),
    "certificates:request_program": post(OWNER, lambda demo: {"program_pk": demo.program.pk}),
    "certificates:event": Page(ORGANISERS, lambda demo: {"event_pk": demo.past_training.pk}),
    "certificates:event_issue_bulk": post(
        ORGANISERS, lambda demo: {"event_pk": demo.past_training.pk}
    ),
    "certificates:event_issue": post(
        ORGANISERS,
        lambda demo: {"event_pk": demo.past_training.pk, "registration_pk": demo.registration.pk},
    ),
    "certificates:program": Page(ORGANISERS, lambda demo: {"program_pk": demo.program.pk}),
    "certificates:program_issue_bulk": post(
        ORGANISERS, lambda demo: {"program_pk": demo.program.pk}
    ),
    "certificates:program_issue": post(
        ORGANISERS, lambda demo: {"program_pk": demo.program.pk, "enrolment_pk": demo.enrolment.pk}
    ),
    "certificates:verify": [
        Page(EVERYONE, lambda demo: {"code": demo.certificate.code}),
        Page(EVERYONE, lambda demo: {"code": demo.revoked_certificate.code}),
    ],
    # Mentoring: a session's question queue (the demo's, in six weeks; its first question was
    # answered in writing, the third is open and someone else's than the member's)
    "mentoring:queue": [
        Page(PARTICIPANTS, session("mentoring_session")),
        Page(PARTICIPANTS, session("past_session")),  # after the session: the answered ones
    ],
    "mentoring:queue_live": Page(PARTICIPANTS, session("mentoring_session")),
    "mentoring:question_ask": post(PARTICIPANTS, session("mentoring_session")),
    "mentoring:queue_settings": post(TEAM, session("mentoring_session")),
    "mentoring:question_vote": post(PARTICIPANTS, lambda demo: {"pk": demo.open_question.pk}),
    "mentoring:question_answer": Page(TEAM, lambda demo: {"pk": demo.answered_question.pk}),
    "mentoring:question_merge": post(TEAM, lambda demo: {"pk": demo.open_question.pk}),
    "mentoring:question_hide": post(TEAM, lambda demo: {"pk": demo.open_question.pk}),
    "mentoring:office_hours": Page(PARTICIPANTS, program),
    # The administrator holds every permission, a mentor's and a participant's too.
    "mentoring:office_hours_mine": Page(ADMINS | {TRAINER}, program),
    "mentoring:office_hour_book": post(OWNER | ADMINS, lambda demo: {"pk": demo.free_slot.pk}),
    "mentoring:office_hour_slot_remove": post(
        frozenset({TRAINER}), lambda demo: {"pk": demo.free_slot.pk}
    ),
    "mentoring:office_hour_booking_cancel": post(
        OWNER | {TRAINER}, lambda demo: {"pk": demo.office_hour_booking.pk}
    ),
    # Mentoring: the trainer mentors the member's municipality; its proposal was returned once
    # (needs work) and sent again, so it waits for the mentor
    "mentoring:overview": Page(SIGNED_IN),
    "mentoring:program_pairs": Page(ORGANISERS, program),
    "mentoring:pair_suggestion_accept": post(ORGANISERS, program),
    "mentoring:pair": Page(PARTICIPANTS, lambda demo: {"pk": demo.mentoring_pair.pk}),
    "mentoring:pair_goals": post(TEAM, lambda demo: {"pk": demo.mentoring_pair.pk}),
    "mentoring:pair_session_add": post(PARTICIPANTS, lambda demo: {"pk": demo.mentoring_pair.pk}),
    "mentoring:action_item_add": post(PARTICIPANTS, lambda demo: {"pk": demo.mentoring_pair.pk}),
    "mentoring:action_item_done": post(PARTICIPANTS, lambda demo: {"pk": demo.action_item.pk}),
    # Only the mentee sends work; the pair's mentor and organisers are told why not
    "mentoring:review_new": Page(
        PARTICIPANTS, lambda demo: {"pk": demo.mentoring_pair.pk}, ok={MEMBER: 200, "*": 403}
    ),
    "mentoring:review": Page(PARTICIPANTS, lambda demo: {"pk": demo.work_review.pk}),
    "mentoring:review_return": post(frozenset({TRAINER}), lambda demo: {"pk": demo.work_review.pk}),
    # Waiting for the mentor: no new version yet (the mentee is sent back to the review)
    "mentoring:review_resubmit": Page(
        PARTICIPANTS, lambda demo: {"pk": demo.work_review.pk}, ok={MEMBER: 302, "*": 403}
    ),
    "mentoring:review_document": Page(
        PARTICIPANTS, lambda demo: {"pk": demo.work_review.versions.get(number=1).pk}
    ),
    # Programmes
    "programs:list": Page(EVERYONE),
    "programs:detail": Page(EVERYONE, program),
    "programs:feed": Page(EVERYONE, program),
    "programs:invitation": Page(EVERYONE, lambda demo: {"token": demo.program_invitation}),
    "programs:create": Page(ADMINS),
    "programs:edit": Page(ORGANISERS, program),
    "programs:publish": post(ORGANISERS, program),
    "programs:phases": Page(ORGANISERS, program),
    "programs:phase_edit": Page(ORGANISERS, lambda demo: program(demo) | {"pk": demo.phase.pk}),
    "programs:phase_delete": post(ORGANISERS, lambda demo: program(demo) | {"pk": demo.phase.pk}),
    "programs:team": Page(ORGANISERS, program),
    "programs:team_remove": post(
        ORGANISERS,
        lambda demo: program(demo) | {"person_id": demo.trainer.pk, "role": "trainer"},
    ),
    "programs:enrol": Page(SIGNED_IN, program, ok={MEMBER: 302, "*": 200}),
    "programs:withdraw": Page(OWNER, program),
    "programs:participants": [
        Page(ORGANISERS, program),
        Page(OTHER_ORGANISERS, lambda demo: {"slug": demo.other_program.slug}),
    ],
    "programs:participants_export": Page(
        ORGANISERS, lambda demo: program(demo) | {"file_format": "xlsx"}
    ),
    "programs:participant": Page(
        ORGANISERS, lambda demo: program(demo) | {"pk": demo.enrolment.pk}
    ),
    "programs:invitations": Page(ORGANISERS, program),
    "programs:reports": Page(ORGANISERS, program),
    "programs:reports_export": Page(ORGANISERS, program),
    # The competition of municipalities (the demo's jury is at work: entries closed, results
    # not published). Its jurors are Vesna, Dragan and Nenad; Nenad works at Kragujevac, the
    # member's institution, so he may also make its entries.
    "competitions:create": Page(ORGANISERS, lambda demo: {"program_slug": demo.program.slug}),
    "competitions:detail": Page(EVERYONE, competition),
    "competitions:manage": Page(ORGANISERS, competition),
    "competitions:category_add": post(ORGANISERS, competition),
    "competitions:criterion_add": post(ORGANISERS, competition),
    # The demo's categories have entries and its criteria scores: both stay (refused, shown)
    "competitions:category_remove": post(
        ORGANISERS, lambda demo: competition(demo) | {"pk": demo.competition_entry.category_id}
    ),
    "competitions:juror_remove": post(
        ORGANISERS,
        lambda demo: (
            competition(demo)
            | {"pk": demo.competition_entry.competition.jurors.order_by("pk").first().pk}
        ),
    ),
    "competitions:criterion_remove": post(
        ORGANISERS,
        lambda demo: (
            competition(demo)
            | {"pk": demo.competition_entry.competition.criteria.order_by("pk").first().pk}
        ),
    ),
    "competitions:juror_add": post(ORGANISERS, competition),
    "competitions:metric_set": post(
        ORGANISERS, lambda demo: competition(demo) | competition_entry(demo)
    ),
    "competitions:entry_create": Page(OWNER | {APPROVER}, competition),
    "competitions:entry": Page(ORGANISERS | OWNER | {APPROVER}, competition_entry),
    "competitions:example_post_add": post(ORGANISERS | OWNER | {APPROVER}, competition_entry),
    "competitions:entry_submit": post(ORGANISERS | OWNER | {APPROVER}, competition_entry),
    # The people of the entrant's institution, its organisers and the jurors of its sheet
    "competitions:example_screenshot": Page(
        ORGANISERS | OWNER | {APPROVER, JUROR, TRAINER},
        lambda demo: {"pk": demo.competition_entry.example_posts.get().pk},
    ),
    "competitions:scoresheet": Page(ORGANISERS, competition_entry),  # entrants once published
    "competitions:jury": Page(frozenset({JUROR, TRAINER, APPROVER}), competition),
    "competitions:sheet": Page(
        frozenset({JUROR, TRAINER, APPROVER}),
        lambda demo: competition(demo) | competition_entry(demo),
    ),
    "competitions:conflict": post(
        frozenset({JUROR, TRAINER, APPROVER}),
        lambda demo: competition(demo) | competition_entry(demo),
    ),
    "competitions:vote": Page(SIGNED_IN, competition),
    "competitions:preview": Page(ORGANISERS, competition),
    "competitions:publish": post(ORGANISERS, competition),
    "competitions:archive_publish": post(ORGANISERS, competition),
    "competitions:results": Page(ORGANISERS, competition),  # everyone once published
    "competitions:export": Page(
        ORGANISERS, lambda demo: competition(demo) | {"file_format": "xlsx"}
    ),
    "competitions:archive": Page(ORGANISERS, competition),  # everyone once published
    # The communicator's toolkit of the member's municipality
    "toolkit:mine": Page(SIGNED_IN),
    "toolkit:home": Page(INSTITUTION_TEAM, institution),
    # The post coach of the member's municipality: its team checks posts, its staff set the rules.
    "coach:check_page": Page(INSTITUTION_TEAM, institution),
    "coach:check": post(INSTITUTION_TEAM, institution),
    "coach:settings": Page(INSTITUTION_TEAM, institution),
    # Its proposal (sent for approval): the staff write it (the approver, head of the mayor's
    # cabinet, works there too), the approver decides on it.
    "proposals:list": Page(INSTITUTION_TEAM, institution),
    "proposals:create": post(INSTITUTION_STAFF, institution),
    "proposals:detail": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.proposal.pk}),
    "proposals:section_save": post(
        INSTITUTION_STAFF, lambda demo: {"pk": demo.proposal.pk, "key": "goals"}
    ),
    "proposals:send_to_mentor": post(INSTITUTION_STAFF, lambda demo: {"pk": demo.proposal.pk}),
    "proposals:send_for_approval": post(INSTITUTION_STAFF, lambda demo: {"pk": demo.proposal.pk}),
    "proposals:decide": post(frozenset({APPROVER}), lambda demo: {"pk": demo.proposal.pk}),
    "proposals:comment_add": post(INSTITUTION_TEAM, lambda demo: {"pk": demo.proposal.pk}),
    "proposals:versions": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.proposal.pk}),
    "proposals:version": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.proposal_version.pk}),
    "proposals:export": Page(
        INSTITUTION_TEAM, lambda demo: {"pk": demo.proposal.pk, "file_format": "docx"}
    ),
    # Its content calendar: the team reads and comments, the staff plan (Nenad, its approver,
    # holds a position there too: head of the mayor's cabinet).
    "content:waiting": Page(SIGNED_IN),
    "content:month": Page(INSTITUTION_TEAM, institution),
    "content:month_of": Page(
        INSTITUTION_TEAM, lambda demo: {k: v for k, v in content_day(demo).items() if k != "day"}
    ),
    "content:week": Page(INSTITUTION_TEAM, content_day),
    "content:list": Page(INSTITUTION_TEAM, institution),
    "content:post": Page(INSTITUTION_TEAM, content_post),
    "content:post_image": Page(INSTITUTION_TEAM, content_post),
    "content:chain": Page(INSTITUTION_TEAM, institution),
    "content:export": Page(
        INSTITUTION_TEAM,
        lambda demo: {k: v for k, v in content_day(demo).items() if k != "day"} | {"kind": "ical"},
    ),
    "content:post_create": Page(INSTITUTION_STAFF, institution),
    "content:import": Page(INSTITUTION_STAFF, institution),
    "content:post_edit": Page(INSTITUTION_STAFF, lambda demo: content_post(demo, "draft")),
    "content:post_move": post(INSTITUTION_STAFF, lambda demo: content_post(demo, "draft")),
    "content:post_status": post(INSTITUTION_STAFF, lambda demo: content_post(demo, "draft")),
    "content:post_decide": post(INSTITUTION_TEAM, lambda demo: content_post(demo, "draft")),
    # Its infographic cards: the team reads them, its staff make them and set its look.
    "cards:list": Page(INSTITUTION_TEAM, institution),
    "cards:new": Page(INSTITUTION_STAFF, institution),
    "cards:create": Page(INSTITUTION_STAFF, lambda demo: institution(demo) | {"template": "list"}),
    "cards:preview": Page(
        INSTITUTION_STAFF, lambda demo: institution(demo) | {"template": "number"}
    ),
    # Without texts that make a card (as here) the image is refused; the fragment says why.
    "cards:preview_image": Page(
        INSTITUTION_STAFF, lambda demo: institution(demo) | {"template": "number"}, ok=400
    ),
    "cards:brand": Page(INSTITUTION_STAFF, institution),
    "cards:brand_preview": Page(INSTITUTION_STAFF, institution),
    "cards:brand_sample": Page(INSTITUTION_STAFF, institution),
    "cards:brand_logo": Page(INSTITUTION_STAFF, institution),
    "cards:detail": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.card.pk}),
    "cards:edit": Page(INSTITUTION_STAFF, lambda demo: {"pk": demo.card.pk}),
    "cards:delete": Page(INSTITUTION_STAFF, lambda demo: {"pk": demo.card.pk}),
    "cards:alt_text_regenerate": post(INSTITUTION_STAFF, lambda demo: {"pk": demo.card.pk}),
    "cards:image": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.card.pk, "size": "square"}),
    "cards:download": Page(INSTITUTION_TEAM, lambda demo: {"pk": demo.card.pk, "size": "link"}),
    # Surveys: the organisers build them and read the results; participants answer.
    "surveys:list": Page(
        ORGANISERS | {MEMBER},
        lambda demo: {"owner_kind": "programme", "owner_slug": demo.program.slug},
    ),
    "surveys:create": Page(
        ORGANISERS, lambda demo: {"owner_kind": "programme", "owner_slug": demo.program.slug}
    ),
    "surveys:respond": Page(ORGANISERS | {MEMBER}, survey),
    # A personal invitation's link works for whoever holds it, signed in or not.
    "surveys:invited": Page(EVERYONE, lambda demo: {"token": demo.survey_invitation}),
    "surveys:invitations": Page(ORGANISERS, survey),
    "surveys:invitations_remind": post(ORGANISERS, survey),
    "surveys:edit": Page(ORGANISERS, survey),
    "surveys:settings": Page(ORGANISERS, survey),
    "surveys:preview": Page(ORGANISERS, survey),
    "surveys:results": Page(ORGANISERS, survey),
    "surveys:export": Page(ORGANISERS, survey),
    # The demo pair of knowledge tests: the learning gain and the pairing form.
    "surveys:knowledge": Page(ORGANISERS, lambda demo: {"slug": DEMO_KNOWLEDGE_POST_SLUG}),
    "surveys:knowledge_pair": post(ORGANISERS, lambda demo: {"slug": DEMO_KNOWLEDGE_POST_SLUG}),
    "surveys:export_xlsform": Page(ORGANISERS, survey),
    "surveys:import": Page(
        ORGANISERS, lambda demo: {"owner_kind": "programme", "owner_slug": demo.program.slug}
    ),
    "surveys:from_template": post(
        ORGANISERS,
        lambda demo: {
            "owner_kind": "programme",
            "owner_slug": demo.program.slug,
            "template": "event-questionnaire",
        },
    ),
    "surveys:export_xlsx": Page(ORGANISERS, survey),
    "surveys:report_pdf": Page(ORGANISERS, survey),
    "surveys:texts": Page(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_text_question.pk}
    ),
    "surveys:needs": Page(ORGANISERS, survey),
    "surveys:topic_add": post(ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_topic.pk}),
    "surveys:copy": post(ORGANISERS, survey),
    "surveys:status": post(ORGANISERS, survey),
    "surveys:section_add": post(ORGANISERS, survey),
    "surveys:section_delete": post(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_section.pk}
    ),
    "surveys:question_add": post(
        ORGANISERS, lambda demo: survey(demo) | {"section_pk": demo.survey_section.pk}
    ),
    "surveys:question_edit": Page(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_question.pk}
    ),
    "surveys:question_move": post(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_question.pk}
    ),
    "surveys:question_delete": post(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_question.pk}
    ),
    "surveys:condition_add": post(
        ORGANISERS,
        lambda demo: survey(demo) | {"target": "question", "pk": demo.survey_question.pk},
    ),
    "surveys:condition_delete": post(
        ORGANISERS, lambda demo: survey(demo) | {"pk": demo.survey_condition.pk}
    ),
}

# The admin: every page for the platform administrator only; its own sign-in and sign-out
# forms are open (sign-out answers only POST).
ADMIN_PAGES = {
    # Signing in happens at allauth's login (second factor, limits); this only sends people there.
    "admin:login": Page(ADMINS, ok=302),
    "admin:logout": Page(ADMINS, ok=405),  # POST only
    "admin:autocomplete": Page(ADMINS, ok=403),  # without a field to complete: refused
    # "View on site": no model has a public address (get_absolute_url) yet, so 404.
    "admin:view_on_site": Page(NOBODY, lambda demo: demo.admin_kwargs("admin:view_on_site")),
}


# --- the URL patterns --------------------------------------------------------------------------


def _walk(patterns, namespace: str = "", prefix: str = ""):
    """Every URL pattern: (URL name, the pattern's route) for named ones, and for the admin's
    unnamed catch-alls ("admin:<route>", route)."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else f"{namespace}<{route}>"), route


URL_NAMES = sorted({name for name, _ in _walk(get_resolver().url_patterns)})
ROUTES = dict(_walk(get_resolver().url_patterns))


def _is_admin(name: str) -> bool:
    return name.startswith("admin:")


def _admin_page(name: str) -> Page:
    """An admin page: its model's first object in the demo for the object's pages."""
    if name in ADMIN_PAGES:
        return ADMIN_PAGES[name]
    if name.startswith("admin:<"):
        if "<path:object_id>" in name:  # an object's old address: on to its change form
            return Page(ADMINS, ok=302)
        return Page(NOBODY)  # the admin's catch-all: 404 for the administrator too
    return Page(ADMINS, lambda demo: demo.admin_kwargs(name))


def pages_of(name: str) -> list[Page]:
    if _is_admin(name):
        return [_admin_page(name)]
    page = PAGES[name]
    return page if isinstance(page, list) else [page]


def _unknown_message(names) -> str:
    lines = [
        "These URL patterns are not in PAGES (src/tests/access/test_every_page.py).",
        "Say who may open each, with arguments from the demo data (extend `manage.py demo` "
        "when the page needs something to show), e.g.:",
    ]
    for name in sorted(names):
        lines.append(f'    "{name}": Page(ORGANISERS, lambda demo: {{...}}),  # {ROUTES[name]}')
    return "\n".join(lines)


def test_every_url_pattern_is_in_the_registry():
    ours = {name for name in URL_NAMES if not _is_admin(name)}

    assert not ours - set(PAGES), _unknown_message(ours - set(PAGES))
    assert not set(PAGES) - ours, f"PAGES names URLs that do not exist: {set(PAGES) - ours}"
    assert not set(ADMIN_PAGES) - set(URL_NAMES)


# --- the demo, once for the module -----------------------------------------------------------


class Demo(types.SimpleNamespace):
    """The demo objects the pages are opened with (the first association's, unless named
    other_...)."""

    def admin_kwargs(self, name: str) -> dict:
        route = ROUTES[name]
        if "<path:content_type_id>" in route:
            return {"content_type_id": self.organization_type, "object_id": self.municipality.pk}
        kwargs = {"app_label": "events"} if "<app_label>" in route else {}
        if "<id>" in route:
            kwargs["id"] = self.organiser.pk
        if "<path:object_id>" in route:
            kwargs["object_id"] = self._first_pk(self._admin_model(name))
        return kwargs

    def _admin_model(self, name: str):
        if name.startswith("admin:<"):
            app_label, model_name = ROUTES[name].split("/")[2:4]
            return self.admin_models[f"{app_label}_{model_name}"]
        return self.admin_models[name.split(":")[1].rsplit("_", 1)[0]]

    @staticmethod
    def _first_pk(model) -> int:
        # 0 when the demo has none: the admin then sends the administrator back to its index.
        return model._default_manager.order_by("pk").values_list("pk", flat=True).first() or 0

    def admin_refuses(self, name: str) -> bool:
        """Whether the model's admin refuses this page to everyone (read-only models)."""
        action = name.rsplit("_", 1)[-1]
        if name.startswith("admin:<") or action not in ("add", "delete"):
            return False
        request = types.SimpleNamespace(user=self.admin_user, method="GET")
        model_admin = admin.site._registry[self._admin_model(name)]
        if action == "add":
            return not model_admin.has_add_permission(request)
        return not model_admin.has_delete_permission(request)

    def admin_object_missing(self, name: str) -> bool:
        route = ROUTES[name]
        if "<path:object_id>" not in route or "<path:content_type_id>" in route:
            return False
        return not self._first_pk(self._admin_model(name))

    def admin_url(self, name: str, language: str) -> str:
        """The URL of one of the admin's unnamed patterns."""
        route = ROUTES[name].split("/", 1)[1]
        if "<path:object_id>" in route:
            pk = self._first_pk(self._admin_model(name))
            route = route.replace("<path:object_id>", str(pk))
        return f"/{language}/" + route.replace("(?P<url>.*)$", "no-such-page/")


def _login(persona: str, local_part: str, language: str) -> str:
    """Sign in as a person would (password, then the TOTP code when they have two-factor
    authentication) and return the session's key."""
    client = Client()
    with translation.override(language):
        login_url, mfa_url = reverse("account_login"), reverse("mfa_authenticate")
    email = f"{local_part}@{EMAIL_DOMAIN}"
    response = client.post(login_url, {"login": email, "password": DEMO_PASSWORD})
    if response.status_code == 302 and response.url.startswith(mfa_url):
        for _attempt in range(2):  # a code made as the 30-second window closes: the next one
            counter = int(time.time()) // 30
            code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))
            response = client.post(mfa_url, {"code": code})
            if response.status_code == 302:
                break
            time.sleep(1)
    assert response.status_code == 302, f"{persona} could not sign in"
    assert "_auth_user_id" in client.session, f"{persona} is not signed in"
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _demo_objects() -> Demo:
    program = Program.objects.get(slug=SLUG)
    other_program = Program.objects.get(slug=SLOVENIAN_SLUG)
    events = {event.title: event for event in Event.objects.filter(program=program)}
    network = Network.objects.get(slug="mreza-komunikatora-srbija")
    other_network = Network.objects.get(slug="mreza-komunikatorjev")
    marko = User.objects.get(email=f"marko.petrovic@{EMAIL_DOMAIN}")
    organiser = User.objects.get(email=f"jelena.markovic@{EMAIL_DOMAIN}")
    trainer = User.objects.get(email=f"dragan.ilic@{EMAIL_DOMAIN}")
    past_training = events[PAST_TRAINING]
    webinar = events[WEBINAR]
    workshop = events[WORKSHOP]
    meetings = Event.objects.filter(network=network, starts_at__gt=timezone.now())
    other_workshop = other_program.events.get()
    certificates = Certificate.objects.filter(event=past_training)
    survey = Survey.objects.get(slug=DEMO_SURVEY_SLUG)
    survey_condition = SurveyCondition.objects.filter(question__section__survey=survey).first()
    return Demo(
        program=program,
        other_program=other_program,
        network=network,
        other_network=other_network,
        other_call=Call.objects.get(network=other_network),
        other_public_meeting=Event.objects.filter(
            network=other_network, visibility=Visibility.PUBLIC, starts_at__gt=timezone.now()
        )
        .exclude(language="en")
        .earliest("starts_at"),
        english_meeting=Event.objects.get(network=other_network, language="en"),
        organiser=organiser,
        trainer=trainer,
        admin_user=User.objects.get(email=f"admin@{EMAIL_DOMAIN}"),
        municipality=marko.positions.get().organization,
        proposal=Proposal.objects.get(organization=marko.positions.get().organization),
        proposal_version=ProposalVersion.objects.get(
            proposal__organization=marko.positions.get().organization
        ),
        card=Card.objects.filter(organization=marko.positions.get().organization)
        .order_by("pk")
        .first(),
        position=marko.positions.get(),
        membership=Membership.objects.get(network=network, person=marko),
        topic=TopicProposal.objects.filter(network=network).order_by("pk").first(),
        call=Call.objects.get(network=network),
        question=StatementQuestion.objects.filter(call__network=network).order_by("pk").first(),
        file_answer=StatementAnswer.objects.exclude(file="").get(statement__call__network=network),
        calendar_token=CalendarToken.objects.get_or_create(person=marko)[0].token,
        members_meeting=meetings.filter(visibility=Visibility.MEMBERS).order_by("starts_at")[0],
        public_meeting=meetings.filter(visibility=Visibility.PUBLIC).order_by("starts_at")[0],
        series=EventSeries.objects.get(network=network),
        past_training=past_training,
        past_session=events[PAST_SESSION],
        mentoring_session=events[MENTORING_SESSION],
        answered_question=MentoringQuestion.objects.get(
            queue__event=events[MENTORING_SESSION], status="answered"
        ),
        open_question=MentoringQuestion.objects.filter(
            queue__event=events[MENTORING_SESSION], status="open"
        )
        .exclude(author__email=f"marko.petrovic@{EMAIL_DOMAIN}")
        .order_by("pk")
        .last(),
        free_slot=OfficeHourSlot.objects.filter(program=program, bookings__isnull=True)
        .order_by("starts_at")
        .first(),
        office_hour_booking=OfficeHourBooking.objects.get(slot__program=program),
        mentoring_pair=MentoringPair.objects.get(program=program),
        action_item=ActionItem.objects.filter(pair__program=program).order_by("pk").first(),
        work_review=WorkReview.objects.get(pair__program=program),
        webinar=webinar,
        workshop=workshop,
        big_training=events["Dvodnevni trening: društvene mreže za lokalne samouprave"],
        cancelled_workshop=events[CANCELLED_WORKSHOP],
        other_workshop=other_workshop,
        lecturer=Lecturer.objects.get(person=trainer),
        event_invitation=EventInvitation.objects.get(event=workshop).token,
        program_invitation=Invitation.objects.get(program=program).token,
        registration=Registration.objects.get(event=past_training, person=marko),
        waiting=workshop.registrations.get(status="waitlisted"),
        code_day=CheckinCode.objects.get(event=past_training).day.isoformat(),
        slides=Material.objects.get(event=past_training, is_public=False),
        public_guide=Material.objects.exclude(file="").get(event=past_training, is_public=True),
        webinar_slides=Material.objects.get(event=webinar),
        other_slides=Material.objects.get(event=other_workshop),
        assignment=Assignment.objects.get(event=past_training),
        webinar_assignment=Assignment.objects.get(event=webinar),
        submission=Submission.objects.get(assignment__event=past_training, person=marko),
        certificate=certificates.get(person=marko),
        revoked_certificate=certificates.get(revoked_at__isnull=False),
        enrolment=Enrolment.objects.get(program=program, person=marko),
        phase=program.phases.order_by("pk").first(),
        survey=survey,
        competition_entry=CompetitionEntry.objects.get(
            competition__slug=COMPETITION_SLUG, institution=marko.positions.get().organization
        ),
        survey_invitation=survey.invitations.get(person=marko).token,
        survey_section=survey.sections.order_by("position").last(),
        survey_question=survey_condition.question,
        survey_condition=survey_condition,
        survey_text_question=SurveyQuestion.objects.filter(
            section__survey=survey, type="long_text"
        ).first(),
        survey_topic=SurveyChoice.objects.filter(
            question__section__survey=survey, question__type="multiple"
        ).first(),
        organization_type=ContentType.objects.get_for_model(Organization).pk,
        admin_models={
            f"{model._meta.app_label}_{model._meta.model_name}": model
            for model in admin.site._registry
        }
        | {"auth_user": User},
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data and everyone's session, in a transaction rolled back after the module
    (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase marks its class-wide transaction: services that must run outside
        # any transaction of their own (anonymous answers) may run inside this one.
        outer._from_testcase = True
        outer.__enter__()
        try:
            with translation.override("en"):
                call_command("demo", stdout=StringIO())
            person = User.objects.create_user(
                email=f"bez.uloge@{EMAIL_DOMAIN}", password=DEMO_PASSWORD
            )
            EmailAddress.objects.create(
                user=person, email=person.email, verified=True, primary=True
            )
            sessions = {
                persona: _login(persona, local_part, language)
                for persona, (local_part, language) in PERSONAS.items()
                if local_part is not None
            }
            yield _demo_objects(), sessions
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- the walk ----------------------------------------------------------------------------------


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302):
        return False
    return "/accounts/login/" in response.url or "/admin/login/" in response.url


def _refused(response, persona: str, name: str) -> bool:
    """404; signed out, also the way to the login page. The admin sends everyone who is not
    the administrator to its login page (or from its sign-out to its index, which does)."""
    if response.status_code == 404:
        return True
    if _is_admin(name) and response.status_code == 302:
        return _is_login_redirect(response) or response.url.endswith("/admin/")
    return persona == ANONYMOUS and _is_login_redirect(response)


def client_as(persona: str, sessions: dict) -> Client:
    """A test client signed in as `persona` (with the session `demo` made), or signed out."""
    client = Client(raise_request_exception=False)
    if persona != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[persona]
    return client


def _problems(name: str, page: Page, demo: Demo, sessions: dict) -> list[str]:
    problems = []
    for persona, (_, language) in PERSONAS.items():
        with translation.override(language):
            if name.startswith("admin:<"):
                url = demo.admin_url(name, language)
            else:
                url = reverse(name, kwargs=page.args(demo))
        url += page.query
        client = client_as(persona, sessions)
        response = client.get(url)
        status = response.status_code
        where = f"{name} as {persona}: GET {url} answered {status}"
        if status >= 500:
            problems.append(f"{where} (a server error)")
            continue
        if persona in page.who:
            expected = page.expected(persona)
            if _is_admin(name) and demo.admin_refuses(name):
                expected = 403  # the model's admin adds or deletes nothing (e.g. the audit log)
            elif _is_admin(name) and demo.admin_object_missing(name):
                expected = 302  # no such object in the demo: back to the admin's index
            if status != expected:
                problems.append(f"{where}, expected {expected}")
            elif page.secret is not None:
                problems.extend(_secret_problems(page, demo, persona, response, where))
            continue
        if page.post_only and status == 405:
            response = client.post(url)
            status = response.status_code
            where = f"{name} as {persona}: POST {url} answered {status}"
            if status >= 500:
                problems.append(f"{where} (a server error)")
                continue
        if not _refused(response, persona, name):
            location = f" to {response.url}" if status in (301, 302) else ""
            problems.append(f"{where}{location}, expected 404 or the login page")
    return problems


def _secret_problems(page: Page, demo, persona: str, response, where: str) -> list[str]:
    text, insiders = page.secret
    shown = text(demo) in response.content.decode()
    if persona in insiders and not shown:
        return [f"{where}, but does not show {text(demo)}"]
    if persona not in insiders and shown:
        return [f"{where} and shows {text(demo)}, which is not for them"]
    return []


WALK = [
    pytest.param(name, index, id=f"{name}[{index}]" if index else name)
    for name in URL_NAMES
    for index in range(len(pages_of(name)) if (name in PAGES or _is_admin(name)) else 1)
]


@pytest.mark.parametrize(("name", "index"), WALK)
def test_page_as_every_role(demo, name, index):
    assert name in PAGES or _is_admin(name), _unknown_message([name])
    demo_objects, sessions = demo

    problems = _problems(name, pages_of(name)[index], demo_objects, sessions)

    assert not problems, "\n".join(problems)

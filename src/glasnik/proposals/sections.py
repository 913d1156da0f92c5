"""The sections of a proposal, in their order, with the trainer's short practical guidance
and an example for each, and the templates' starting text: one place to change what a
proposal asks for."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality or city")
    INSTITUTE = "institute", _("Public institute")
    STATE_BODY = "state_body", _("State body")


class SectionKey(models.TextChoices):
    SITUATION = "situation", _("Where we stand")
    GOALS = "goals", _("Goals")
    AUDIENCES = "audiences", _("Target groups")
    CHANNELS = "channels", _("Channels and the role of each")
    MESSAGES = "messages", _("Key messages and content pillars")
    TONE = "tone", _("Tone of voice, language and script")
    ROLES = "roles", _("Roles and the approval process")
    CRISIS = "crisis", _("Crisis communication")
    KPIS = "kpis", _("Indicators and how we measure them")
    TIMELINE = "timeline", _("Timeline")


@dataclass(frozen=True)
class Section:
    key: str
    guidance: str
    example: str

    @property
    def title(self) -> str:
        return SectionKey(self.key).label


SECTIONS = (
    Section(
        SectionKey.SITUATION,
        _(
            "List the channels you already have, who follows them and who runs them, and "
            "how many hours a week you can really give. Be honest: the plan is built on this."
        ),
        _(
            "Facebook page with 4,200 followers, run by one PR officer besides other work; "
            "the website is updated by the IT service; no Instagram yet."
        ),
    ),
    Section(
        SectionKey.GOALS,
        _(
            "Two or three goals at most, each specific, measurable, achievable, relevant and "
            "time-bound (SMART). A goal says what changes for citizens, not only what you post."
        ),
        _(
            "By the end of the year, answer every citizen's question on Facebook within one "
            "working day."
        ),
    ),
    Section(
        SectionKey.AUDIENCES,
        _(
            "Name the groups you want to reach and what each of them needs from you. "
            '"The citizens" is not a target group.'
        ),
        _("Parents of preschool children: enrolment deadlines, kindergarten news."),
    ),
    Section(
        SectionKey.CHANNELS,
        _(
            "For each channel say what it is for and for whom. Fewer channels done well beat "
            "many abandoned ones."
        ),
        _(
            "Facebook: announcements and answers to citizens; Instagram: life in the city in "
            "pictures; website: the official record."
        ),
    ),
    Section(
        SectionKey.MESSAGES,
        _(
            "Three to five content pillars (recurring themes) and one key message for each. "
            "Every post should fit one pillar."
        ),
        _('Pillar "Services": every procedure explained in three steps and one picture.'),
    ),
    Section(
        SectionKey.TONE,
        _(
            'How you speak: formal or friendly, "ti" or "vi", emoji or not. Decide the '
            "language and script and keep to them in every post."
        ),
        _('Friendly but official; we address citizens with "vi"; posts in Latin script.'),
    ),
    Section(
        SectionKey.ROLES,
        _(
            "Who writes, who approves and how fast. Name a deputy for holidays and sick leave, "
            "and what may be published without approval."
        ),
        _(
            "The PR officer writes; the head of cabinet approves within four working hours; "
            "weather and traffic warnings go out without approval."
        ),
    ),
    Section(
        SectionKey.CRISIS,
        _(
            "What counts as a crisis, who is told first, who speaks, how soon the first "
            "message goes out, and how you handle insulting comments."
        ),
        _(
            "The first message within one hour, approved by the head of cabinet; updates "
            "every three hours until the end of the crisis."
        ),
    ),
    Section(
        SectionKey.KPIS,
        _(
            "For each goal one or two indicators, where you read them (the networks' own "
            "statistics) and how often. Reach and answers count more than likes."
        ),
        _("Average time to answer a question: measured once a month from the inbox."),
    ),
    Section(
        SectionKey.TIMELINE,
        _(
            "Steps by month, each with the person responsible. Start small: the first three "
            "months decide whether the plan lives."
        ),
        _("March: open the Instagram profile; April: first monthly content plan."),
    ),
)

SECTION_BY_KEY = {section.key: section for section in SECTIONS}

# What a new proposal starts with, by template and section: prompts to answer, not text to keep.
TEMPLATE_STARTS = {
    TemplateKind.MUNICIPALITY: {
        SectionKey.SITUATION: _(
            "Our channels today (Facebook, Instagram, website, local media):\n"
            "Who runs them and how many hours a week:\n"
            "What citizens most often ask us about:"
        ),
        SectionKey.AUDIENCES: _(
            "Citizens of the villages and local communities:\nYoung people:\n"
            "Entrepreneurs and farmers:\nLocal media:"
        ),
        SectionKey.ROLES: _(
            "Writes posts:\nApproves them (head of cabinet, mayor):\n"
            "Published without approval (warnings, traffic, utilities):"
        ),
        SectionKey.CRISIS: _(
            "Typical crises (floods, water supply, snow):\nWho is told first:\n"
            "Who speaks for the municipality:"
        ),
    },
    TemplateKind.INSTITUTE: {
        SectionKey.SITUATION: _(
            "Our channels today:\nWho runs them besides other work:\n"
            "How we work with the founding municipality's PR service:"
        ),
        SectionKey.AUDIENCES: _("Users of our services:\nThe founder (municipality):\nPartners:"),
        SectionKey.ROLES: _("Writes posts:\nApproves them (director):\nAgreed with the founder:"),
    },
    TemplateKind.STATE_BODY: {
        SectionKey.SITUATION: _(
            "Our channels today:\nWhat the law or the government's rules require us to publish:\n"
            "Who runs the channels:"
        ),
        SectionKey.AUDIENCES: _(
            "Citizens who use our services:\nOther institutions:\nMedia:\nInternational partners:"
        ),
        SectionKey.ROLES: _(
            "Writes posts:\nApproves them (head of the institution, spokesperson):\n"
            "Official languages and scripts we publish in:"
        ),
        SectionKey.CRISIS: _(
            "Who is informed first (minister, government's information service):\n"
            "Who speaks for the institution:"
        ),
    },
}


def template_start(template: str, key: str) -> str:
    return str(TEMPLATE_STARTS.get(template, {}).get(key, ""))

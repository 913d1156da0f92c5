"""Reads of proposals: an institution's list, a proposal's sections in their order with their
guidance, its versions and what changed between two of them, its mentor pair, and the
language its exported document and its review are written in."""

import re
from dataclasses import dataclass

from django.db.models import Count, Q

from glasnik.core.word_diff import Piece, word_changes
from glasnik.mentoring.models import MentoringPair
from glasnik.toolkit.access import current_positions

from .models import Proposal, ProposalSection, ProposalStatus, ProposalVersion
from .sections import SECTION_BY_KEY, SECTIONS, Section

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-zčćžšđČĆŽŠĐ]")


def institution_proposals(organization) -> list[Proposal]:
    return list(
        Proposal.objects.filter(organization=organization)
        .select_related("created_by")
        .annotate(version_count=Count("versions"))
        .order_by("-updated_at", "-pk")
    )


def proposals_awaiting(organization) -> int:
    return Proposal.objects.filter(
        organization=organization, status=ProposalStatus.AWAITING_APPROVAL
    ).count()


@dataclass
class SectionView:
    section: ProposalSection
    guide: Section


def proposal_sections(proposal: Proposal) -> list[SectionView]:
    """The sections in the order the guidance gives them, each with its guidance."""
    by_key = {
        section.key: section
        for section in ProposalSection.objects.filter(proposal=proposal).select_related(
            "updated_by"
        )
    }
    return [SectionView(by_key[guide.key], guide) for guide in SECTIONS if guide.key in by_key]


def current_texts(proposal: Proposal) -> dict[str, str]:
    return dict(ProposalSection.objects.filter(proposal=proposal).values_list("key", "text"))


def texts_are_empty(texts: dict[str, str]) -> bool:
    return not any(text.strip() for text in texts.values())


def proposal_versions(proposal: Proposal) -> list[ProposalVersion]:
    return list(
        ProposalVersion.objects.filter(proposal=proposal)
        .select_related("author")
        .order_by("-number")
    )


def mentor_pairs(organization):
    """The mentoring pairs of the institution: paired with it, or with one of its staff."""
    staff = current_positions().filter(organization=organization).values("person_id")
    return (
        MentoringPair.objects.filter(Q(organization=organization) | Q(mentee_id__in=staff))
        .select_related("mentor", "program")
        .order_by("-pk")
    )


def writing_language(proposal: Proposal, texts: dict[str, str]) -> str:
    """The interface language whose words (section titles) go with the proposal's text: for
    Serbian and Bosnian, in the script most of the text is written in."""
    joined = " ".join(texts.values())
    cyrillic = len(CYRILLIC.findall(joined)) > len(LATIN.findall(joined))
    if proposal.language in ("sr", "cnr"):
        return "sr" if cyrillic else "sr-latn"
    if proposal.language == "bs":
        return "bs-cyrl" if cyrillic else "bs"
    if proposal.language in ("hr", "sl"):
        return proposal.language
    return "en"


# --- what changed between versions ---------------------------------------------------------


@dataclass
class SectionChange:
    title: str
    changed: bool
    pieces: list[Piece]
    text: str  # the new version's text


def version_changes(old: ProposalVersion | None, new: ProposalVersion) -> list[SectionChange]:
    """Section by section, what the new version changed against the old (everything added
    when there is no old one)."""
    before = old.texts if old else {}
    changes = []
    for guide in SECTIONS:
        old_text, new_text = before.get(guide.key, ""), new.texts.get(guide.key, "")
        changes.append(
            SectionChange(
                guide.title, old_text != new_text, word_changes(old_text, new_text), new_text
            )
        )
    return changes


def section_title(key: str) -> str:
    return SECTION_BY_KEY[key].title

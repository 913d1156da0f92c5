"""The post coach's rules, in one place.

A rule is a function that reads a `Post` and returns the specifics of each tip it has (zero or
more short texts, e.g. "312 characters; X takes 280."), registered with its stable code, a
title, why it matters, how to fix it and its severity:

    @rule("hashtag_count", title=_("Many hashtags"), why=_("..."), how=_("..."),
          severity=Severity.ADVICE)
    def hashtag_count(post: Post) -> list[str]:
        ...

`coach_check(...)` runs every rule the institution has not turned off and returns the tips,
problems first. A rule must answer any text (empty, only emoji, very long) without failing."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from glasnik.core.transliteration import search_key

from . import words
from .platforms import TEXT_LIMITS, VISIBLE_BEFORE_MORE, Platform


class Severity(models.TextChoices):
    PROBLEM = "problem", gettext_lazy("Problem")
    ADVICE = "advice", gettext_lazy("Advice")


@dataclass(frozen=True)
class Rule:
    code: str
    title: Promise
    why: Promise
    how: Promise
    severity: str
    check: Callable[["Post"], list[str]]

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label


@dataclass(frozen=True)
class Tip:
    rule: Rule
    detail: str

    @property
    def is_problem(self) -> bool:
        return self.rule.severity == Severity.PROBLEM


RULES: dict[str, Rule] = {}


def rule(code: str, *, title: Promise, why: Promise, how: Promise, severity: str):
    """Register the decorated function as the rule `code` (codes are kept in settings: never
    rename one)."""

    def register(check: Callable[["Post"], list[str]]):
        RULES[code] = Rule(code, title, why, how, severity, check)
        return check

    return register


# --- the post, read once -------------------------------------------------------------------------

LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"“”„«»]+", re.IGNORECASE)
HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
MENTION = re.compile(r"(?<!\w)@\w+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n\s*\n")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Pictographs, symbols, flags and their joiners: what feeds count as emoji.
EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}|[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55\u2934\u2935"
    "\u3030\u303d\u3297\u3299](?:\ufe0f)?(?:\u200d[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?)*"
)


@dataclass(frozen=True)
class Post:
    text: str
    platforms: tuple[str, ...] = ()
    is_announcement: bool = False
    has_media: bool = False
    alt_text: str = ""
    language: str = ""

    @cached_property
    def links(self) -> list[str]:
        return LINK.findall(self.text)

    @cached_property
    def prose(self) -> str:
        """The text without links, hashtags and mentions: what is read as sentences."""
        return MENTION.sub(" ", HASHTAG.sub(" ", LINK.sub(" ", self.text)))

    @cached_property
    def hashtags(self) -> list[str]:
        return HASHTAG.findall(LINK.sub(" ", self.text))

    @cached_property
    def words(self) -> list[str]:
        return WORD.findall(self.prose)

    @cached_property
    def key(self) -> str:
        """The text as `search_key` folds it, with single spaces: what word lists match."""
        return " ".join(search_key(self.text).split())


def coach_check(
    *,
    text: str,
    platforms=(),
    is_announcement: bool = False,
    has_media: bool = False,
    alt_text: str = "",
    language: str = "",
    disabled=(),
) -> list[Tip]:
    """The tips for a post, problems first, then in the order the rules are registered."""
    post = Post(
        text=text or "",
        platforms=tuple(p for p in platforms if p in TEXT_LIMITS),
        is_announcement=is_announcement,
        has_media=has_media,
        alt_text=alt_text or "",
        language=language or "",
    )
    tips = [
        Tip(one_rule, detail)
        for code, one_rule in RULES.items()
        if code not in disabled
        for detail in one_rule.check(post)
    ]
    return sorted(tips, key=lambda tip: not tip.is_problem)


def platform_name(code: str) -> str:
    return str(Platform(code).label)


# --- length --------------------------------------------------------------------------------------


@rule(
    "length",
    title=gettext_lazy("Too long for a platform"),
    why=gettext_lazy(
        "A platform refuses a post longer than its limit, or cuts it off in the middle."
    ),
    how=gettext_lazy(
        "Shorten the text, or write a shorter variant for that platform and link to the rest."
    ),
    severity=Severity.PROBLEM,
)
def length(post: Post) -> list[str]:
    size = len(post.text)
    return [
        _("%(count)s characters; %(platform)s takes %(limit)s.")
        % {"count": size, "platform": platform_name(code), "limit": TEXT_LIMITS[code]}
        for code in post.platforms
        if size > TEXT_LIMITS[code]
    ]


@rule(
    "more_cut",
    title=gettext_lazy("Cut behind “more”"),
    why=gettext_lazy("In the feed only the beginning is shown; most people never open the rest."),
    how=gettext_lazy("Put what matters most (what, when, where) in the first sentence."),
    severity=Severity.ADVICE,
)
def more_cut(post: Post) -> list[str]:
    size = len(post.text)
    return [
        _("%(platform)s shows the first %(visible)s characters; the post has %(count)s.")
        % {"platform": platform_name(code), "visible": VISIBLE_BEFORE_MORE[code], "count": size}
        for code in post.platforms
        if code in VISIBLE_BEFORE_MORE
        and size > VISIBLE_BEFORE_MORE[code]
        and size <= TEXT_LIMITS[code]
    ]


# --- hashtags ------------------------------------------------------------------------------------

MAX_HASHTAGS = 5


@rule(
    "hashtag_count",
    title=gettext_lazy("Many hashtags"),
    why=gettext_lazy(
        "A post full of hashtags is hard to read, looks like spam and is read out tag by tag "
        "by screen readers."
    ),
    how=gettext_lazy("Keep two or three hashtags that people really follow or search for."),
    severity=Severity.ADVICE,
)
def hashtag_count(post: Post) -> list[str]:
    count = len(post.hashtags)
    if count <= MAX_HASHTAGS:
        return []
    return [
        ngettext(
            "%(count)s hashtag; more than %(most)s is too many.",
            "%(count)s hashtags; more than %(most)s is too many.",
            count,
        )
        % {"count": count, "most": MAX_HASHTAGS}
    ]


LONGEST_TAG_READ = 40  # a longer tag is not split into words
MOST_TAGS_READ = 30  # nor more tags than this (a pasted list of thousands answers quickly)


def tag_words(tag: str, vocabulary: frozenset[str]) -> list[str] | None:
    """`tag` split into words of `vocabulary` (compared by search key), fewest words first;
    None when it cannot be."""
    best: list[list[str] | None] = [[]] + [None] * len(tag)
    for end in range(1, len(tag) + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            if before is None or search_key(tag[start:end]) not in vocabulary:
                continue
            if best[end] is None or len(before) + 1 < len(best[end]):
                best[end] = [*before, tag[start:end]]
    return best[-1]


def is_camel_case(tag: str) -> bool:
    return any(letter.isupper() for letter in tag[1:]) or not tag.isalpha()


@rule(
    "hashtag_camel_case",
    title=gettext_lazy("Hashtags without capital letters"),
    why=gettext_lazy(
        "Screen readers read #opstinakula as one long word; with a capital letter at the start "
        "of each word (#OpstinaKula) it is read as words, and everyone reads it faster."
    ),
    how=gettext_lazy("Start each word of a hashtag with a capital letter."),
    severity=Severity.ADVICE,
)
def hashtag_camel_case(post: Post) -> list[str]:
    tags = [
        tag
        for tag in dict.fromkeys(post.hashtags)
        if not is_camel_case(tag) and len(tag) <= LONGEST_TAG_READ
    ][:MOST_TAGS_READ]
    if not tags:
        return []
    vocabulary = frozenset(words.TAG_WORDS) | {search_key(w) for w in post.words if len(w) > 1}
    tips = []
    for tag in tags:
        parts = tag_words(tag, vocabulary)
        if parts and len(parts) > 1:
            better = "".join(part[:1].upper() + part[1:] for part in parts)
            tips.append(_("#%(tag)s → #%(better)s") % {"tag": tag, "better": better})
        elif parts is None and len(tag) > 7:
            tips.append(
                _("#%(tag)s: if it is more than one word, start each with a capital letter.")
                % {"tag": tag}
            )
    return tips


# --- media and links -----------------------------------------------------------------------------


@rule(
    "alt_text",
    title=gettext_lazy("Image without alt text"),
    why=gettext_lazy(
        "People who cannot see the image hear its description from their screen reader; "
        "without one they miss what it shows."
    ),
    how=gettext_lazy("Describe in a sentence or two what the image shows and what text is on it."),
    severity=Severity.PROBLEM,
)
def alt_text(post: Post) -> list[str]:
    if post.has_media and not post.alt_text.strip():
        return [_("The image has no description.")]
    return []


MAX_LINKS = 1


@rule(
    "link_count",
    title=gettext_lazy("Several links"),
    why=gettext_lazy("With several links people do not know which one to follow."),
    how=gettext_lazy("Keep one link, to the page where people can do what you ask."),
    severity=Severity.ADVICE,
)
def link_count(post: Post) -> list[str]:
    count = len(post.links)
    if count <= MAX_LINKS:
        return []
    return [ngettext("%(count)s link.", "%(count)s links.", count) % {"count": count}]


def link_host(link: str) -> str:
    address = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower())
    return address.split("/", 1)[0].split("?", 1)[0]


@rule(
    "link_shortened",
    title=gettext_lazy("Shortened link"),
    why=gettext_lazy(
        "A shortened link hides where it leads, so careful readers do not trust it, and it "
        "stops working when the shortening service closes."
    ),
    how=gettext_lazy("Use the full address of the institution's page."),
    severity=Severity.ADVICE,
)
def link_shortened(post: Post) -> list[str]:
    return [link for link in post.links if link_host(link) in words.LINK_SHORTENERS]


@rule(
    "link_instagram",
    title=gettext_lazy("Link in an Instagram caption"),
    why=gettext_lazy("Links in Instagram captions cannot be clicked or copied."),
    how=gettext_lazy(
        "Put the link in the profile (“link in bio”) or in a story, and say so in the caption."
    ),
    severity=Severity.PROBLEM,
)
def link_instagram(post: Post) -> list[str]:
    if Platform.INSTAGRAM in post.platforms and post.links:
        return [_("The caption has a link: %(link)s") % {"link": post.links[0]}]
    return []


# --- how it reads --------------------------------------------------------------------------------

EMOJI_PER_WORDS = 10  # more than one emoji in this many words is too many
MIN_EMOJI_NOTED = 4


@rule(
    "emoji_density",
    title=gettext_lazy("Many emoji"),
    why=gettext_lazy(
        "Screen readers read out the name of every emoji, and too many make an institution's "
        "post hard to take seriously."
    ),
    how=gettext_lazy("Keep a few emoji, at the end of a sentence, never instead of words."),
    severity=Severity.ADVICE,
)
def emoji_density(post: Post) -> list[str]:
    count = len(EMOJI.findall(post.text))
    if count < MIN_EMOJI_NOTED or count * EMOJI_PER_WORDS <= len(post.words):
        return []
    return [
        ngettext(
            "%(count)s emoji in %(words)s words.",
            "%(count)s emoji in %(words)s words.",
            count,
        )
        % {"count": count, "words": len(post.words)}
    ]


LONGEST_ACRONYM = 4
EXAMPLES = 3


@rule(
    "all_caps",
    title=gettext_lazy("Words in capital letters"),
    why=gettext_lazy(
        "Words in capitals read as shouting, are harder to read, and some screen readers spell "
        "them letter by letter."
    ),
    how=gettext_lazy(
        "Write them in ordinary letters; stress a word with the sentence, not with capitals. "
        "Acronyms (JKP, EU) are fine."
    ),
    severity=Severity.ADVICE,
)
def all_caps(post: Post) -> list[str]:
    shouted = [w for w in post.words if len(w) > LONGEST_ACRONYM and w.isupper()]
    if not shouted:
        return []
    return [", ".join(dict.fromkeys(shouted[:EXAMPLES]))]


LONGEST_SENTENCE = 25


@rule(
    "long_sentence",
    title=gettext_lazy("Long sentences"),
    why=gettext_lazy("Long sentences are hard to follow on a phone, and many people give up."),
    how=gettext_lazy("Split them: one idea per sentence, about 15 to 20 words."),
    severity=Severity.ADVICE,
)
def long_sentence(post: Post) -> list[str]:
    tips = []
    for sentence in SENTENCE_END.split(post.prose):
        count = len(WORD.findall(sentence))
        if count > LONGEST_SENTENCE:
            beginning = " ".join(sentence.split()[:6])
            tips.append(
                _("A sentence of %(count)s words: “%(beginning)s…”")
                % {"count": count, "beginning": beginning}
            )
    return tips[:EXAMPLES]


@rule(
    "mixed_scripts",
    title=gettext_lazy("Cyrillic and Latin in one post"),
    why=gettext_lazy(
        "A post in two scripts looks careless, and search and transliteration treat the two "
        "parts differently."
    ),
    how=gettext_lazy(
        "Write the whole post in one script; names of platforms and brands may stay as they are."
    ),
    severity=Severity.ADVICE,
)
def mixed_scripts(post: Post) -> list[str]:
    cyrillic = sum(1 for w in post.words if CYRILLIC.search(w) and not LATIN.search(w))
    latin = sum(1 for w in post.words if LATIN.search(w) and not CYRILLIC.search(w))
    if cyrillic < 2 or latin < 2:
        return []
    counts = {"cyrillic": cyrillic, "latin": latin}
    return [_("%(cyrillic)s words in Cyrillic, %(latin)s in Latin.") % counts]


@rule(
    "mixed_script_word",
    title=gettext_lazy("A word with Cyrillic and Latin letters"),
    why=gettext_lazy(
        "Some letters look the same in Cyrillic and Latin (a, o, e, c); a word typed with both "
        "is not found by search and screen readers stumble on it."
    ),
    how=gettext_lazy("Type the word again in one script."),
    severity=Severity.PROBLEM,
)
def mixed_script_word(post: Post) -> list[str]:
    mixed = [w for w in post.words if CYRILLIC.search(w) and LATIN.search(w)]
    return list(dict.fromkeys(mixed))[:EXAMPLES]


STRAIGHT_QUOTED = re.compile(r"\"([^\"\n]{1,60})\"")


@rule(
    "quotes",
    title=gettext_lazy("Straight quotation marks"),
    why=gettext_lazy(
        'Each language has its own quotation marks; straight ones ("…") are a typewriter\'s '
        "and look careless in an institution's text."
    ),
    how=gettext_lazy(
        "Use „…“ in Serbian, Bosnian and Croatian, „…“ or »…« in Slovenian and “…” in English."
    ),
    severity=Severity.ADVICE,
)
def quotes(post: Post) -> list[str]:
    if '"' not in post.prose:
        return []
    opening, closing = words.QUOTES.get(post.language.split("-")[0], words.QUOTES["sr"])[0]
    found = STRAIGHT_QUOTED.search(post.prose)
    if found is None:
        marks = {"opening": opening, "closing": closing}
        return [_('Replace " with %(opening)s…%(closing)s.') % marks]
    quoted = found.group(1)
    return [f'"{quoted}" → {opening}{quoted}{closing}']


def call_to_action_pattern(language: str) -> re.Pattern:
    lists = words.CALLS_TO_ACTION
    chosen = [lists[language]] if language in lists else lists.values()
    phrases = sorted({phrase for one in chosen for phrase in one}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + ")")


CALL_TO_ACTION_PATTERNS = {
    language: call_to_action_pattern(language) for language in [*words.CALLS_TO_ACTION, ""]
}


@rule(
    "call_to_action",
    title=gettext_lazy("No call to action"),
    why=gettext_lazy(
        "A post that asks for something (apply, come, read, share) gets more done than one "
        "that only informs."
    ),
    how=gettext_lazy("End with what you want people to do: “Apply by Friday”, “Read more at …”."),
    severity=Severity.ADVICE,
)
def call_to_action(post: Post) -> list[str]:
    if not post.words:
        return []
    language = post.language.split("-")[0]
    language = "sr" if language == "cnr" else language
    pattern = CALL_TO_ACTION_PATTERNS.get(language, CALL_TO_ACTION_PATTERNS[""])
    if pattern.search(post.key):
        return []
    return [_("No verb or phrase asking the reader to do something was found.")]


@rule(
    "announcement_details",
    title=gettext_lazy("An announcement without date, time or place"),
    why=gettext_lazy(
        "People who want to come need to know when and where; without that they ask in the "
        "comments or stay at home."
    ),
    how=gettext_lazy(
        "Give the date (12. 3. 2027), the time (10 h) and the place (the hall, the street and "
        "number) in the first lines."
    ),
    severity=Severity.PROBLEM,
)
def announcement_details(post: Post) -> list[str]:
    if not post.is_announcement:
        return []
    missing = [
        (words.DATE_PATTERN, pgettext_lazy("announcement", "No date found.")),
        (words.TIME_PATTERN, pgettext_lazy("announcement", "No time found.")),
        (words.PLACE_PATTERN, pgettext_lazy("announcement", "No place found.")),
    ]
    return [str(message) for pattern, message in missing if not pattern.search(post.key)]

"""What Latin → Cyrillic needs beyond the alphabet: words to keep and pairs to keep apart.

The rules come from the shipped data files plus the `TransliterationException` rows organisers
add in the admin. They are built once per process and rebuilt only when the exception list
changes: the services store a new version token in the shared cache, and each process compares
it with the token it built from at most every `GLASNIK_TRANSLITERATION_RECHECK_SECONDS`
(default 5). A process that changed the list itself rebuilds at once.
"""

import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

from .alphabet import SERBIAN_LATIN_LETTERS, letters_to_cyrillic, split_points

logger = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
VERSION_CACHE_KEY = "transliteration:exceptions:version"
# Serbian case endings after a kept name: "na Instagramu", "Vibera", "Zoomom".
CASE_ENDINGS = frozenset(["a", "e", "i", "u", "om", "em", "ov", "ove", "ova", "ovi", "ovu", "ima"])

KEEP = "keep"  # an action: the word stays as written
_ROMAN_NUMERAL = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# Capital words that are both Roman numerals and Serbian words ("ŠTA MISLITE VI?", "VI sednica").
AMBIGUOUS_ROMAN_NUMERALS = frozenset(["VI", "MI", "LI", "DI", "DIV"])
_FOREIGN_LATIN = re.compile(
    "[{}]".format(
        "".join(
            re.escape(char)
            for char in map(chr, [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)])
            if char.isalpha() and char not in SERBIAN_LATIN_LETTERS
        )
    )
)
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
# A capital after a small letter: product names (iCalendar, eUprava, PowerPoint), never a
# Serbian word.
_CAPITAL_INSIDE = re.compile("[a-zčćžšđ][A-ZČĆŽŠĐ]")
# Pieces longer than this are converted without being remembered.
LONGEST_REMEMBERED_PIECE = 64


@dataclass(frozen=True)
class Entry:
    """One exception: `latin` (lower case) → KEEP or the indices where a pair stays apart."""

    latin: str
    action: str | tuple[int, ...]
    whole_word: bool


def parse_split_line(line: str) -> Entry | None:
    """ "in|jekc*" → Entry("injekc", (2,), whole_word=False)."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return None
    whole_word = not line.endswith("*")
    pieces = line.rstrip("*").lower().split("|")
    points, length = [], 0
    for piece in pieces[:-1]:
        length += len(piece)
        points.append(length)
    return Entry("".join(pieces), tuple(points), whole_word)


def entry_from_spellings(latin: str, cyrillic: str, *, whole_word: bool) -> Entry | None:
    """An organiser's exception: Cyrillic spelled like the Latin (keep), or letter for letter."""
    if latin == cyrillic:
        return Entry(latin.lower(), KEEP, whole_word)
    points = split_points(latin, cyrillic)
    return None if points is None else Entry(latin.lower(), points, whole_word)


@cache
def shipped_entries() -> tuple[Entry, ...]:
    lines = (DATA / "splits.txt").read_text(encoding="utf-8").splitlines()
    return tuple(entry for entry in map(parse_split_line, lines) if entry)


@cache
def shipped_foreign_words() -> tuple[frozenset[str], frozenset[str]]:
    """(any case, lower-cased; exact case) words kept as written."""
    any_case, exact = set(), set()
    for raw in (DATA / "foreign.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("="):
            exact.add(line[1:])
        elif line:
            any_case.add(line.lower())
    return frozenset(any_case), frozenset(exact)


def is_roman_numeral(word: str) -> bool:
    """Two or more capitals forming a Roman numeral: II, IV, XIV, MMXXVI. A lone "I" is the
    conjunction, and lone "V", "C", "D" … are usually initials, so single letters are not."""
    return len(word) > 1 and _ROMAN_NUMERAL.fullmatch(word) is not None


@dataclass
class Rules:
    words: dict[str, str | tuple[int, ...]]
    stems: dict[str, str | tuple[int, ...]]
    foreign: frozenset[str]
    foreign_exact: frozenset[str]
    stem_lengths: tuple[int, ...] = ()
    # Memo of converted words: `converted[word]` converts on a miss (see `_WordMemo`).
    converted: "_WordMemo" = field(init=False)
    # ... and of converted runs of text without spaces (see `text.to_cyrillic`), noting those
    # whose conversion depends on their neighbours.
    converted_pieces: "_WordMemo" = field(init=False)
    pieces_with_numerals: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        from .text import piece_to_cyrillic

        self.converted = _WordMemo(self._convert)
        self.converted_pieces = _WordMemo(
            lambda piece: piece_to_cyrillic(piece, self),
            longest=LONGEST_REMEMBERED_PIECE,
            cleared=self.pieces_with_numerals.clear,
        )

    @classmethod
    def build(cls, entries: list[Entry]) -> "Rules":
        words, stems = {}, {}
        for entry in entries:  # later entries win: the database after the shipped file
            (words if entry.whole_word else stems)[entry.latin] = entry.action
        foreign, exact = shipped_foreign_words()
        lengths = tuple(sorted({len(stem) for stem in stems}, reverse=True))
        return cls(words, stems, foreign, exact, lengths)

    def word_to_cyrillic(self, word: str) -> str:
        """One run of letters and digits, on its own (no context for ambiguous numerals)."""
        return self.converted[word]

    def _convert(self, word: str) -> str:
        if (
            "_" in word
            or not _LATIN.search(word)
            or _FOREIGN_LATIN.search(word)
            or _CAPITAL_INSIDE.search(word)
        ):
            return word
        if self.is_foreign(word) or (
            is_roman_numeral(word) and word not in AMBIGUOUS_ROMAN_NUMERALS
        ):
            return word  # an ambiguous numeral is read as a word; the caller looks at context
        lower = word.lower()
        action = self._action(lower) if len(lower) == len(word) else None
        if action == KEEP:
            return word
        if not action:
            return letters_to_cyrillic(word)
        bounds = (0, *action, len(word))
        return "".join(letters_to_cyrillic(word[start:end]) for start, end in pairwise(bounds))

    def is_foreign(self, word: str) -> bool:
        lower = word.lower()
        if lower in self.foreign or word in self.foreign_exact:
            return True
        return any(
            len(word) > length + 1
            and lower[-length:] in CASE_ENDINGS
            and (lower[:-length] in self.foreign or word[:-length] in self.foreign_exact)
            for length in (1, 2, 3)
        )

    def _action(self, lower: str) -> str | tuple[int, ...] | None:
        action = self.words.get(lower)
        if action is not None:
            return action
        for length in self.stem_lengths:
            if length <= len(lower) and (action := self.stems.get(lower[:length])) is not None:
                return action
        return None


class _WordMemo(dict):
    """A dict whose misses convert the word: lookups of known words stay in C."""

    def __init__(self, convert, *, longest: int | None = None, cleared=lambda: None) -> None:
        super().__init__()
        self.convert = convert
        self.longest = longest
        self.cleared = cleared

    def __missing__(self, word: str) -> str:
        if self.longest is not None and len(word) > self.longest:
            return self.convert(word)
        if len(self) > 100_000:  # text repeats its words; a flood of new ones must not grow it
            self.clear()
            self.cleared()
        converted = self[word] = self.convert(word)
        return converted


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rules: Rules | None = None
        self.version: str | None = None
        self.complete = False  # False while the database rows could not be read
        self.checked_at = 0.0
        self.recheck_seconds = 0.0


_state = _State()


def current_rules() -> Rules:
    """The rules to use now; the shared version is looked at no more often than configured."""
    now = time.monotonic()
    if _state.rules is not None and now - _state.checked_at < _state.recheck_seconds:
        return _state.rules
    with _state.lock:
        version = _shared_version()
        # A missing token (cache flushed) is no reason to reload: only a new token is.
        stale = version is not None and version != _state.version
        if _state.rules is None or stale or not _state.complete:
            rows = _database_entries()
            _state.complete = rows is not None
            _state.rules = Rules.build([*shipped_entries(), *(rows or [])])
            _state.version = version
        _state.checked_at = now
        _state.recheck_seconds = _recheck_seconds()
        return _state.rules


def rules_changed() -> None:
    """Called by the services after the exception list changed (on commit)."""
    try:
        from django.core.cache import cache as shared_cache

        shared_cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # the cache being down must not break the write that got us here
        logger.exception("Could not publish a new transliteration exceptions version")
    rules_reset()


def rules_reset() -> None:
    """Forget this process's rules; they are rebuilt on the next conversion."""
    with _state.lock:
        _state.rules = None
        _state.checked_at = 0.0


def _recheck_seconds() -> float:
    from django.conf import settings

    return getattr(settings, "GLASNIK_TRANSLITERATION_RECHECK_SECONDS", 5.0)


def _shared_version() -> str | None:
    try:
        from django.core.cache import cache as shared_cache

        return shared_cache.get(VERSION_CACHE_KEY)
    except Exception:  # a conversion must work when the cache does not
        logger.exception("Could not read the transliteration exceptions version")
        return None


def _database_entries() -> list[Entry] | None:
    try:
        from glasnik.core.models import TransliterationException

        rows = list(TransliterationException.objects.values_list("latin", "cyrillic", "match"))
    except Exception:  # no database (a build step, a test without one): the shipped data only
        logger.warning("Transliteration exceptions not loaded from the database", exc_info=True)
        return None
    entries = (
        entry_from_spellings(latin, cyrillic, whole_word=match == "word")
        for latin, cyrillic, match in rows
    )
    return [entry for entry in entries if entry is not None]

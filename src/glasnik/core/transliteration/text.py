"""Plain text in either direction. Latin → Cyrillic works word by word, and only on text that
has Latin letters in it; addresses, handles, code and entities are passed over whole."""

import re

from .alphabet import normalize, to_latin
from .rules import AMBIGUOUS_ROMAN_NUMERALS, Rules, current_rules

_HAS_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_TOP_LEVEL_DOMAINS = (
    "rs|srb|ba|me|hr|si|mk|al|bg|ro|hu|at|de|ch|it|fr|uk|eu|com|org|net|gov|edu|int|info|io|app"
)
# Kept whole. Possessive quantifiers (Python 3.11+) and the look-behinds keep a failed try from
# going back over the same word.
_PROTECTED = re.compile(
    r"""
      `[^`\n]++`
    | (?:https?|ftp)://[^\s<>"'`]++
    | (?<![\w.-])www\.[^\s<>"'`]++
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++
    | (?<![\w@&])[@\#]\w++
    | &(?:\#\d++|\#[xX][0-9a-fA-F]++|[A-Za-z][A-Za-z0-9]*+);
    | (?<![\w@.-])(?:[\w-]++\.)++(?:"""
    + _TOP_LEVEL_DOMAINS
    + r""")(?![\w-])(?:/[^\s<>"'`]*+)?
    """,
    re.VERBOSE,
)
# Every token above contains one of these; the search for them is fast (a literal first char),
# and the full pattern then runs only on the stretch of non-space around each.
_MARKER = re.compile(r"[`@#&]|://|www\.|\.(?:" + _TOP_LEVEL_DOMAINS + r")(?![\w-])")
_CODE = re.compile(r"`[^`\n]++`")
_SPACE = re.compile(r"\s")
_WORDS = re.compile(r"(\w+)")
_CLOSE = re.compile(r"[\s\"'„“”‘’()\-–—]*")


def to_cyrillic(text: str) -> str:
    """Serbian Latin → Cyrillic. Kept as written: web and e-mail addresses, @handles and
    #hashtags, `code`, HTML entities, words with q/w/x/y or non-Serbian letters, listed brands
    (also with a case ending), Roman numerals of two or more letters, and words with "_".

    Cyrillic letters in the text stay; in a word mixing both scripts each Latin letter is
    converted ("Бeоград" with a Latin e → "Београд").
    """
    text = normalize(text)
    if not _HAS_LATIN.search(text):
        return text
    rules = current_rules()
    pieces, position = [], 0
    for start, end in _protected_spans(text):
        pieces.append(_words_to_cyrillic(text[position:start], rules))
        pieces.append(text[start:end])
        position = end
    if not pieces:
        return _words_to_cyrillic(text, rules)
    pieces.append(_words_to_cyrillic(text[position:], rules))
    return "".join(pieces)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Where `_PROTECTED` matches, in order, looking only near a marker."""
    if "`" in text:  # code may hold spaces: the whole text, the slow way (rare)
        return [match.span() for match in _PROTECTED.finditer(text)]
    spans: list[tuple[int, int]] = []
    searched_to = 0
    for marker in _MARKER.finditer(text):
        if marker.start() < searched_to:
            continue
        start = max(text.rfind(" ", 0, marker.start()), text.rfind("\n", 0, marker.start())) + 1
        space = _SPACE.search(text, marker.end())
        searched_to = space.start() if space else len(text)
        spans.extend(match.span() for match in _PROTECTED.finditer(text, start, searched_to))
    return spans


def _words_to_cyrillic(text: str, rules: Rules) -> str:
    """Word by word through the rules' memo; what lies between words has no letters."""
    parts = _WORDS.split(text)
    words = parts[1::2]
    converted = list(map(rules.converted.__getitem__, words))
    if not AMBIGUOUS_ROMAN_NUMERALS.isdisjoint(words):
        _keep_roman_numerals(parts, converted)
    parts[1::2] = converted
    return "".join(parts)


def _keep_roman_numerals(parts: list[str], converted: list[str]) -> None:
    """ "VI sednica" and "Petar VI" keep the numeral; "ŠTA MISLITE VI?", a headline in capitals,
    has the pronoun. A neighbour counts only if no punctuation stands between."""
    words = parts[1::2]
    for index, word in enumerate(words):
        if word not in AMBIGUOUS_ROMAN_NUMERALS:
            continue
        neighbours = []
        if index > 0 and _CLOSE.fullmatch(parts[2 * index]):
            neighbours.append(words[index - 1])
        if index + 1 < len(words) and _CLOSE.fullmatch(parts[2 * index + 2]):
            neighbours.append(words[index + 1])
        if not any(len(other) > 1 and other.isupper() for other in neighbours):
            converted[index] = word


def transliterate(text: str, target: str) -> str:
    """`target` is "cyrl" or "latn" (ISO 15924, any case)."""
    return _converter_for(target)(text)


def _converter_for(target: str):
    script = target.lower()
    if script == "cyrl":
        return to_cyrillic
    if script == "latn":
        return to_latin
    raise ValueError(f"Unknown script {target!r}: use 'cyrl' or 'latn'.")

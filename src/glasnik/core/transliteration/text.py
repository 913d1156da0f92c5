"""Plain text in either direction. Latin → Cyrillic works word by word, and only on text that
has Latin letters in it; addresses, handles, code, entities, file names and anything that looks
like markup are passed over whole.

Linear in the input, and fast on any shape of text: the text is cut at spaces and line
breaks (a C-level split), each piece is converted once per process through the rules' memo,
and the pieces are joined again. A piece is converted exactly as it would be inside the whole
text, because every kept token (an address, a tag without attributes …) lies within a run of
non-spaces. The two things that look beyond a piece are handled apart: text with `code` or
markup with attributes (they may hold spaces) goes through `_convert_whole`, and a piece with
a capital VI, MI, LI, DI or DIV (a Roman numeral or a word, by its neighbours) is converted
again with its neighbours.
"""

import re

from .alphabet import normalize, to_latin
from .rules import AMBIGUOUS_ROMAN_NUMERALS, Rules, current_rules

_HAS_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_TOP_LEVEL_DOMAINS = (
    "rs|srb|ba|me|hr|si|mk|al|bg|ro|hu|at|de|ch|it|fr|uk|eu|com|org|net|gov|edu|int|info|io|app"
)
# File types people name in text: ".ics datoteka", "plan.xlsx". Kept as written.
_FILE_EXTENSIONS = (
    "ics|pdf|csv|xlsx|xls|docx|doc|pptx|ppt|odt|ods|odp|txt|rtf|zip|png|jpe?g|gif|svg|webp"
    "|mp3|mp4|mov|html?"
)
# Kept whole. Possessive quantifiers (Python 3.11+) and the look-behinds keep a failed try from
# going back over the same word, so a search over a whole text stays linear.
_PROTECTED = re.compile(
    r"""
      `[^`\n]++`
    | (?:https?|ftp)://[^\s<>"'`]++
    | (?<![\w.-])www\.[^\s<>"'`]++
    | (?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++
    | (?<![\w@&])[@\#]\w++
    | </?[A-Za-z][\w:-]*+(?:\s[^<>]*+)?>
    | &lt;/?[A-Za-z][\w:-]*+(?:\s(?:[^&<>]++|&(?!gt;|lt;))*+)?&gt;
    | &(?:\#\d++|\#[xX][0-9a-fA-F]++|[A-Za-z][A-Za-z0-9]*+);
    | (?<![\w@.-])(?:[\w-]++\.)++(?:"""
    + _TOP_LEVEL_DOMAINS
    + r""")(?![\w-])(?:/[^\s<>"'`]*+)?
    | (?<![\w.-])[\w-]*+\.(?i:"""
    + _FILE_EXTENSIONS
    + r""")(?![\w-])
    """,
    re.VERBOSE,
)
# Every token above contains one of these; a piece without one needs no search for them.
_MARKER = re.compile(
    r"[`@#&<]|://|www\.|\.(?:" + _TOP_LEVEL_DOMAINS + "|(?i:" + _FILE_EXTENSIONS + r"))(?![\w-])"
)
_WORDS = re.compile(r"(\w+)")
_WORD_CHARACTER = re.compile(r"\w")
_COMPOUND = re.compile(r"(?<![\w-])\w++(?:-\w++)++")
_CLOSE = re.compile(r"[\s\"'„“”‘’()\-–—]*")


def to_cyrillic(text: str) -> str:
    """Serbian Latin → Cyrillic. Kept as written: web and e-mail addresses, @handles and
    #hashtags, `code`, HTML tags and entities, file names and extensions (.ics, plan.pdf),
    words with q/w/x/y or non-Serbian letters, words with a capital inside (iCalendar),
    listed brands, abbreviations and compounds (also with a case ending: "Wi-Fi", "e-mailom"),
    Roman numerals of two or more letters, and words with "_".

    Cyrillic letters in the text stay; in a word mixing both scripts each Latin letter is
    converted ("Бeоград" with a Latin e → "Београд").
    """
    text = normalize(text)
    if not _HAS_LATIN.search(text):
        return text
    rules = current_rules()
    if "`" in text or "<" in text or "&lt;" in text:
        return _convert_whole(text, rules)  # code and markup may hold spaces
    # A space after every line break makes lines pieces of their own (and is taken out again:
    # each "\n " in the result is one of ours).
    spaced = text.replace("\n", "\n ") if "\n" in text else text
    pieces = spaced.split(" ")
    converted = list(map(rules.converted_pieces.__getitem__, pieces))
    if not rules.pieces_with_numerals.isdisjoint(pieces):
        for index, piece in enumerate(pieces):
            if piece in rules.pieces_with_numerals:
                converted[index] = _piece_in_context(pieces, index, rules)
    result = " ".join(converted)
    return result.replace("\n ", "\n") if spaced is not text else result


def piece_to_cyrillic(piece: str, rules: Rules) -> str:
    """One run of text without spaces, on its own; what the rules' piece memo calls. A piece
    with a capital VI, MI, LI, DI or DIV is noted: `to_cyrillic` converts it again with its
    neighbours in view."""
    if not AMBIGUOUS_ROMAN_NUMERALS.isdisjoint(_WORDS.findall(piece)):
        if len(rules.pieces_with_numerals) > 100_000:
            rules.pieces_with_numerals.clear()
        rules.pieces_with_numerals.add(piece)
    return _convert_whole(piece, rules)


def _convert_whole(text: str, rules: Rules) -> str:
    """Kept tokens copied, the words between them converted with their neighbours in view."""
    if not _MARKER.search(text) and "-" not in text:
        return _words_to_cyrillic(text, rules)
    pieces, position = [], 0
    for start, end in _kept_spans(text, rules):
        pieces.append(_words_to_cyrillic(text[position:start], rules))
        pieces.append(text[start:end])
        position = end
    pieces.append(_words_to_cyrillic(text[position:], rules))
    return "".join(pieces)


def _kept_spans(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Protected tokens and listed foreign compounds, in order, not overlapping."""
    spans = [match.span() for match in _PROTECTED.finditer(text)] if _MARKER.search(text) else []
    if "-" in text:
        compounds = list(_foreign_compounds(text, rules))
        if compounds:
            merged, last_end = [], 0
            for start, end in sorted(spans + compounds):
                if start >= last_end:
                    merged.append((start, end))
                    last_end = end
            return merged
    return spans


def _foreign_compounds(text: str, rules: Rules):
    """Hyphenated words whose first parts form a listed foreign compound: "Wi-Fi" and the
    "Wi-Fi" of "Wi-Fi-ja" (whose ending is converted)."""
    for match in _COMPOUND.finditer(text):
        parts = match[0].split("-")
        for count in range(len(parts), 1, -1):
            compound = "-".join(parts[:count])
            if rules.is_foreign(compound):
                yield match.start(), match.start() + len(compound)
                break


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


def _piece_in_context(pieces: list[str], index: int, rules: Rules) -> str:
    """Piece `index` converted with the words on either side of it (across spaces and any
    pieces without a word) in view."""
    first = index - 1
    while first > 0 and not _WORD_CHARACTER.search(pieces[first]):
        first -= 1
    last = index + 1
    while last < len(pieces) - 1 and not _WORD_CHARACTER.search(pieces[last]):
        last += 1
    first, last = max(first, 0), min(last, len(pieces) - 1)
    window = _convert_whole(" ".join(pieces[first : last + 1]), rules)
    return window.split(" ")[index - first]


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

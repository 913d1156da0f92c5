"""Serbian Cyrillic → Latin transliteration.

Cyrillic to Latin is letter for letter (љ → lj, њ → nj, џ → dž); the only subtlety is case:
a capital digraph letter becomes "Lj" before a lower-case letter and "LJ" inside an upper-case word.
"""

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
DIGRAPH_CAPITALS = {"Љ": ("Lj", "LJ"), "Њ": ("Nj", "NJ"), "Џ": ("Dž", "DŽ")}


def _is_upper_context(text: str, index: int) -> bool:
    """A capital digraph letter is written all-caps when a neighbouring letter is a capital."""
    neighbours = [
        text[i] for i in (index - 1, index + 1) if 0 <= i < len(text) and text[i].isalpha()
    ]
    return (
        bool(neighbours)
        and all(char.isupper() for char in neighbours)
        and index + 1 < len(text)
        and text[index + 1].isalpha()
    )


def cyrillic_to_latin(text: str) -> str:
    out = []
    for index, char in enumerate(text):
        if char in DIGRAPH_CAPITALS:
            title, upper = DIGRAPH_CAPITALS[char]
            out.append(upper if _is_upper_context(text, index) else title)
        elif char in CYRILLIC_TO_LATIN:
            out.append(CYRILLIC_TO_LATIN[char])
        elif char.lower() in CYRILLIC_TO_LATIN:
            out.append(CYRILLIC_TO_LATIN[char.lower()].upper())
        else:
            out.append(char)
    return "".join(out)

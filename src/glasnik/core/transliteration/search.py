"""One key for search, whatever the script, case or diacritics of the text."""

import unicodedata

from .alphabet import to_latin

# Letters that Unicode decomposition leaves alone. "đ" → "dj" because that is how people type
# it without the letter ("Djordje"), and "dj" folds to itself.
_EXTRA_FOLDS = str.maketrans({"đ": "dj", "ß": "ss", "ø": "o", "ł": "l", "ı": "i"})


def search_key(text: str) -> str:
    """Latin, case-folded, without diacritics: "Општина", "opština", "OPSTINA" → "opstina".

    Diacritics are folded because people search without them; the price is that a few words
    meet ("kuća" and "kuca"), which search can bear. "Ђорђе", "Đorđe" and "Djordje" all give
    "djordje"; "џ" and "dž" give "dz". Compatibility characters are folded too (NFKC), so
    "ǉ" is "lj" and full-width letters are plain ones.
    """
    latin = to_latin(unicodedata.normalize("NFKC", text)).casefold()
    decomposed = unicodedata.normalize("NFD", latin)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.translate(_EXTRA_FOLDS)

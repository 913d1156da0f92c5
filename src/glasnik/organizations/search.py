"""Folding names for search: lower case, and without diacritics."""

import unicodedata

# Letters that Unicode decomposition leaves alone.
EXTRA_FOLDS = str.maketrans({"đ": "dj", "ß": "ss", "ø": "o", "ł": "l"})


def search_fold(text: str) -> str:
    """ "Đurđevo Niš" -> "djurdjevo nis"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.translate(EXTRA_FOLDS)


def organization_search_text(*, name: str, name_cyrillic: str) -> str:
    """What `Organization.search_name` holds: each name lower-cased, and the Latin one folded."""
    variants = dict.fromkeys([name.casefold(), search_fold(name), name_cyrillic.casefold()])
    return " | ".join(variant for variant in variants if variant)


def search_terms(query: str) -> list[str]:
    """The forms of a query to look for in `search_name`."""
    return list(dict.fromkeys([query.casefold(), search_fold(query)]))

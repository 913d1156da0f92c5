"""Search over institution names in either script, with or without diacritics."""

from glasnik.core.transliteration import search_key

SEARCH_TEXT_MAX_LENGTH = 620  # Organization.search_name


def organization_search_text(*, name: str, name_cyrillic: str) -> str:
    """What `Organization.search_name` holds: the search key of each name."""
    keys = dict.fromkeys([search_key(name), search_key(name_cyrillic)])
    # Two names of the longest kind can spell longer than the column ("Ђ" is "dj"): the end of
    # an extraordinarily long name is left out of search rather than refused.
    return " | ".join(key for key in keys if key)[:SEARCH_TEXT_MAX_LENGTH]


def search_terms(query: str) -> list[str]:
    """The forms of a query to look for in `search_name`: "Ниш", "nis" and "NIŠ" are one."""
    key = search_key(query.strip())
    return [key] if key else []

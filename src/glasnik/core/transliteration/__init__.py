"""Serbian in both scripts: Cyrillic ↔ Latin for text and HTML, and a script-blind search key.

    to_latin("Љубљана") == "Ljubljana"
    to_cyrillic("Facebook-stranica opštine") == "Facebook-страница општине"
    transliterate_html('<p title="Vesti">Vesti</p>', "cyrl") == '<p title="Вести">Вести</p>'
    search_key("ОПШТИНА") == search_key("opština") == "opstina"

Latin → Cyrillic uses the exception lists in `data/` plus the rows organisers keep in the
admin (`glasnik.core.models.TransliterationException`); see `rules`.
"""

from .alphabet import to_latin
from .html import transliterate_html
from .search import search_key
from .text import to_cyrillic, transliterate

# The name the catalog build and its test have always used.
cyrillic_to_latin = to_latin

__all__ = [
    "cyrillic_to_latin",
    "search_key",
    "to_cyrillic",
    "to_latin",
    "transliterate",
    "transliterate_html",
]

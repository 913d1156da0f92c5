from pathlib import Path

import polib
import pytest
from django.conf import settings

from glasnik.core.management.commands.compilemessages_all import derive_latin_catalog
from glasnik.core.transliteration import cyrillic_to_latin

LOCALE = Path(settings.LOCALE_PATHS[0])
CATALOGS = sorted(
    path for base in settings.LOCALE_PATHS for path in Path(base).glob("*/LC_MESSAGES/django.po")
)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: f"{path.parts[-4]}/{path.parts[-3]}")
def test_catalog_has_every_string_translated(path):
    catalog = polib.pofile(str(path))

    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []


def test_every_interface_language_has_a_catalog():
    present = {path.parts[-3] for path in CATALOGS if LOCALE in path.parents}

    assert present >= {"sr", "sr_Latn", "bs", "hr", "sl", "en"}


def test_latin_serbian_catalog_is_the_cyrillic_one_transliterated():
    cyrillic = polib.pofile(str(LOCALE / "sr" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(LOCALE / "sr_Latn" / "LC_MESSAGES" / "django.po"))
    derived = derive_latin_catalog(cyrillic)

    def as_pairs(catalog):
        return {
            (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
            for entry in catalog
            if not entry.obsolete
        }

    assert as_pairs(committed) == as_pairs(derived)


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубљана", "Ljubljana"),
        ("ЉУБЉАНА", "LJUBLJANA"),
        ("Џеп", "Džep"),
        ("ЏЕП", "DŽEP"),
        ("Њ. Н.", "Nj. N."),
        ("Ђорђе Ђурђевић", "Đorđe Đurđević"),
        ("Општина Чајетина, 2026.", "Opština Čajetina, 2026."),
    ],
)
def test_cyrillic_to_latin_keeps_case_of_digraphs(cyrillic, latin):
    assert cyrillic_to_latin(cyrillic) == latin

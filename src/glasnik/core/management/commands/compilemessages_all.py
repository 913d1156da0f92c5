"""Build every translation catalog: derive sr-latn from sr and en from the source strings,
then compile all catalogs."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from glasnik.core.transliteration import cyrillic_to_latin


def derive_latin_catalog(cyrillic: polib.POFile) -> polib.POFile:
    latin = polib.POFile(wrapwidth=cyrillic.wrapwidth)
    latin.metadata = {**cyrillic.metadata, "Language": "sr_Latn"}
    for entry in cyrillic:
        if entry.obsolete:
            continue
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            occurrences=entry.occurrences,
            flags=[flag for flag in entry.flags if flag != "fuzzy"],
            msgstr=cyrillic_to_latin(entry.msgstr),
            msgstr_plural={k: cyrillic_to_latin(v) for k, v in entry.msgstr_plural.items()},
        )
        latin.append(copy)
    return latin


def fill_english_catalog(english: polib.POFile) -> None:
    english.metadata.update(
        {
            "Project-Id-Version": "Glasnik",
            "Language": "en",
            "Language-Team": "English (source strings)",
            "Last-Translator": "Glasnik team",
            "PO-Revision-Date": english.metadata.get("POT-Creation-Date", ""),
        }
    )
    if english.metadata_is_fuzzy:
        english.metadata_is_fuzzy = False
    for entry in english:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


class Command(BaseCommand):
    help = "Derive the sr-latn and en catalogs, then compile every catalog."

    def handle(self, *args, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        sr = locale / "sr" / "LC_MESSAGES" / "django.po"
        if sr.exists():
            target = locale / "sr_Latn" / "LC_MESSAGES" / "django.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            derive_latin_catalog(polib.pofile(str(sr))).save(str(target))
        en = locale / "en" / "LC_MESSAGES" / "django.po"
        if en.exists():
            catalog = polib.pofile(str(en))
            fill_english_catalog(catalog)
            catalog.save(str(en))
        call_command("compilemessages", verbosity=0, ignore_patterns=[".venv/*"])

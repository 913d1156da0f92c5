"""Writes owned by the core app: the transliteration exception list."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .models import TransliterationException, TransliterationMatch
from .transliteration import to_latin
from .transliteration.rules import entry_from_spellings, rules_changed


def transliteration_exception_check(*, latin: str, cyrillic: str) -> None:
    """Raise ValidationError unless the pair is one the engine can use."""
    if not latin.isalpha() or not cyrillic.isalpha():
        raise ValidationError(_("Write one word, in letters only, in each field."))
    if entry_from_spellings(latin, cyrillic, whole_word=False) is None:
        raise ValidationError(
            _(
                "The Cyrillic must spell the Latin letter for letter (“%(latin)s” reads "
                "“%(as_latin)s” in Latin), or be the Latin word itself to keep it in Latin."
            )
            % {"latin": latin, "as_latin": to_latin(cyrillic)}
        )


def transliteration_exception_save(
    *, exception: TransliterationException, actor: Any, changed_fields: list[str] | None = None
) -> TransliterationException:
    """Create or change an exception (the admin). `changed_fields` is None for a new one."""
    transliteration_exception_check(latin=exception.latin, cyrillic=exception.cyrillic)
    created = exception.pk is None
    with transaction.atomic():
        exception.save()
        log_action(
            "core.transliteration_exception.created"
            if created
            else "core.transliteration_exception.changed",
            actor=actor,
            target=exception,
            data={} if created else {"fields": sorted(changed_fields or [])},
        )
        transaction.on_commit(rules_changed)
    return exception


def transliteration_exception_add(
    *,
    latin: str,
    cyrillic: str,
    match: str = TransliterationMatch.START,
    note: str = "",
    actor: Any = None,
) -> TransliterationException:
    exception = TransliterationException(latin=latin, cyrillic=cyrillic, match=match, note=note)
    return transliteration_exception_save(exception=exception, actor=actor)


def transliteration_exception_delete(*, exception: TransliterationException, actor: Any) -> None:
    with transaction.atomic():
        log_action(
            "core.transliteration_exception.deleted",
            actor=actor,
            target=exception,
            data={"latin": exception.latin, "cyrillic": exception.cyrillic},
        )
        exception.delete()
        transaction.on_commit(rules_changed)

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class TransliterationMatch(models.TextChoices):
    START = "start", _("Every word that begins like this")
    WORD = "word", _("Only this exact word")


class TransliterationException(models.Model):
    """A word that Latin → Cyrillic must write otherwise than letter for letter.

    Either the Cyrillic spells the Latin with a pair kept apart ("injekcij" → "инјекциј": n and j
    are two letters, not њ), or it is the Latin itself: the word stays in Latin (a name, a brand).
    The engine reads these with its shipped lists (`core/transliteration/data/`).
    """

    latin = models.CharField(
        _("in Latin"),
        max_length=60,
        help_text=_("The word, or how it begins, as written in Latin: “injekcij”."),
    )
    cyrillic = models.CharField(
        _("in Cyrillic"),
        max_length=60,
        help_text=_(
            "How it must be written in Cyrillic: “инјекциј”. To keep a word in Latin inside "
            "Cyrillic text, write it here in Latin, exactly as above."
        ),
    )
    match = models.CharField(
        _("applies to"),
        max_length=8,
        choices=TransliterationMatch.choices,
        default=TransliterationMatch.START,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("transliteration exception")
        verbose_name_plural = _("transliteration exceptions")
        ordering = ["latin"]
        constraints = [
            models.UniqueConstraint(
                Lower("latin"), "match", name="transliteration_exception_unique_latin"
            ),
            models.CheckConstraint(
                condition=~Q(latin="") & ~Q(cyrillic=""),
                name="transliteration_exception_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.latin} → {self.cyrillic}"

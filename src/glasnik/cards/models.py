"""An institution's infographic cards: a template filled with the author's text, drawn in the
institution's colours and logo (`glasnik.toolkit.models.Brand`) in each size a platform wants."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import ContentLanguage


class CardTemplate(models.TextChoices):
    NUMBER = "number", _("A number with a caption")
    LIST = "list", _("A short list")
    BEFORE_AFTER = "before_after", _("Before and after")
    EVENT = "event", _("An event announcement")


class CardSize(models.TextChoices):
    SQUARE = "square", _("Square post (1080 × 1080)")
    PORTRAIT = "portrait", _("Portrait post (1080 × 1350)")
    LINK_PREVIEW = "link", _("Link preview (1200 × 630)")
    LANDSCAPE = "landscape", _("Landscape, for X (1600 × 900)")


# Width and height in pixels of each size.
PIXELS = {
    CardSize.SQUARE: (1080, 1080),
    CardSize.PORTRAIT: (1080, 1350),
    CardSize.LINK_PREVIEW: (1200, 630),
    CardSize.LANDSCAPE: (1600, 900),
}

# The languages a card's text may be in: those whose words the generated alt text and the
# card's own labels ("Before", "After") can be written in.
CARD_LANGUAGES = [
    (code, label)
    for code, label in ContentLanguage.choices
    if code in ("sr", "bs", "hr", "sl", "en")
]


def card_language_of(organization) -> str:
    """The language an institution's cards are written in unless the author says otherwise."""
    language = organization.content_language
    return language if language in dict(CARD_LANGUAGES) else "en"


class Card(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="cards",
    )
    template = models.CharField(
        pgettext_lazy("infographic card", "template"), max_length=20, choices=CardTemplate.choices
    )
    # The texts the author wrote, by the template's field names, exactly as written.
    data = models.JSONField(_("texts"), default=dict)
    language = models.CharField(
        _("language of the text"), max_length=3, choices=CARD_LANGUAGES, default="sr"
    )
    size = models.CharField(
        pgettext_lazy("infographic card", "size"),
        max_length=12,
        choices=CardSize.choices,
        default=CardSize.SQUARE,
    )
    alt_text = models.TextField(_("alt text"), blank=True)
    alt_text_edited = models.BooleanField(_("alt text edited by hand"), default=False)
    # The planned post the card was made for (content calendar), if any.
    post = models.ForeignKey(
        "content.Post",
        verbose_name=pgettext_lazy("on social media", "post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("infographic card")
        verbose_name_plural = _("infographic cards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(template__in=CardTemplate.values), name="card_template_known"
            ),
            models.CheckConstraint(
                condition=models.Q(size__in=CardSize.values), name="card_size_known"
            ),
        ]
        indexes = [models.Index(fields=["organization", "-updated_at"])]

    def __str__(self) -> str:
        return self.headline

    @property
    def headline(self) -> str:
        """What the card is called in lists: its title, or its number and caption."""
        data = self.data
        if self.template == CardTemplate.NUMBER:
            return f"{data.get('number', '')} {data.get('caption', '')}".strip()
        return data.get("title", "")

    @property
    def content_language(self) -> str:
        return self.language

    def image_url(self, size: str = "") -> str:
        return reverse("cards:image", kwargs={"pk": self.pk, "size": size or self.size})

    def download_url(self, size: str) -> str:
        return reverse("cards:download", kwargs={"pk": self.pk, "size": size})

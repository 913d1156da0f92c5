"""An institution's look, shared by everything the toolkit makes for it: the colours and
logo of its cards and of its exported proposal."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from glasnik.core.uploads import upload_to_private

COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Write the colour as # and six hexadecimal digits, e.g. #1f4e79.")
)
LOGO_EXTENSIONS = ("png", "jpg", "jpeg")
LOGO_MAX_BYTES = 2 * 1024 * 1024


class Brand(models.Model):
    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="brand",
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#1f4e79", validators=[COLOUR]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#f2a900", validators=[COLOUR]
    )
    text_colour = models.CharField(
        _("text colour"), max_length=7, default="#ffffff", validators=[COLOUR]
    )
    logo = models.FileField(_("logo"), upload_to=upload_to_private("brand-logos"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("institution's look")
        verbose_name_plural = _("institutions' looks")

    def __str__(self) -> str:
        return str(self.organization)


def brand_of(organization) -> Brand:
    """The institution's look: what it set, or the defaults (unsaved) when it set nothing."""
    return Brand.objects.filter(organization=organization).first() or Brand(
        organization=organization
    )

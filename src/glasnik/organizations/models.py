from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import content_language_field, country_language


class Country(models.TextChoices):
    SERBIA = "RS", _("Serbia")
    BOSNIA_AND_HERZEGOVINA = "BA", _("Bosnia and Herzegovina")
    SLOVENIA = "SI", _("Slovenia")
    CROATIA = "HR", _("Croatia")
    MONTENEGRO = "ME", _("Montenegro")
    NORTH_MACEDONIA = "MK", _("North Macedonia")


class OrganizationKind(models.TextChoices):
    CITY = "city", _("City")
    MUNICIPALITY = "municipality", _("Municipality")
    CITY_MUNICIPALITY = "city_municipality", _("City municipality")
    URBAN_MUNICIPALITY = "urban_municipality", _("Urban municipality")
    DISTRICT = "district", _("District")
    CANTON = "canton", _("Canton")
    ENTITY = "entity", _("Entity")
    PUBLIC_INSTITUTE = "public_institute", _("Public institute or enterprise")
    STATE_BODY = "state_body", _("State body")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class Organization(models.Model):
    """An institution: a municipality, a city, a public institute, a state body, an association."""

    name = models.CharField(_("name"), max_length=200)
    name_cyrillic = models.CharField(_("name in Cyrillic"), max_length=200, blank=True)
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=220, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    official_code = models.CharField(_("official code"), max_length=32, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    language = content_language_field(_("Leave empty for the language of its country."))
    # Both names folded to lower case, with and without diacritics, so search is case-insensitive
    # in Cyrillic and "nis" finds "Niš" on SQLite too (its LIKE folds ASCII only).
    # Written by the services through `organization_search_text`.
    search_name = models.CharField(max_length=620, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "official_code"],
                condition=~Q(official_code=""),
                name="organization_unique_code_per_country",
            ),
            models.UniqueConstraint(
                fields=["country", "name"], name="organization_unique_name_per_country"
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"]), models.Index(fields=["region"])]

    def __str__(self) -> str:
        return self.name

    @property
    def content_language(self) -> str:
        """The language its texts and names are written in."""
        return self.language or country_language(self.country)

"""Institutions."""

import factory

from glasnik.organizations.models import Country, Organization, OrganizationKind
from glasnik.organizations.search import organization_search_text


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A Serbian municipality, with the search text `organization_save` would give it."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda number: f"Opština {number:03d}")
    slug = factory.Sequence(lambda number: f"rs-opstina-{number:03d}")
    country = Country.SERBIA
    kind = OrganizationKind.MUNICIPALITY
    name_cyrillic = ""
    search_name = factory.LazyAttribute(
        lambda organization: organization_search_text(
            name=organization.name, name_cyrillic=organization.name_cyrillic
        )
    )


class AssociationFactory(OrganizationFactory):
    """The association that runs networks and programmes."""

    name = "Stalna konferencija gradova i opština"
    kind = OrganizationKind.ASSOCIATION

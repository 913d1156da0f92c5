import factory
import pytest
from django.core.cache import cache

from glasnik.organizations.models import Country, Organization, OrganizationKind
from glasnik.organizations.search import organization_search_text


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """@public_page keeps anonymous pages; each test starts without stored copies."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def write_csv(tmp_path):
    """Write CSV text (a header and rows) to a file and return its path."""
    counter = iter(range(1000))

    def write(text: str, *, encoding: str = "utf-8", name: str | None = None):
        path = tmp_path / (name or f"organizations-{next(counter)}.csv")
        path.write_bytes(text.encode(encoding))
        return path

    return write


class OrganizationFactory(factory.django.DjangoModelFactory):
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


@pytest.fixture
def make_organization(db):
    """Create an organization (or `size=n` of them) with sensible defaults."""

    def make(size: int | None = None, **fields):
        if size is not None:
            return OrganizationFactory.create_batch(size, **fields)
        return OrganizationFactory(**fields)

    return make

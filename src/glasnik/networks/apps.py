from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "glasnik.networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from glasnik.accounts.signals import person_renamed
        from glasnik.organizations.signals import organization_renamed

        # Members are found by their own and their institution's names: a rename reaches
        # the search text at once.
        person_renamed.connect(_people_renamed, dispatch_uid="glasnik-networks-person-renamed")
        organization_renamed.connect(
            _organizations_renamed, dispatch_uid="glasnik-networks-organization-renamed"
        )


def _people_renamed(sender, person_ids, **kwargs) -> None:
    from .services.members import memberships_refresh_search_text

    memberships_refresh_search_text(person_ids=person_ids)


def _organizations_renamed(sender, organization_ids, **kwargs) -> None:
    from .services.members import memberships_refresh_search_text

    memberships_refresh_search_text(organization_ids=organization_ids)

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
        # What the network's page keeps ({% kept %}: its header, calls, aims and topics), its
        # directory and what a call's page keeps go with any write to the network, its calls,
        # their questions or its memberships.
        from glasnik.core.object_cache import object_cache_clear_on_change

        network, call = self.get_model("Network"), self.get_model("Call")
        object_cache_clear_on_change(network, "network")
        object_cache_clear_on_change(call, "network", "network_id")
        object_cache_clear_on_change(call, "call")
        object_cache_clear_on_change(self.get_model("StatementQuestion"), "call", "call_id")
        object_cache_clear_on_change(self.get_model("Membership"), "network", "network_id")


def _people_renamed(sender, person_ids, **kwargs) -> None:
    from .services.members import memberships_refresh_search_text

    memberships_refresh_search_text(person_ids=person_ids)


def _organizations_renamed(sender, organization_ids, **kwargs) -> None:
    from glasnik.core.object_cache import object_cache_clear

    from .models import Network
    from .services.members import memberships_refresh_search_text

    memberships_refresh_search_text(organization_ids=organization_ids)
    # A network's page names its organiser.
    for network_id in Network.objects.filter(organization_id__in=organization_ids).values_list(
        "pk", flat=True
    ):
        object_cache_clear("network", network_id)

"""Interests belong to a network (step 2 of 3): every network gets its own copy of the list
all networks shared, and each member's interests point to their network's copy. The
organisers then rename them into the network's language (or remove them) in the admin."""

from django.db import migrations


def interests_to_each_network(apps, schema_editor):
    Interest = apps.get_model("networks", "Interest")
    Network = apps.get_model("networks", "Network")
    Chosen = apps.get_model("networks", "Membership").interests.through
    shared = list(Interest.objects.filter(network__isnull=True).order_by("pk"))
    networks = list(Network.objects.order_by("pk"))
    if not networks:
        Interest.objects.filter(pk__in=[interest.pk for interest in shared]).delete()
        return
    for interest in shared:
        copies = {}
        for number, network in enumerate(networks):
            if number == 0:
                interest.network = network
                interest.save(update_fields=["network"])
                copies[network.pk] = interest.pk
            else:
                copies[network.pk] = Interest.objects.create(
                    network=network, name=interest.name, slug=interest.slug
                ).pk
        for chosen in Chosen.objects.filter(interest_id=interest.pk).select_related(
            "membership"
        ):
            own = copies[chosen.membership.network_id]
            if own != chosen.interest_id:
                chosen.interest_id = own
                chosen.save(update_fields=["interest"])


class Migration(migrations.Migration):
    dependencies = [("networks", "0007_interest_network")]

    operations = [migrations.RunPython(interests_to_each_network, migrations.RunPython.noop)]

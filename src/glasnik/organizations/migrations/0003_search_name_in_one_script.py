from django.db import migrations


def recompute_search_names(apps, schema_editor):
    from glasnik.organizations.search import organization_search_text

    Organization = apps.get_model("organizations", "Organization")
    changed = []
    for organization in Organization.objects.only("pk", "name", "name_cyrillic"):
        organization.search_name = organization_search_text(
            name=organization.name, name_cyrillic=organization.name_cyrillic
        )
        changed.append(organization)
    Organization.objects.bulk_update(changed, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_search_name")]

    operations = [migrations.RunPython(recompute_search_names, migrations.RunPython.noop)]

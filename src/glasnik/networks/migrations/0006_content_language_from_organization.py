"""Every network's texts in the language of its organising institution."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def languages_from_organizations(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    Organization = apps.get_model("organizations", "Organization")
    language = Organization.objects.filter(pk=OuterRef("organization_id")).values("language")
    Network.objects.filter(language="").update(language=Subquery(language))


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0005_content_language"),
        ("organizations", "0005_content_language_from_country"),
    ]

    operations = [migrations.RunPython(languages_from_organizations, migrations.RunPython.noop)]

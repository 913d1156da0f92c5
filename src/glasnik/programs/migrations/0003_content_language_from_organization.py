"""Every programme's texts in the language of its organiser."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def languages_from_organizations(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Organization = apps.get_model("organizations", "Organization")
    language = Organization.objects.filter(pk=OuterRef("organization_id")).values("language")
    Program.objects.filter(language="").update(language=Subquery(language))


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_content_language"),
        ("organizations", "0005_content_language_from_country"),
    ]

    operations = [migrations.RunPython(languages_from_organizations, migrations.RunPython.noop)]

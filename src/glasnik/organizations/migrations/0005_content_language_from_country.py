"""Every institution's texts in the language of its country, said once so it can be changed."""

from django.db import migrations

# As in glasnik.core.languages.COUNTRY_LANGUAGES on the day this was written.
COUNTRY_LANGUAGES = {"RS": "sr", "BA": "bs", "ME": "cnr", "HR": "hr", "SI": "sl", "MK": "mk"}


def languages_from_countries(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    for country, language in COUNTRY_LANGUAGES.items():
        Organization.objects.filter(country=country, language="").update(language=language)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0004_content_language")]

    operations = [migrations.RunPython(languages_from_countries, migrations.RunPython.noop)]

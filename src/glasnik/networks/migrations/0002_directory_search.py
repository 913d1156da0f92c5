from django.conf import settings
from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    """Give memberships made before the directory its search text (see membership_search_text)."""
    from glasnik.core.transliteration import search_key

    Membership = apps.get_model("networks", "Membership")
    memberships = Membership.objects.select_related("person", "organization")
    for membership in memberships.iterator(chunk_size=500):
        person = membership.person
        organization = membership.organization
        names = [f"{person.first_name} {person.last_name}"]
        if organization is not None:
            names += [organization.name, organization.name_cyrillic]
        keys = dict.fromkeys(search_key(name.strip()) for name in names if name.strip())
        membership.search_text = " | ".join(key for key in keys if key)[:700]
        membership.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=700),
        ),
        migrations.AddIndex(
            model_name="topicproposal",
            index=models.Index(fields=["network", "status"], name="networks_to_network_b1fe07_idx"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]

"""A call has one window: statements are accepted from its opening until its closing.

A call could also have a deadline for statements before its closing; readers saw three dates
(opens, closes, deadline) that seemed to contradict each other, and nothing happened at the
closing. Where a call had such a deadline, the deadline becomes its closing (it was always when
statements stopped being accepted), then the field goes (in the next migration, so that the
schema change does not share a transaction with the update on PostgreSQL).
"""

from django.db import migrations
from django.db.models import F


def close_at_the_deadline(apps, schema_editor):
    Call = apps.get_model("networks", "Call")
    Call.objects.filter(application_deadline__isnull=False).update(
        closes_at=F("application_deadline")
    )


def keep_the_closing(apps, schema_editor):
    """Going back, the deadline is not restored: the closing already is the deadline."""


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_directory_search"),
    ]

    operations = [
        migrations.RunPython(close_at_the_deadline, keep_the_closing),
    ]

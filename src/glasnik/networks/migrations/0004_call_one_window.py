"""A call has one window: the separate deadline for statements goes (see 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_call_closes_at_its_deadline"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="call",
            name="call_deadline_within_call",
        ),
        migrations.RemoveField(
            model_name="call",
            name="application_deadline",
        ),
    ]

"""Interests belong to a network (step 3 of 3): always, with names unique in it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("networks", "0008_interests_to_each_network")]

    operations = [
        migrations.AlterField(
            model_name="interest",
            name="network",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interests",
                to="networks.network",
                verbose_name="network",
            ),
        ),
        migrations.AddConstraint(
            model_name="interest",
            constraint=models.UniqueConstraint(
                fields=("network", "slug"), name="interest_unique_slug"
            ),
        ),
        migrations.AddConstraint(
            model_name="interest",
            constraint=models.UniqueConstraint(
                fields=("network", "name"), name="interest_unique_name"
            ),
        ),
    ]

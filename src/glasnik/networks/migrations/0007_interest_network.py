"""Interests belong to a network (step 1 of 3): the column, and names unique per network."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("networks", "0006_content_language_from_organization")]

    operations = [
        migrations.AddField(
            model_name="interest",
            name="network",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interests",
                to="networks.network",
                verbose_name="network",
            ),
        ),
        migrations.AlterField(
            model_name="interest",
            name="name",
            field=models.CharField(max_length=120, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="interest", name="slug", field=models.SlugField(max_length=60)
        ),
    ]

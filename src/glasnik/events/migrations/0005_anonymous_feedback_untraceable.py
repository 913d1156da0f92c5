"""Anonymous feedback given before answers were kept apart from their receipts: its audit entries
(one per answer, at the exact time) become one count per event and day, and the receipts of
anonymous events are rewritten, so in PostgreSQL none of them keeps the transaction id it shared
with its response."""

from collections import Counter
from datetime import UTC

from django.db import migrations
from django.db.models import F


def untrace_anonymous_feedback(apps, schema_editor):
    FeedbackReceipt = apps.get_model("events", "FeedbackReceipt")
    AuditLogEntry = apps.get_model("audit", "AuditLogEntry")
    FeedbackReceipt.objects.filter(event__feedback_anonymous=True).update(
        answered_at=F("answered_at")
    )
    entries = AuditLogEntry.objects.filter(
        action="events.feedback.answered", actor__isnull=True, data__anonymous=True
    )
    counts = Counter()
    labels = {}
    for entry in entries.iterator():
        day = entry.created_at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        key = (entry.target_type_id, entry.target_id, entry.scope_type_id, entry.scope_id, day)
        counts[key] += entry.data.get("count", 1)
        labels[key] = entry.target_label
    entries.delete()
    for key, count in counts.items():
        target_type_id, target_id, scope_type_id, scope_id, day = key
        entry = AuditLogEntry.objects.create(
            action="events.feedback.answered",
            target_type_id=target_type_id,
            target_id=target_id,
            target_label=labels[key],
            scope_type_id=scope_type_id,
            scope_id=scope_id,
            data={"anonymous": True, "count": count},
        )
        AuditLogEntry.objects.filter(pk=entry.pk).update(created_at=day)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("events", "0004_registration_reminder_sent_at"),
    ]

    operations = [migrations.RunPython(untrace_anonymous_feedback, migrations.RunPython.noop)]

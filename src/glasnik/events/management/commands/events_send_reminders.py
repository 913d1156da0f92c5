"""Send the reminders before events that are due and have not gone out. Each confirmed seat
has a task scheduled at its reminder time; this catches any that a stopped worker missed.
A reminder goes out once, however often this runs (e.g. every ten minutes from cron)."""

from django.core.management import BaseCommand

from glasnik.events.services.reminders import registrations_due_for_reminder
from glasnik.events.tasks import registration_reminder_deliver


class Command(BaseCommand):
    help = "Send due reminder emails to people with a confirmed seat."

    def handle(self, *args, **options):
        sent = sum(
            registration_reminder_deliver(registration_id)
            for registration_id in registrations_due_for_reminder()
        )
        self.stdout.write(f"{sent} reminders sent.")

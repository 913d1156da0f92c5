"""Remind the owners of mentoring action items due tomorrow, once per item and due date. Safe to
run often (e.g. daily from cron)."""

from django.core.management import BaseCommand

from glasnik.mentoring.tasks import action_items_remind


class Command(BaseCommand):
    help = "Email reminders of mentoring action items due tomorrow."

    def handle(self, *args, **options):
        action_items_remind.enqueue()
        self.stdout.write("Reminders of action items due tomorrow queued.")

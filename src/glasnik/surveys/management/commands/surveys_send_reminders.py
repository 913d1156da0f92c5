"""Remind people invited to open surveys who have not answered, at most once in two days each
(never those who have answered). Safe to run often (e.g. daily from cron)."""

from django.core.management import BaseCommand

from glasnik.surveys.services.invitations import reminders_send_due


class Command(BaseCommand):
    help = "Email reminders to people invited to open surveys who have not answered yet."

    def handle(self, *args, **options):
        reminded = reminders_send_due()
        self.stdout.write(f"{reminded} people reminded to answer a survey.")

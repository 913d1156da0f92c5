"""Expire seat offers past their deadline and offer the seats onwards. Each offer has a task
scheduled at its deadline; this catches any that a stopped worker missed. Safe to run as
often as you like (e.g. every ten minutes from cron)."""

from django.core.management import BaseCommand

from glasnik.events.services.waitlist import registration_expire_due_offers


class Command(BaseCommand):
    help = "Expire seat offers from the waiting list that were not confirmed in time."

    def handle(self, *args, **options):
        expired = registration_expire_due_offers()
        self.stdout.write(f"{expired} offers expired.")

"""Send the emails that are due: messages a stopped worker never sent, retries whose time has
come, and messages a worker that died left half-sent; delete the text of old dead letters and
old finished messages. Safe to run as often as you like (e.g. every ten minutes from cron)."""

from django.core.management import BaseCommand

from glasnik.core.outbox import outgoing_emails_sweep


class Command(BaseCommand):
    help = "Send emails that are due, take back stalled ones and delete old ones."

    def handle(self, *args, **options):
        done = outgoing_emails_sweep()
        self.stdout.write(
            "{sent} emails sent, {failed} failed, {reclaimed} taken back from stopped workers, "
            "{expired} dead letters' text deleted, {deleted} old emails deleted.".format(**done)
        )

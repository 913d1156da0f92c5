"""Invite participants to give feedback on events that ended recently and whose participants
nobody has invited yet (organisers may also invite with a button on the results page). Safe to
run often (e.g. hourly from cron): a person is invited once per event."""

from django.core.management import BaseCommand

from glasnik.events.selectors.feedback import events_awaiting_feedback_invitations
from glasnik.events.services.feedback import feedback_invite


class Command(BaseCommand):
    help = "Email feedback invitations for events that ended in the last N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=3,
            help="Look at events that ended this many days ago or less (default 3).",
        )

    def handle(self, *args, days: int, **options):
        events = list(events_awaiting_feedback_invitations(days=days))
        invited = sum(feedback_invite(event=event, actor=None) for event in events)
        self.stdout.write(f"{invited} people invited to give feedback on {len(events)} events.")

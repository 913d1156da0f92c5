"""What organizations tells the apps above it. Apps that keep copies of an institution's data
connect here (in their AppConfig.ready) instead of organizations importing them."""

from django.dispatch import Signal

# Sent when institutions' names (Latin or Cyrillic) change, with `organization_ids` (a list of
# primary keys), inside the transaction that renamed them. Networks rewrite their members'
# search text.
organization_renamed = Signal()

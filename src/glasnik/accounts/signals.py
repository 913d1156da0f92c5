"""What accounts tells the apps above it. Apps that keep copies of a person's data connect here
(in their AppConfig.ready) instead of accounts importing them."""

from django.dispatch import Signal

# Sent when people's first or last names change, with `person_ids` (a list of primary keys),
# inside the transaction that renamed them. Networks rewrite their members' search text.
person_renamed = Signal()

"""The competition of municipalities: entries, jury scoring, measured metrics, public vote
and results."""

"""Mentoring: an online session's question queue, one-to-one pairs, office hours and reviews
of work."""

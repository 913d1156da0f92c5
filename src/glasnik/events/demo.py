"""Demo events for `manage.py demo` (filled in with the events feature)."""


def demo_events(networks) -> None:
    return None

"""Demo calls for expressions of interest (filled in with the calls feature)."""


def demo_calls(networks) -> None:
    return None

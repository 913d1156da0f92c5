import pytest


@pytest.fixture
def write_csv(tmp_path):
    """Write CSV text (a header and rows) to a file and return its path."""
    counter = iter(range(1000))

    def write(text: str, *, encoding: str = "utf-8", name: str | None = None):
        path = tmp_path / (name or f"organizations-{next(counter)}.csv")
        path.write_bytes(text.encode(encoding))
        return path

    return write

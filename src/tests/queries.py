"""What a request asked the database, for tests that pin down what a page reads."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def sql_of(request) -> str:
    """The SQL of every query `request()` made, as one text (look for a table in it)."""
    with CaptureQueriesContext(connection) as captured:
        request()
    return " ".join(query["sql"] for query in captured.captured_queries)

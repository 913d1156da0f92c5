from . import admin_calls  # noqa: F401 - registers the calls' admin

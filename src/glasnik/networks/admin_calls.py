"""Admin for calls and statements (filled in with the calls feature)."""

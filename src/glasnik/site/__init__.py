"""The site above the domain apps: the dashboard, the audit log, programme reports, and the
demo and seed commands. Nothing in src/glasnik imports it but the root URLconf (see
src/tests/test_architecture.py for the layering)."""

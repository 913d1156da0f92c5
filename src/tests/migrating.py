"""Running a data migration in a test: move the schema to the state before it, write rows
through the historical models, move on, and leave the database at the latest state after."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]):
    """Migrate to `targets` and return the historical models (apps) of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_latest_migrations(transactional_db):
    """Whatever state a migration test leaves, the next test finds the latest schema."""
    yield
    migrate_to_latest()

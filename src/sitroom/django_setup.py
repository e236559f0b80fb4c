"""Start Django for commands that need the database (the pipeline never imports this)."""

from __future__ import annotations

import os


def setup(*, schema_current: bool = False) -> None:
    """Start Django. With `schema_current`, refuse to go on when the database lacks migrations: a command
    on an old or empty database then says to run `sitroom init` instead of failing on a missing column."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitroom.settings")
    import django

    django.setup()
    if schema_current:
        require_current_schema()


def require_current_schema() -> None:
    """Raise ConfigurationError when migrations are waiting to be applied to the default database."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    from sitroom.errors import ConfigurationError

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if waiting:
        where = connection.settings_dict.get("NAME")
        raise ConfigurationError(
            f"the database {where} is not up to date ({len(waiting)} migration(s) to apply): "
            "run `sitroom init` first"
        )

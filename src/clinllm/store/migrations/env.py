"""Alembic environment: migrate the connection that :func:`clinllm.store.migrate.upgrade` passes.

Users never need an ``alembic.ini``: the application runs the migrations at startup through
:func:`clinllm.store.migrate.upgrade`, which hands its open connection to this script.
"""

from __future__ import annotations

from alembic import context

from clinllm.errors import ConfigError
from clinllm.store.models import Base


def run_migrations() -> None:
    """Run the pending migrations on the connection given in the Alembic config."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise ConfigError(
            "clinllm migrations run through clinllm.store.upgrade(engine_url), not the alembic CLI"
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()

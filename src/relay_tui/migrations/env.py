"""Alembic environment: relay always passes an open connection in `attributes`."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import relay_tui.models  # noqa: F401  (registers the tables)
from relay_tui.migrations import include_name

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from relay_tui.db import create_sqlalchemy_engine, resolve_location

        engine = create_sqlalchemy_engine(resolve_location(config.get_main_option("relay_db")))
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("relay migrations run online only")
run_migrations_online()

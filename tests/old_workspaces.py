"""Workspaces as an older version of the app wrote them: the same content, an older schema."""

from __future__ import annotations

from pathlib import Path

from planner.store import migrations
from planner.store.database import make_engine


def downgrade(path: Path, revision: str = "0001_baseline") -> None:
    """Take the file at ``path`` back to ``revision`` with the migrations' own downgrades."""
    from alembic import command

    engine = make_engine(path, read_only=False)
    try:
        with engine.connect() as connection:
            # Batch mode rebuilds tables; with foreign keys on, that would cascade. (On the
            # driver's connection: through SQLAlchemy it would open a transaction first.)
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                config = migrations.alembic_config()
                config.attributes["connection"] = connection  # type: ignore[attr-defined]
                command.downgrade(config, revision)  # type: ignore[arg-type]
    finally:
        engine.dispose()

"""Schema migrations (Alembic): the known revisions and the upgrade entry point."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

# Every revision this version of the app knows, oldest first. A file at a revision not in
# this list was written by a newer app and is refused. A test checks it matches versions/.
REVISIONS: tuple[str, ...] = ("0001_baseline", "0004")
HEAD = REVISIONS[-1]

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config() -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` in a single transaction (transactional DDL).

    A failure rolls everything back, so the file is left exactly as it was.
    """
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection  # type: ignore[attr-defined]
        command.upgrade(config, revision)  # type: ignore[arg-type]

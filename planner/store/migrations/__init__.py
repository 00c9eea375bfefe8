"""Schema migrations (Alembic): the known revisions and the upgrade entry point."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine

from planner.domain.errors import PlannerError

# Every revision this version of the app knows, oldest first. A file at a revision not in
# this list was written by a newer app and is refused. A test checks it matches versions/.
REVISIONS: tuple[str, ...] = ("0001_baseline", "0002", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]

SCRIPT_LOCATION = Path(__file__).resolve().parent

# PRAGMA user_version holds the app version that created or last migrated the file (its
# schema), as major * 1_000_000 + minor * 1_000 + patch, so that an older app refusing the
# file can name the version the user needs.
_PART = 1_000


def version_number(version: str) -> int:
    """``"2.3.4"`` as 2_003_004; pre-release tails are dropped, anything unreadable is 0."""
    parts: list[int] = []
    for piece in version.split(".")[:3]:
        digits = ""
        for char in piece:
            if not char.isdigit():
                break
            digits += char
        if not digits or int(digits) >= _PART:
            return 0 if not parts else _pack(parts)
        parts.append(int(digits))
    return _pack(parts)


def _pack(parts: list[int]) -> int:
    parts = (parts + [0, 0, 0])[:3]
    return (parts[0] * _PART + parts[1]) * _PART + parts[2]


def version_text(number: int) -> str:
    """The inverse of version_number: 2_003_004 as ``"2.3.4"``."""
    return f"{number // _PART**2}.{number // _PART % _PART}.{number % _PART}"


class MigrationError(PlannerError):
    """A migration would have broken the workspace's references; nothing was committed."""


def alembic_config() -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` in a single transaction (transactional DDL).

    A failure rolls everything back, so the file is left exactly as it was. Foreign keys
    are off while it runs: a batch migration rebuilds a table by dropping and recreating
    it, and with them on, dropping ``person`` would cascade to every row that names a
    person. Instead, every reference is checked before the commit, which is refused if
    any is broken. (SQLite ignores the pragma inside a transaction, so it is set before.)
    """
    if engine.dialect.name != "sqlite":
        # PostgreSQL alters tables in place (no rebuild) and checks keys itself.
        with engine.begin() as connection:
            upgrade_on(connection, revision)
        return
    with engine.connect() as connection:
        # On the driver's connection: through SQLAlchemy it would open a transaction first.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                upgrade_on(connection, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, rowid, parent, _fk = broken[0]
                    raise MigrationError(
                        f"the upgrade would leave {len(broken)} broken references "
                        f"(first: {table} row {rowid} names a missing {parent}); "
                        "nothing was changed"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def upgrade_on(connection: Connection, revision: str = "head") -> None:
    """Upgrade inside the caller's transaction (which commits or rolls back the lot)."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection  # type: ignore[attr-defined]
    command.upgrade(config, revision)  # type: ignore[arg-type]
    if connection.dialect.name == "sqlite":
        from planner import __version__

        # In the same transaction: the schema and the version that wrote it go together.
        connection.exec_driver_sql(f"PRAGMA user_version = {version_number(__version__)}")

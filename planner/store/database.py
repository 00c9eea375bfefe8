"""SQLite connections for workspaces: pragmas, real transactions, read-only mode."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

# A fixed PRAGMA application_id marks a file as ours ("HOVR" in ASCII).
APPLICATION_ID = 0x484F5652
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000


def _read_only_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def connect_raw(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (we issue BEGIN ourselves)."""
    if read_only:
        conn = sqlite3.connect(
            _read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        # A rollback journal keeps the workspace one self-contained file users can e-mail;
        # FULL makes a commit durable before we report it done.
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
    return conn


def make_engine(path: Path, *, read_only: bool) -> Engine:
    """An engine whose transactions are real SQLite transactions.

    pysqlite's own transaction handling defers BEGIN and skips it for DDL; turning it
    off and emitting BEGIN ourselves makes migrations and multi-statement writes atomic.
    A write transaction starts with BEGIN IMMEDIATE so it takes the write lock up front.
    """
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect_raw(path, read_only=read_only),
        poolclass=NullPool if read_only else None,
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def write_engine(engine: Engine) -> Engine:
    """The same engine, starting its transactions with BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def backup_to(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live database with SQLite's backup API (never a raw file copy)."""
    target = sqlite3.connect(str(destination))
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()

"""Workspace files: recognising, creating, opening, migrating and copying them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from planner import __version__
from planner.domain.errors import PlannerError, ReadOnlyError
from planner.domain.models import utcnow
from planner.store import migrations
from planner.store.database import (
    APPLICATION_ID,
    SQLITE_HEADER,
    backup_to,
    connect_raw,
    make_engine,
    write_engine,
)
from planner.store.lock import WorkspaceLock

SUFFIX = ".handover"


class WorkspaceError(PlannerError):
    """A file that cannot be used as a workspace; the file was left untouched."""


@dataclass(frozen=True)
class FileCheck:
    """What inspecting a workspace file found, without changing a byte of it."""

    path: Path
    revision: str

    @property
    def needs_migration(self) -> bool:
        return self.revision != migrations.HEAD


def inspect_file(path: Path) -> FileCheck:
    """Decide whether ``path`` is a workspace this version can open; raise WorkspaceError if not.

    The checks read the header directly and then open the file read-only, so a file that
    is not ours is never written to, not even by SQLite's journal recovery.
    """
    name = path.name
    if not path.exists():
        raise WorkspaceError(f"{name}: no such file")
    if path.is_dir():
        raise WorkspaceError(f"{name}: is a folder, not a workspace file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise WorkspaceError(f"{name}: cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise WorkspaceError(f"{name}: the file is empty, not a Handover Planner workspace")
    if not header.startswith(SQLITE_HEADER):
        raise WorkspaceError(f"{name}: not a Handover Planner workspace (not a database file)")
    if len(header) < 100:
        raise WorkspaceError(f"{name}: the file is truncated or damaged")
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        raise WorkspaceError(
            f"{name}: a database of another program, not a Handover Planner workspace"
        )
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", header[28:32])
    if page_count and size < page_size * page_count:
        raise WorkspaceError(f"{name}: the file is truncated or damaged")
    revision = _read_revision(path)
    if revision not in migrations.REVISIONS:
        needed = _version_that_wrote(path)
        if needed is None:
            raise WorkspaceError(
                f"{name}: written by a newer version of Handover Planner; update the app to open it"
            )
        raise WorkspaceError(
            f"{name}: written by a newer version, Handover Planner {needed}; "
            f"this is {__version__}: update to {needed} or later to open it"
        )
    return FileCheck(path, revision)


def _version_that_wrote(path: Path) -> str | None:
    """The newest app version recorded in the file (user_version, else the audit trail),
    if it is newer than this app; None when the file does not say."""
    conn = connect_raw(path, read_only=True)
    try:
        newest = int(conn.execute("PRAGMA user_version").fetchone()[0])
        with contextlib.suppress(sqlite3.Error):  # a future schema may have changed the table
            row = conn.execute("SELECT app_version FROM audit_event ORDER BY seq DESC").fetchone()
            if row is not None:
                newest = max(newest, migrations.version_number(str(row[0])))
    finally:
        conn.close()
    if newest <= migrations.version_number(__version__):
        return None
    return migrations.version_text(newest)


def _read_revision(path: Path) -> str:
    name = path.name
    try:
        conn = connect_raw(path, read_only=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"{name}: cannot be opened ({exc})") from exc
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise WorkspaceError(f"{name}: the file is damaged (integrity check failed)")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{name}: the file is truncated or damaged ({exc})") from exc
    finally:
        conn.close()
    if row is None:
        raise WorkspaceError(f"{name}: the file is damaged (no schema version)")
    return str(row[0])


@dataclass
class Workspace:
    """An open workspace file: the only holder of its database engine.

    ``write()`` and ``read()`` hand out sessions to the store and the operations; nothing
    above those packages touches a session.
    """

    path: Path
    engine: Engine
    read_only: bool
    actor: str
    lock: WorkspaceLock | None = None
    clock: Callable[[], dt.datetime] = field(default=utcnow)
    _writer: Engine | None = None

    @property
    def name(self) -> str:
        return self.path.stem

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any exception."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes are not allowed")
        if self._writer is None:
            self._writer = write_engine(self.engine)
        with (
            Session(self._writer, expire_on_commit=False, autoflush=False) as session,
            session.begin(),
        ):
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: a consistent view of the workspace."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def save_copy(self, destination: Path) -> None:
        """Write a consistent copy of the workspace to ``destination`` (atomically)."""
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise WorkspaceError("choose another file name: this is the open workspace")
        temporary = destination.with_name(f".{destination.name}.partial")
        source = connect_raw(self.path, read_only=True)
        try:
            temporary.unlink(missing_ok=True)
            backup_to(source, temporary)
            os.replace(temporary, destination)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        finally:
            source.close()

    def close(self) -> None:
        self.engine.dispose()
        if self._writer is not None:
            self._writer.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_actor() -> str:
    """The OS user name, for audit events when no name is set in the preferences."""
    for variable in ("USER", "USERNAME", "LOGNAME"):
        if value := os.environ.get(variable):
            return value
    return "unknown"


def create_workspace(path: Path, *, actor: str | None = None) -> Workspace:
    """Create a new, empty workspace at ``path``; refuse to replace an existing file."""
    from planner.store.seed import seed_new_workspace

    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"{path.name}: a file with this name already exists")
    if not path.parent.is_dir():
        raise WorkspaceError(f"{path.parent}: no such folder")
    temporary = path.with_name(f".{path.name}.creating")
    temporary.unlink(missing_ok=True)
    try:
        conn = connect_raw(temporary, read_only=False)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.close()
        engine = make_engine(temporary, read_only=False)
        migrations.upgrade(engine)
        seed_new_workspace(engine, actor=actor or default_actor())
        engine.dispose()
        # The file appears under its name only once it is a complete workspace.
        os.link(temporary, path)
    except FileExistsError as exc:
        raise WorkspaceError(f"{path.name}: a file with this name already exists") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return open_workspace(path, actor=actor)


def open_workspace(
    path: Path,
    *,
    read_only: bool = False,
    actor: str | None = None,
    take_lock: bool = True,
) -> Workspace:
    """Open a workspace file after checking it is one; migrate it (with a backup) if old.

    Raises WorkspaceError for a file that is not a usable workspace, and LockHeldError
    when another instance holds it for writing (open it read-only instead).
    """
    path = Path(path)
    check = inspect_file(path)
    lock = None
    if not read_only and take_lock:
        lock = WorkspaceLock(path)
        lock.acquire()
    try:
        if check.needs_migration:
            if read_only:
                raise WorkspaceError(
                    f"{path.name}: made by an older version; open it for writing once to upgrade it"
                )
            migrate_file(path, check.revision)
        engine = make_engine(path, read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Workspace(
        path=path, engine=engine, read_only=read_only, actor=actor or default_actor(), lock=lock
    )


def backup_path(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-{revision}-{stamp}{SUFFIX}.bak")


def migrate_file(path: Path, revision: str) -> Path:
    """Back the file up next to itself, then upgrade it in one transaction."""
    backup = backup_path(path, revision)
    source = connect_raw(path, read_only=True)
    try:
        backup_to(source, backup)
    finally:
        source.close()
    engine = make_engine(path, read_only=False)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    return backup

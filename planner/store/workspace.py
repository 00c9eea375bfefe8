"""Workspace files: recognising, creating, opening, migrating and copying them."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
import struct
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from planner import __version__
from planner.domain.errors import ConflictError, PlannerError, ReadOnlyError
from planner.domain.models import utcnow
from planner.domain.wording import UNNAMED_ACTOR
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
from planner.store.partial import glob_escape, partial_file, remove_stranded

SUFFIX = ".handover"


class WorkspaceError(PlannerError):
    """A file that cannot be used as a workspace; the file was left untouched."""


class StorageError(WorkspaceError):
    """The disk refused a write (full, read-only, failing); the change was not saved."""


def storage_error(path: Path, exc: BaseException, what: str) -> StorageError:
    """One sentence for a failed write, naming the likely cause."""
    detail = str(getattr(exc, "orig", None) or exc)
    if "full" in detail or getattr(exc, "errno", None) == 28:
        cause = "the disk is full"
    elif "readonly" in detail or "read-only" in detail:
        cause = "the file or its folder is read-only"
    else:
        cause = detail
    return StorageError(f"{path.name}: {what}: {cause}")


def server_write_error(where: str, exc: BaseException) -> PlannerError:
    """One sentence for a refused write on a server (a race lost, a connection gone).

    A lost race is a conflict like a stale version (the GUI reloads and shows theirs);
    the writer may simply try again on a fresh read.
    """
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "could not serialize" in detail or "deadlock" in detail:
        return ConflictError(
            f"{where}: someone else changed the same part of the plan at the same moment; "
            "your change was not saved and the page now shows theirs."
        )
    return StorageError(f"{where}: the change was not saved ({detail})")


@dataclass(frozen=True)
class FileCheck:
    """What inspecting a workspace file found (and whether it rolled back a journal)."""

    path: Path
    revision: str
    recovered: bool = False

    @property
    def needs_migration(self) -> bool:
        return self.revision != migrations.HEAD


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def is_writable(path: Path) -> bool:
    """Whether ``path`` may be written: by the OS, and by its mode bits (root ignores those,
    but a file someone made read-only is meant to stay as it is)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
    ):
        if test(mode):
            return kind
    return "special file"


def _read_header(path: Path) -> tuple[bytes, int]:
    """The first 100 bytes and the size of a regular file; refuse anything else unread.

    A FIFO, socket or device would block or stream forever, so the kind is checked first,
    and again on the opened descriptor (O_NONBLOCK) in case the name was swapped meanwhile.
    """
    name = path.name
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise WorkspaceError(f"{name}: no such file") from None
    except OSError as exc:
        raise WorkspaceError(f"{name}: cannot be opened ({exc.strerror})") from exc
    if stat.S_ISDIR(mode):
        raise WorkspaceError(f"{name}: is a folder, not a workspace file")
    if not stat.S_ISREG(mode):
        raise WorkspaceError(f"{name}: is a {_file_kind(mode)}, not a workspace file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = _file_kind(info.st_mode)
                raise WorkspaceError(f"{name}: is a {kind}, not a workspace file")
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError as exc:
        raise WorkspaceError(f"{name}: cannot be read ({exc.strerror})") from exc
    return header, info.st_size


def inspect_file(path: Path) -> FileCheck:
    """Decide whether ``path`` is a workspace this version can open; raise WorkspaceError if not.

    The checks read the header directly and then open the file read-only, so a file that
    is not ours is never written to. The one write: a workspace of ours with a hot journal
    (a change interrupted by a crash) is opened read-write so SQLite rolls the unfinished
    change back, as it would on any open; read-only, it could not, and would call the
    healthy file damaged.
    """
    name = path.name
    header, size = _read_header(path)
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
    recovered = _recover_journal(path)
    if recovered:
        header, size = _read_header(path)
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
    return FileCheck(path, revision, recovered)


def _recover_journal(path: Path) -> bool:
    """Roll back a change a crash left unfinished; True if there was one to roll back."""
    journal = journal_path(path)
    try:
        hot = journal.stat().st_size > 0
    except OSError:
        return False
    if not hot:
        return False
    if not (is_writable(path) and is_writable(path.parent)):
        raise WorkspaceError(
            f"{path.name}: a change was interrupted and its journal ({journal.name}) can only "
            "be rolled back where the file and its folder are writable; copy both to such a "
            "folder and open the copy"
        )
    try:
        conn = connect_raw(path, read_only=False)
        try:
            # Any read makes SQLite roll a hot journal back (under its exclusive lock); a
            # journal that belongs to a live writer is left to that writer.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path.name}: the file is truncated or damaged ({exc})") from exc
    return not journal.exists()


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
    """An open workspace, a file or a server database: the only holder of its engine.

    ``write()`` and ``read()`` hand out sessions to the store and the operations; nothing
    above those packages touches a session. A server workspace has no ``path``; its
    ``location`` is the URL without the password. ``notices`` are one-line things the user
    should be told about how it was opened (read-only because the file is, or a crashed
    change rolled back).
    """

    path: Path | None
    engine: Engine
    read_only: bool
    actor: str
    lock: WorkspaceLock | None = None
    clock: Callable[[], dt.datetime] = field(default=utcnow)
    location: str = ""
    title: str = ""
    notices: tuple[str, ...] = ()
    read_only_reason: str = ""
    # How to open it again: the file's path, or the server URL without the password.
    address: str = ""
    # Tells this object's writes apart from other clients' in live change notices.
    client_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    _writer: Engine | None = None

    def __post_init__(self) -> None:
        if self.path is not None:
            self.location = self.location or str(self.path)
            self.title = self.title or self.path.stem
            self.address = self.address or str(self.path.resolve())

    @property
    def name(self) -> str:
        """A short name for titles and messages (the file's stem, or the database name)."""
        return self.title

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def folder(self) -> Path | None:
        """The folder that holds the workspace file (None for a server workspace)."""
        return self.path.parent if self.path is not None else None

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any exception."""
        if self.read_only:
            why = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise ReadOnlyError(f"{self.display} is open read-only{why}; changes are not allowed")
        if self._writer is None:
            # Server writers run SERIALIZABLE: of two edits that race, one is refused.
            self._writer = (
                self.engine.execution_options(isolation_level="SERIALIZABLE")
                if self.is_server
                else write_engine(self.engine)
            )
        try:
            with (
                Session(self._writer, expire_on_commit=False, autoflush=False) as session,
                session.begin(),
            ):
                yield session
                if self.is_server:
                    from planner.store.live import announce

                    # Sent by PostgreSQL when (and only if) this transaction commits.
                    announce(session, self.client_id)
        except OperationalError as exc:
            if self.path is None:
                raise server_write_error(self.display, exc) from exc
            # A full or failing disk: SQLite rolled the transaction back, the file is whole.
            raise storage_error(self.path, exc, "the change was not saved") from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read transaction: a consistent view of the workspace.

        A value that cannot be read back (an unknown enum value, bad UTF-8, a bad date,
        an unreadable page) means the file was damaged after it was written: that is said
        in one sentence instead of surfacing as a crash.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except PlannerError:
            raise
        except OperationalError as exc:
            # Busy beyond the timeout, an I/O error: the file may be fine, the read was not.
            raise WorkspaceError(f"{self.display}: cannot be read now ({exc.orig})") from exc
        except (LookupError, ValueError, UnicodeDecodeError, DBAPIError) as exc:
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
            raise WorkspaceError(
                f"{self.display}: the workspace is damaged and cannot be read ({detail})"
            ) from exc

    @property
    def display(self) -> str:
        """The file's name, or the server location, for messages."""
        return self.path.name if self.path is not None else self.location

    def save_copy(self, destination: Path) -> None:
        """Write a consistent copy of the workspace to ``destination`` (atomically).

        The copy is an offline copy: it records where it came from (store/offline.py).
        """
        if self.path is None:
            from planner.store.copying import copy_workspace

            copy_workspace(self, destination)
            return
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise WorkspaceError("choose another file name: this is the open workspace")
        try:
            fd, temporary = partial_file(destination)
        except OSError as exc:
            raise storage_error(destination, exc, "the copy was not written") from exc
        source = connect_raw(self.path, read_only=True)
        try:
            backup_to(source, temporary)
            _mark_as_copy(temporary, self.path)
            os.replace(temporary, destination)
        except (sqlite3.Error, OSError) as exc:
            temporary.unlink(missing_ok=True)
            raise storage_error(destination, exc, "the copy was not written") from exc
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        finally:
            source.close()
            os.close(fd)

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


def _mark_as_copy(copy: Path, source: Path) -> None:
    """A saved copy records where it came from, so it can be taken offline and brought back."""
    from planner.store.offline import mark_as_copy

    with open_workspace(copy, take_lock=False) as draft:
        mark_as_copy(draft, source=str(source.resolve()))


def os_user() -> str | None:
    """The OS user name from the environment, or None when none is set."""
    for variable in ("USER", "USERNAME", "LOGNAME"):
        if value := os.environ.get(variable):
            return value
    return None


def default_actor() -> str:
    """The OS user name, for audit events when no name is set in the preferences."""
    return os_user() or UNNAMED_ACTOR


def create_workspace(
    path: Path,
    *,
    actor: str | None = None,
    fill: Callable[[Workspace], object] | None = None,
) -> Workspace:
    """Create a new workspace at ``path``; refuse to replace an existing file.

    The file is built under a locked temporary name and appears under its own name only
    once it is complete: with ``fill`` (an import, a demo) that includes what ``fill``
    writes, so a crash or a failure at any point leaves no half-made workspace behind.
    """
    from planner.store.seed import seed_new_workspace

    path = Path(path)
    if path.exists() or path.is_symlink():
        raise WorkspaceError(f"{path.name}: a file with this name already exists")
    if not path.parent.is_dir():
        raise WorkspaceError(f"{path.parent}: no such folder")
    try:
        fd, temporary = partial_file(path)
    except OSError as exc:
        raise storage_error(path, exc, "the workspace was not created") from exc
    try:
        conn = connect_raw(temporary, read_only=False)
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        conn.close()
        engine = make_engine(temporary, read_only=False)
        try:
            migrations.upgrade(engine)
            seed_new_workspace(engine, actor=actor or default_actor())
        finally:
            engine.dispose()
        if fill is not None:
            with open_workspace(temporary, actor=actor, take_lock=False) as draft:
                fill(draft)
        os.link(temporary, path)
    except FileExistsError as exc:
        raise WorkspaceError(f"{path.name}: a file with this name already exists") from exc
    except (sqlite3.Error, OperationalError, OSError) as exc:
        raise storage_error(path, exc, "the workspace was not created") from exc
    finally:
        temporary.unlink(missing_ok=True)
        journal_path(temporary).unlink(missing_ok=True)
        os.close(fd)
    return open_workspace(path, actor=actor)


def _why_read_only(path: Path) -> str:
    """Why a workspace cannot be written here ('' if it can): SQLite needs both the file
    and its folder (for the rollback journal)."""
    if not is_writable(path):
        return "the file is read-only"
    if not is_writable(path.parent):
        return "its folder is read-only"
    return ""


def open_workspace(
    path: Path,
    *,
    read_only: bool = False,
    actor: str | None = None,
    take_lock: bool = True,
) -> Workspace:
    """Open a workspace file after checking it is one; migrate it (with a backup) if old.

    Raises WorkspaceError for a file that is not a usable workspace, and LockHeldError
    when another instance holds it for writing (open it read-only instead). A file that
    cannot be written (read-only file or folder) opens read-only, with a notice saying so.
    """
    path = Path(path)
    check = inspect_file(path)
    notices: list[str] = []
    if check.recovered:
        notices.append(
            f"{path.name}: a change interrupted by a crash was rolled back; "
            "every completed change is kept"
        )
    reason = _why_read_only(path)
    if reason and not read_only:
        read_only = True
        notices.append(f"{path.name} opened read-only: {reason}")
    lock = None
    if not read_only and take_lock:
        lock = WorkspaceLock(path, user=actor)
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
        path=path,
        engine=engine,
        read_only=read_only,
        actor=actor or default_actor(),
        lock=lock,
        notices=tuple(notices),
        read_only_reason=reason,
    )


def backup_path(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-{revision}-{stamp}{SUFFIX}.bak")


def migrate_file(path: Path, revision: str) -> Path:
    """Back the file up next to itself, then upgrade it in one transaction.

    A backup that cannot be completed (a full disk) is removed and nothing is migrated; a
    migration that fails is rolled back and its backup removed: the file is as it was, and
    the user gets one sentence either way.
    """
    backup = backup_path(path, revision)
    # Backups are named by the time they were made: clear any a crash left half-written.
    remove_stranded(backup, f"{glob_escape(path.stem)}.before-*{SUFFIX}.bak")
    source = connect_raw(path, read_only=True)
    fd, temporary = partial_file(backup)
    try:
        backup_to(source, temporary)
        os.replace(temporary, backup)
    except (sqlite3.Error, OSError) as exc:
        temporary.unlink(missing_ok=True)
        raise storage_error(path, exc, "no backup could be written, so nothing changed") from exc
    finally:
        source.close()
        os.close(fd)
    engine = make_engine(path, read_only=False)
    try:
        migrations.upgrade(engine)
    except Exception as exc:
        backup.unlink(missing_ok=True)
        if isinstance(exc, PlannerError):
            raise WorkspaceError(f"{path.name}: {exc}") from exc
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise WorkspaceError(
            f"{path.name}: upgrading it to this version failed ({detail}); "
            "the file was left as it was"
        ) from exc
    finally:
        engine.dispose()
    return backup

"""One writer per workspace: an OS advisory lock on a file beside it, saying who holds it.

The kernel holds the lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) for as
long as the owning process keeps the lock file open, and drops it when that process ends,
however it ends. So there is no stale-lock guessing: whoever gets the kernel lock owns the
workspace, and the JSON inside the file only says who that is. A lock file is deleted only
by its owner, and only while it still holds it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from planner.domain.errors import PlannerError
from planner.domain.wording import actor_name

# The region msvcrt locks; POSIX flock locks the whole file.
_LOCK_BYTES = 1


@dataclass(frozen=True)
class LockOwner:
    """Who holds a workspace, as written in its lock file."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        # "unknown" is what is written for someone with no name: not a name to show.
        who = actor_name(self.user)
        return f"{who} on {self.host} (process {self.pid}, since {self.since})"


class LockHeldError(PlannerError):
    """Another instance has the workspace open for writing."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        who = owner.describe() if owner else "another instance"
        super().__init__(f"{path.name} is already open by {who}; open it read-only instead")
        self.owner = owner


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the kernel lock without waiting; False if another open file description has it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, _LOCK_BYTES)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, _LOCK_BYTES)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class WorkspaceLock:
    """``NAME.handover.lock`` beside the workspace, locked by the kernel while it is open."""

    def __init__(self, workspace: Path, *, user: str | None = None) -> None:
        self.workspace = workspace
        self.path = workspace.with_name(workspace.name + ".lock")
        self._handle: IO[bytes] | None = None
        # The name the user set for the audit trail; a second instance shows it.
        self.user = user

    @property
    def held(self) -> bool:
        return self._handle is not None

    def read_owner(self) -> LockOwner | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockOwner(
                str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _record(self) -> bytes:
        from planner.store.workspace import default_actor

        record = {
            "user": self.user or default_actor(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        return json.dumps(record).encode("utf-8")

    def _open_locked(self) -> IO[bytes] | None:
        """Open and lock the file at ``self.path``; None if someone else holds it.

        The file we locked may have been unlinked (by an older app's release) between our
        open and our lock: then the lock guards nothing, so we try again on the new file.
        """
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            handle = os.fdopen(fd, "r+b")
            if not _try_lock(handle):
                handle.close()
                return None
            try:
                same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                return handle
            handle.close()
        return None

    def acquire(self) -> None:
        """Become the workspace's one writer, or raise LockHeldError naming who is."""
        if self._handle is not None:
            raise LockHeldError(self.workspace, self.read_owner())
        try:
            handle = self._open_locked()
        except OSError as exc:
            raise PlannerError(
                f"cannot create the lock file {self.path.name}: {exc.strerror}"
            ) from exc
        if handle is None:
            raise LockHeldError(self.workspace, self.read_owner())
        try:
            # Rewrite in place: readers may see it empty for a moment, which only means
            # "someone" in the message; the kernel lock is what keeps them out.
            handle.seek(0)
            handle.truncate()
            handle.write(self._record())
            handle.flush()
        except OSError:
            pass  # a full disk leaves the owner unnamed, never the lock unheld
        self._handle = handle

    def release(self) -> None:
        """Delete the lock file (while still holding it, so it is ours) and unlock."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path)):
                self.path.unlink()
        with contextlib.suppress(OSError):
            _unlock(handle)
        handle.close()

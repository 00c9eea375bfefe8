"""One writer per workspace: a lock file beside it, with stale-lock detection."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from planner.domain.errors import PlannerError


@dataclass(frozen=True)
class LockOwner:
    """Who holds a workspace, as written in its lock file."""

    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"


class LockHeldError(PlannerError):
    """Another instance has the workspace open for writing."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        who = owner.describe() if owner else "another instance"
        super().__init__(f"{path.name} is already open by {who}; open it read-only instead")
        self.owner = owner


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class WorkspaceLock:
    """``NAME.handover.lock`` beside the workspace, created exclusively.

    A lock left by a process that no longer runs on this host is stale and taken over;
    a lock from another host is respected (we cannot see its processes).
    """

    def __init__(self, workspace: Path, *, user: str | None = None) -> None:
        self.path = workspace.with_name(workspace.name + ".lock")
        self.held = False
        # The name the user set for the audit trail; a second instance shows it.
        self.user = user

    def read_owner(self) -> LockOwner | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockOwner(
                str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _is_stale(self, owner: LockOwner | None) -> bool:
        if owner is None:
            return True
        return owner.host == socket.gethostname() and not _pid_alive(owner.pid)

    def acquire(self) -> None:
        import datetime as dt

        from planner.store.workspace import default_actor

        record = {
            "user": self.user or default_actor(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self.read_owner()
                if owner is not None and owner.pid == os.getpid() and owner.host == record["host"]:
                    raise LockHeldError(self.path, owner) from None
                if not self._is_stale(owner):
                    raise LockHeldError(self.path.with_suffix(""), owner) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except OSError as exc:
                raise PlannerError(
                    f"cannot create the lock file {self.path.name}: {exc.strerror}"
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
            self.held = True
            return
        raise LockHeldError(self.path.with_suffix(""), self.read_owner())

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False

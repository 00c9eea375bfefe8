"""Temporary files beside a target that a crash cannot strand for good.

A writer creates ``.NAME.XXXX.partial`` and holds an OS advisory lock on it while it
writes. A process killed mid-write cannot unlock, but the kernel does it for it, so the
next writer to the same folder finds the file unlocked and removes it; a file still
locked belongs to a writer at work and is left alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


def _lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows refuses to delete open files
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def user_file_mode() -> int:
    """The mode a new file gets from the user's umask (mkstemp always makes 0600)."""
    mask = None
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                mask = int(line.split()[1], 8)
    if mask is None:  # not Linux: read it the only portable way (briefly set, then restored)
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def remove_stranded(target: Path, pattern: str | None = None) -> None:
    """Delete temporary files an interrupted write to ``target`` left behind (or, given a
    glob ``pattern``, to any file of that pattern in the target's folder)."""
    pattern = pattern or f"{glob_escape(target.name)}"
    for candidate in target.parent.glob(f".{pattern}.*.partial"):
        try:
            fd = os.open(candidate, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            if _lock(fd):
                with contextlib.suppress(OSError):
                    candidate.unlink()
                with contextlib.suppress(OSError):  # SQLite's journal of a half-made copy
                    candidate.with_name(candidate.name + "-journal").unlink()
        finally:
            os.close(fd)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def partial_file(target: Path) -> tuple[int, Path]:
    """Create and lock a fresh temporary file beside ``target``: (descriptor, path).

    Cleans up after earlier crashed writers first. The caller closes the descriptor when
    it is done (which releases the lock) and renames or deletes the file.
    """
    remove_stranded(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    _lock(fd)
    return fd, Path(name)

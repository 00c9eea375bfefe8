"""A child process for the kill -9 tests: does one kind of work, saying 'ack N' after each
finished step (a committed edit, a complete export), until it is killed."""

from __future__ import annotations

import sys
from pathlib import Path


def edits(path: Path) -> None:
    from planner.operations import add_system
    from planner.store.workspace import open_workspace

    with open_workspace(path, actor="worker") as ws:
        print("ready", flush=True)
        for n in range(10_000):
            add_system(ws, name=f"S{n:04}", template="claims_review_support")
            print(f"ack {n}", flush=True)


def repeat_cli(argv: list[str]) -> None:
    from planner.cli import main

    print("ready", flush=True)
    for n in range(10_000):
        if main(argv) != 0:
            raise SystemExit(f"failed: {argv}")
        print(f"ack {n}", flush=True)


def copies(path: Path, destination: Path) -> None:
    from planner.store.workspace import open_workspace

    with open_workspace(path, actor="worker", read_only=True) as ws:
        print("ready", flush=True)
        for n in range(10_000):
            ws.save_copy(destination)
            print(f"ack {n}", flush=True)


def once(argv: list[str]) -> None:
    from planner.cli import main

    print("ready", flush=True)
    code = main(argv)
    print(f"ack {code}", flush=True)


def migrate(path: Path) -> None:
    from planner.store.workspace import open_workspace

    print("ready", flush=True)
    open_workspace(path, actor="worker").close()
    print("ack 0", flush=True)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "edits":
        edits(Path(rest[0]))
    elif mode == "export":
        repeat_cli(["export", "json", rest[0], "-o", rest[1]])
    elif mode == "copy":
        copies(Path(rest[0]), Path(rest[1]))
    elif mode == "import":
        once(["import", rest[0], rest[1]])
    elif mode == "migrate":
        migrate(Path(rest[0]))
    elif mode == "contend":
        pass  # below, once contend() is defined
    else:
        raise SystemExit(f"unknown mode {mode}")


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until the test reaps it: that is not alive either.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\tZ" in status.read_text())


def contend(path: Path, seconds: float) -> None:
    """Open the workspace for writing again and again; while holding it, prove nobody else
    does (an O_EXCL flag file only one holder at a time can create)."""
    import os
    import time

    from planner.store.lock import LockHeldError
    from planner.store.workspace import open_workspace

    flag = path.with_name("inside.flag")
    print("ready", flush=True)
    held, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            ws = open_workspace(path, actor="worker")
        except LockHeldError:
            continue
        try:
            fd = os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            owner = int(flag.read_text() or 0)
            # A holder killed inside drops its lock as its files close, a moment before it
            # shows as a zombie: give it that moment before calling it a second writer.
            deadline = time.monotonic() + 2.0
            while _alive(owner) and time.monotonic() < deadline:
                time.sleep(0.01)
            if _alive(owner):
                raise SystemExit(f"two writers at once: {os.getpid()} and {owner}") from None
            flag.unlink()  # its holder was killed inside
            fd = os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        time.sleep(0.002)
        os.unlink(flag)
        ws.close()
        held += 1
    print(f"ack {held}", flush=True)


if __name__ == "__main__" and sys.argv[1] == "contend":
    contend(Path(sys.argv[2]), float(sys.argv[3]))

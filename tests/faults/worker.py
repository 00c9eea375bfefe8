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
    else:
        raise SystemExit(f"unknown mode {mode}")

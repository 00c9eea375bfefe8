"""Start-up self-test for packaged builds: open a workspace, save a picture, quit.

``HANDOVER_PLANNER_GRAB=FILE.png handover-planner open WS`` exits 0 once the window has
opened the workspace and painted itself into FILE.png, or 1 after a time limit. The
packaging smoke tests use it to prove that a wheel or a frozen bundle can show its window
(Qt plugins, fonts and icons found) without a person looking at a screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

GRAB_ENV = "HANDOVER_PLANNER_GRAB"
TIME_LIMIT_MS = 60_000


def grab_when_opened(window: QWidget, target: Path) -> None:
    """Save ``window`` to ``target`` once its workspace is open, then quit the event loop."""

    def grab() -> None:
        window.resize(1280, 760)
        if window.grab().save(str(target)):
            QCoreApplication.exit(0)
        else:
            print(f"handover-planner: could not write {target}", file=sys.stderr)
            QCoreApplication.exit(1)

    def give_up() -> None:
        print("handover-planner: the workspace did not open in time", file=sys.stderr)
        QCoreApplication.exit(1)

    # After the panes built for the workspace have had one turn of the event loop.
    window.workspace_opened.connect(lambda _document: QTimer.singleShot(200, grab))  # type: ignore[attr-defined]
    QTimer.singleShot(TIME_LIMIT_MS, give_up)

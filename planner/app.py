"""Composition root of the GUI: the QApplication, fonts, the workspace and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from planner import APP_NAME, __version__

ORGANISATION = "Handover Planner"
ORGANISATION_DOMAIN = "handover-planner.invalid"


def make_application(argv: list[str] | None = None) -> object:
    """The QApplication with the names QSettings files are kept under, and our fonts."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from planner.ui.fonts import register_fonts

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName("handover-planner")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    QGuiApplication.setDesktopFileName("handover-planner")
    register_fonts()
    return app


def open_initial(window: object, path: Path, *, create: bool) -> None:
    """Open (or create, when asked and missing) the workspace the command line named."""
    if create and not path.exists():
        window.create_workspace_file(path)  # type: ignore[attr-defined]
    else:
        window.open_path(path)  # type: ignore[attr-defined]


def run(path: Path, create: bool = False) -> int:
    """Start the GUI on ``path``; returns the exit code of the event loop."""
    app = make_application()
    from planner.preferences import Preferences
    from planner.ui.main_window import MainWindow

    window = MainWindow(preferences=Preferences.load())
    window.show()
    # Open after the window is up, so a refusal dialog has a parent and the welcome pane
    # remains when the file cannot be used.
    open_initial(window, Path(path), create=create)
    return int(app.exec())  # type: ignore[attr-defined]

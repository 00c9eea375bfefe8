"""Composition root of the GUI: QApplication, fonts, logging, the workspace, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from planner import APP_NAME, __version__

ORGANISATION = "Handover Planner"
ORGANISATION_DOMAIN = "handover-planner.invalid"


def make_application(argv: list[str] | None = None) -> object:
    """The QApplication with the names QSettings files are kept under, and our fonts."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from planner.resources import resource_path
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
    app.setWindowIcon(QIcon(str(resource_path("icons", "handover-planner.svg"))))
    register_fonts()
    return app


Location = Path | str  # a workspace file, or a server workspace's postgresql:// URL


def _as_location(location: Location) -> Location:
    """A URL stays text (Path would fold its '//'); anything else is a path."""
    from planner.store.server_url import is_server_url

    text = str(location)
    return text if is_server_url(text) else Path(text)


def open_initial(window: object, path: Location, *, create: bool) -> bool:
    """Open (or create, when asked and missing) the workspace the command line named."""
    if isinstance(path, str):
        return bool(window.open_location(path))  # type: ignore[attr-defined]
    if create and not path.exists():
        return bool(window.create_workspace_file(path))  # type: ignore[attr-defined]
    return bool(window.open_path(path))  # type: ignore[attr-defined]


def open_after_first_paint(window: object, path: Location, *, create: bool) -> None:
    """Open ``path`` in ``window`` once the window has painted (its shell, so far).

    Opening imports the store, the analysis and the panes over them (SQLAlchemy, SQLModel,
    pydantic: most of the start-up time), so the window shows its menus and an "Opening…"
    placeholder first. When the file cannot be used, the welcome pane comes back.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = False

    def open_now() -> None:
        nonlocal done
        if done:
            return
        done = True
        window.removeEventFilter(spy)  # type: ignore[attr-defined]
        if window.opening is None:  # type: ignore[attr-defined]
            return  # the user opened or created another workspace meanwhile
        if not open_initial(window, path, create=create):
            window.cancel_opening()  # type: ignore[attr-defined]

    class FirstPaint(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                # After this paint reaches the screen: a zero timer runs once it is done.
                QTimer.singleShot(0, open_now)
            return False

    spy = FirstPaint(window)  # type: ignore[arg-type]
    window.installEventFilter(spy)  # type: ignore[attr-defined]
    # A window that never paints (started minimised, say) still opens its workspace.
    QTimer.singleShot(1000, open_now)


def show_window(path: Location | None, create: bool = False, **kwargs: object) -> object:
    """The main window, shown at once on an "Opening…" placeholder; the file opens next.

    With no ``path`` the window shows its start screen. ``kwargs`` go to MainWindow
    (preferences, settings); the event loop must be running (or run later) for the
    workspace to open.
    """
    from planner.preferences import Preferences
    from planner.ui.main_window import MainWindow

    if kwargs.get("preferences") is None:
        kwargs["preferences"] = Preferences.load()
    window = MainWindow(**kwargs)  # type: ignore[arg-type]
    if path is None:
        window.show()
        window.welcome.setFocus()
        return window
    path = _as_location(path)
    window.show_opening(path)
    window.show()
    # Open after the window is up, so a refusal dialog has a parent and the welcome pane
    # remains when the file cannot be used.
    open_after_first_paint(window, path, create=create)
    return window


def run(path: Location | None, create: bool = False) -> int:
    """Start the GUI on ``path`` (a file, a server URL, or None: the start screen);
    returns the event loop's exit code."""
    import os

    from planner.logs import setup_logging
    from planner.ui.crash_handler import install_excepthook

    setup_logging()
    install_excepthook()
    app = make_application()
    window = show_window(path, create=create)
    if grab := os.environ.get("HANDOVER_PLANNER_GRAB"):  # packaging smoke tests
        from planner.ui.self_test import grab_when_opened

        grab_when_opened(window, Path(grab))  # type: ignore[arg-type]
    return int(app.exec())  # type: ignore[attr-defined]

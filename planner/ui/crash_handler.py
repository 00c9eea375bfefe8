"""The GUI's last resort for a bug: log the traceback and tell the user where it is."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from planner.logs import log_path

log = logging.getLogger(__name__)

_showing = False  # a dialog is up: a second error while it shows is only logged


def handle_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook for the GUI: the app keeps running, the log keeps the traceback."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
    from PySide6.QtWidgets import QApplication

    if _showing or QApplication.instance() is None:
        return
    from planner.ui.dialogs.message_boxes import show_error

    _showing = True
    try:
        show_error(
            QApplication.activeWindow(),
            "Unexpected error",
            f"Something went wrong inside Handover Planner ({exc_type.__name__}); "
            f"the details are in {log_path()}.",
        )
    finally:
        _showing = False


def install_excepthook() -> None:
    """Route every uncaught exception (including those in Qt slots) to handle_uncaught."""
    sys.excepthook = handle_uncaught

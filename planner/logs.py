"""One log for the GUI and the CLI: a rotating file in the user's log folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from planner.preferences import log_dir

LOG_NAME = "handover-planner.log"
# A few hundred kilobytes keep weeks of warnings and every traceback, and stay easy to email.
_MAX_BYTES = 512 * 1024
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_handler: logging.Handler | None = None  # the one handler setup_logging added


def log_path() -> Path:
    """Where the log file is (or will be), for messages that point the user to it."""
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``planner`` loggers to the rotating log file; safe to call more than once.

    The file's folder is read when called (tests point it elsewhere). If the folder cannot
    be written, logging goes to stderr instead, so a read-only home never stops the app.
    """
    global _handler
    logger = logging.getLogger("planner")
    # A library's dictConfig (import-linter's, for one) disables every logger that existed
    # before it ran; ours must keep writing.
    for name, existing in logging.Logger.manager.loggerDict.items():
        if name.startswith("planner") and isinstance(existing, logging.Logger):
            existing.disabled = False
    path = log_path()
    if _handler is not None:
        if getattr(_handler, "baseFilename", None) == str(path):
            return path
        logger.removeHandler(_handler)
        _handler.close()
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler
    return path

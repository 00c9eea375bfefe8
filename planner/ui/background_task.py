"""Running long work (exports, big analyses) off the GUI thread, with progress and cancel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from planner.domain.errors import PlannerError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside the work when the user cancelled it."""


class TaskControl:
    """What the work sees: a way to report progress and to notice a cancel."""

    def __init__(self, task: BackgroundTask) -> None:
        self._task = task
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop the work here if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self._task.progress.emit(done, total, text)


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self._task
        try:
            result = task.work(task.control)
            task.control.check()
        except Cancelled:
            task.finish("cancelled", None)
        except Exception as exc:  # the user reads one line; the log keeps the traceback
            if isinstance(exc, PlannerError):
                log.warning("Background task refused: %s", exc)
            else:
                log.exception("Background task failed")
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            task.finish("failed", message)
        else:
            task.finish("succeeded", result)


class BackgroundTask(QObject):
    """One piece of work on the thread pool; its signals arrive on the GUI thread."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    # Emitted last, whatever the outcome.
    finished = Signal()

    _alive: set[BackgroundTask] = set()  # noqa: RUF012 - keeps running tasks referenced

    def __init__(
        self,
        work: Callable[[TaskControl], Any],
        parent: QObject | None = None,
        *,
        writes: bool = False,
    ) -> None:
        super().__init__(parent)
        self.work = work
        # A task that writes a file is waited for when the window closes; one that only
        # computes (an analysis) is simply abandoned.
        self.writes = writes
        self.control = TaskControl(self)
        self.running = False
        self._done = threading.Event()
        self.finished.connect(self._on_finished)

    def start(self) -> None:
        self.running = True
        BackgroundTask._alive.add(self)
        QThreadPool.globalInstance().start(_Runnable(self))

    @classmethod
    def wait_for_writers(cls, timeout_ms: int = 30_000) -> None:
        """Let running exports finish their file before the app goes away."""
        for task in list(cls._alive):
            if task.writes:
                task.wait(timeout_ms)

    def cancel(self) -> None:
        self.control._cancel.set()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the work returned (used when the window closes)."""
        return self._done.wait(timeout_ms / 1000)

    def finish(self, outcome: str, value: Any) -> None:
        """Called on the worker thread: hand the outcome to the GUI thread."""
        self._done.set()
        if outcome == "succeeded":
            self.succeeded.emit(value)
        elif outcome == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()

    def _on_finished(self) -> None:
        self.running = False
        BackgroundTask._alive.discard(self)

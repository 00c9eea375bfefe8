"""Findings and readiness scores of the open workspace, kept current as the plan changes.

One tracker per document (``WorkspaceDocument.tracker``): the navigator (score, blocker
count), the findings panel, the board and the PDF export all read from it, so the analysis
runs once per change, and only for the systems the change can move (analysis.impact).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from planner.analysis.impact import affected_systems
from planner.operations import Change
from planner.ui.workspace_document import WorkspaceDocument

# Re-analysing more systems than this one by one costs more than one whole analysis.
_INCREMENTAL_LIMIT = 25


class ReadinessTracker(QObject):
    """Re-runs the analysis after each change and tells the views which systems moved."""

    # The systems whose findings were recomputed (a frozenset), or None for all of them.
    updated = Signal(object)
    # Workspaces with more systems than this are analysed off the GUI thread as a whole
    # (about 3 ms a system on two cores), so opening a big one never freezes the window.
    background_threshold = 60

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.analysis: Any = None
        self.available = True
        self.error = ""
        self._task: Any = None
        self._rerun_all = False
        self._pending: set[str] = set()
        document.changed.connect(self._on_document_changed)
        self.refresh()

    # --- reading -------------------------------------------------------------------

    def findings(self, system_id: str | None) -> tuple[Any, ...]:
        """Findings of one system, gravest first (None: those about the workspace)."""
        if self.analysis is None:
            return ()
        if system_id is None:
            return tuple(self.analysis.workspace_findings)
        result = self.analysis.systems.get(system_id)
        return tuple(result.findings) if result is not None else ()

    def portfolio(self) -> list[Any]:
        """Every finding of every system and of the workspace."""
        return list(self.analysis.findings) if self.analysis is not None else []

    def system_result(self, system_id: str) -> Any:
        """The analysis of one system (None: retired, unknown, or still being worked out)."""
        return self.analysis.systems.get(system_id) if self.analysis is not None else None

    def readiness(self, system_id: str) -> tuple[int | None, int]:
        """(score out of 100, or None when not analysed (retired), number of blockers)."""
        result = self.analysis.systems.get(system_id) if self.analysis is not None else None
        if result is None:
            return None, 0
        return result.score, result.blockers

    # --- updating ------------------------------------------------------------------

    def refresh(self, system_ids: Iterable[str] | None = None) -> None:
        """Re-analyse the given systems (all when None, or when that is cheaper)."""
        from planner.analysis import analyse, analyse_system

        plan = self._document.plan
        today = dt.date.today()
        ids = None if system_ids is None else set(system_ids)
        if self._task is not None:
            # A whole analysis is running on an older plan: redo what changed since.
            if ids is None:
                self._rerun_all = True
            else:
                self._pending |= ids
            return
        if self.analysis is None or ids is None or len(ids) > _INCREMENTAL_LIMIT:
            if len(plan.systems) > self.background_threshold:
                self._start_background(plan, today)
                return
            self.analysis = analyse(plan, today=today)
            self.updated.emit(None)
            return
        analysis = self.analysis
        for system_id in ids:
            result = (
                analyse_system(plan, system_id, today=today) if system_id in plan.systems else None
            )
            if result is None:
                analysis = analysis.without_system(system_id)
            else:
                analysis = analysis.with_system(result)
        self.analysis = analysis
        self.updated.emit(frozenset(ids))

    @property
    def busy(self) -> bool:
        """True while a whole analysis runs in the background."""
        return self._task is not None

    def _start_background(self, plan: Any, today: dt.date) -> None:
        from planner.analysis import analyse
        from planner.ui.background_task import BackgroundTask

        # The plan is immutable rows, so the worker can read it while the GUI moves on.
        task = BackgroundTask(lambda _control: analyse(plan, today=today))
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        self._task = task
        self._rerun_all, self._pending = False, set()
        self.updated.emit(None)  # views show that scores are being worked out
        task.start()

    def _on_task_succeeded(self, analysis: Any) -> None:
        self._task = None
        self.analysis = analysis
        self.updated.emit(None)
        rerun, pending = self._rerun_all, self._pending
        self._rerun_all, self._pending = False, set()
        if rerun:
            self.refresh()
        elif pending:
            self.refresh(pending)

    def _on_task_failed(self, message: str) -> None:
        self._task = None
        self.available, self.error = False, message
        self.updated.emit(None)

    def _on_document_changed(self, change: Change | None) -> None:
        if change is None:
            self.refresh()
        else:
            self.refresh(affected_systems(self._document.plan, change))

"""The open workspace as the GUI sees it: a cached plan, an undo stack and change signals.

Views read ``document.plan`` (plain rows) and change things only through ``document.run``,
which calls an operation, pushes an undo command wrapping the resulting Change and tells
every view what changed. No view opens a database session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.plan import AuditEntry, Plan
from planner.operations import Change, revert
from planner.store.audit import event_actors, load_events
from planner.store.plan_loader import load_plan, refresh_plan
from planner.store.workspace import Workspace


class OperationCommand(QUndoCommand):
    """One user action on the undo stack; undo and redo only ever call operations."""

    def __init__(self, document: WorkspaceDocument, change: Change) -> None:
        # Menus and toolbars read a single & as a shortcut mark ("Risk & Audit" would lose it).
        super().__init__(change.description.replace("&", "&&"))
        self._document = document
        self._change = change
        self._inverse: Change | None = None
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:  # the operation already ran when the command was pushed
            self._fresh = False
            return
        assert self._inverse is not None
        self._change = self._document.apply_inverse(self._inverse)

    def undo(self) -> None:
        self._inverse = self._document.apply_inverse(self._change)


class WorkspaceDocument(QObject):
    """Owns the Workspace for the window; the only GUI object that calls operations."""

    # Emitted after every applied change (a user edit, an undo or a redo).
    changed = Signal(object)
    # Emitted when an undo or redo could not be applied (its message is for the user).
    failed = Signal(str)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = QUndoStack(self)
        self._plan: Plan | None = None

    @property
    def read_only(self) -> bool:
        return self.ws.read_only

    @property
    def plan(self) -> Plan:
        """The whole workspace in memory, loaded on first use and patched after changes."""
        if self._plan is None:
            self._plan = load_plan(self.ws)
        return self._plan

    def audit_events(self, **filters: Any) -> list[AuditEntry]:
        """The audit trail, newest first (filters as ``store.audit.load_events`` takes)."""
        return load_events(self.ws, **filters)

    def audit_actors(self) -> list[str]:
        return event_actors(self.ws)

    def reload(self) -> None:
        self._plan = None
        self.changed.emit(None)

    def run(self, operation: Callable[..., Change], /, **kwargs: Any) -> Change:
        """Run an operation and push it on the undo stack; errors propagate, nothing pushed."""
        change = operation(self.ws, **kwargs)
        if change.is_empty:
            return change
        self._refresh(change)
        self.undo_stack.push(OperationCommand(self, change))
        self.changed.emit(change)
        return change

    @contextlib.contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several runs into one undo step (e.g. add a person and assign them)."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def apply_inverse(self, change: Change) -> Change:
        """Revert ``change`` (used by undo and redo); returns the inverse for the next step."""
        try:
            inverse = revert(self.ws, change=change)
        except Exception as exc:  # a refused undo must not crash the window
            self.failed.emit(str(exc))
            return change
        self._refresh(inverse)
        self.changed.emit(inverse)
        return inverse

    def _refresh(self, change: Change) -> None:
        """Re-read only what the change touched: its systems, and the directory if needed."""
        if self._plan is None:
            return
        self._plan = refresh_plan(
            self.ws,
            self._plan,
            system_ids=change.system_ids,
            directory=change.workspace_wide or "action_item" in change.kinds,
        )

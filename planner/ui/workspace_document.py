"""The open workspace as the GUI sees it: a cached plan, an undo stack and change signals.

Views read ``document.plan`` (plain rows) and change things only through ``document.run``,
which calls an operation, pushes an undo command wrapping the resulting Change and tells
every view what changed. No view opens a database session.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.errors import ConflictError, PlannerError
from planner.domain.plan import AuditEntry, Plan
from planner.domain.wording import lower_first
from planner.logs import log_path
from planner.operations import Change, revert
from planner.store.audit import event_actors, load_events
from planner.store.plan_loader import load_plan, refresh_plan
from planner.store.workspace import Workspace

if TYPE_CHECKING:
    from planner.ui.readiness_tracker import ReadinessTracker

log = logging.getLogger(__name__)


class OperationCommand(QUndoCommand):
    """One user action on the undo stack; undo and redo only ever call operations.

    A step the workspace refuses (a row changed since by another route) is marked obsolete,
    so QUndoStack drops it instead of moving its index: a later Redo can then never replay
    the step backwards.
    """

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
        self._refuse_unless(self.apply_redo(), "redo")

    def undo(self) -> None:
        self._refuse_unless(self.apply_undo(), "undo")

    def apply_undo(self) -> str | None:
        """Revert the step; the reason when the workspace refuses, else None."""
        inverse = self._document.try_revert(self._change)
        if isinstance(inverse, str):
            return inverse
        self._inverse = inverse
        return None

    def apply_redo(self) -> str | None:
        """Apply the step again; the reason when the workspace refuses, else None."""
        assert self._inverse is not None
        change = self._document.try_revert(self._inverse)
        if isinstance(change, str):
            return change
        self._change = change
        return None

    def _refuse_unless(self, reason: str | None, verb: str) -> None:
        if reason is not None:
            self.setObsolete(True)
            self._document.report_refused(verb, self.text(), reason)


class MacroCommand(QUndoCommand):
    """Several operations as one undo step, undone and redone whole or not at all."""

    def __init__(self, document: WorkspaceDocument, text: str) -> None:
        super().__init__(text)
        self._document = document
        # Plain Python objects, not Qt children: the macro calls them, the stack never sees them.
        self.steps: list[OperationCommand] = []
        self._fresh = True

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._run(self.steps, "redo")

    def undo(self) -> None:
        self._run(list(reversed(self.steps)), "undo")

    def _run(self, steps: list[OperationCommand], verb: str) -> None:
        done: list[OperationCommand] = []
        for step in steps:
            reason = step.apply_undo() if verb == "undo" else step.apply_redo()
            if reason is not None:
                # Put back what this attempt already changed, so nothing is left half-done.
                for back in reversed(done):
                    again = back.apply_redo() if verb == "undo" else back.apply_undo()
                    if again is not None:
                        log.error("Could not roll back a refused %s: %s", verb, again)
                self.setObsolete(True)
                self._document.report_refused(verb, self.text(), reason)
                return
            done.append(step)


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
        self._macro: MacroCommand | None = None
        self._tracker: ReadinessTracker | None = None

    @property
    def read_only(self) -> bool:
        return self.ws.read_only

    @property
    def tracker(self) -> ReadinessTracker:
        """The one tracker of this document's findings, made on first use.

        Every view that shows findings subscribes to it (``tracker.updated``), so an edit
        is analysed once however many views are open.
        """
        if self._tracker is None:
            from planner.ui.readiness_tracker import ReadinessTracker

            self._tracker = ReadinessTracker(self, self)
        return self._tracker

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

    def run(self, operation: Callable[..., Change], /, **kwargs: Any) -> Change:
        """Run an operation and push it on the undo stack; errors propagate, nothing pushed.

        An edit refused because another writer changed the row first (a ConflictError)
        reloads the plan before the error reaches the view, so the view that says so
        already shows the other writer's version.
        """
        try:
            change = operation(self.ws, **kwargs)
        except ConflictError:
            self.reload()
            raise
        if change.is_empty:
            return change
        self._refresh(change)
        if self._macro is not None:
            self._macro.steps.append(OperationCommand(self, change))
        else:
            self.undo_stack.push(OperationCommand(self, change))
        self.changed.emit(change)
        return change

    @contextlib.contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several runs into one undo step (e.g. add a person and assign them)."""
        if self._macro is not None:  # nested: the steps join the outer group
            yield
            return
        macro = self._macro = MacroCommand(self, text)
        try:
            yield
        finally:
            self._macro = None
            if macro.steps:
                self.undo_stack.push(macro)

    def undo(self) -> bool:
        """Undo the last step; False when there was none or the workspace refused it."""
        return self._step(self.undo_stack.canUndo(), self.undo_stack.undo)

    def redo(self) -> bool:
        """Redo the next step; False when there was none or the workspace refused it."""
        return self._step(self.undo_stack.canRedo(), self.undo_stack.redo)

    def _step(self, possible: bool, step: Callable[[], None]) -> bool:
        count = self.undo_stack.count()
        if possible:
            step()
        # A refused step is dropped from the stack (see OperationCommand).
        return possible and self.undo_stack.count() == count

    def try_revert(self, change: Change) -> Change | str:
        """Revert ``change`` (for undo and redo): the inverse, or why the workspace refused."""
        try:
            inverse = revert(self.ws, change=change)
        except ConflictError as exc:  # another writer got there first: show theirs
            self.reload()
            return str(exc)
        except PlannerError as exc:  # e.g. a row changed since by another route
            return str(exc)
        except Exception:  # a bug: keep the history consistent, and keep the traceback
            log.exception("Reverting %r failed", change.description)
            return f"an unexpected error occurred (details in {log_path()})"
        self._refresh(inverse)
        self.changed.emit(inverse)
        return inverse

    def report_refused(self, verb: str, text: str, reason: str) -> None:
        """Tell the views that a step could not be undone or redone, in one sentence."""
        reason = reason.rstrip(".")
        log.info("Refused to %s %r: %s", verb, text, reason)
        self.failed.emit(
            f"Cannot {verb} \u201c{text}\u201d: {lower_first(reason)}, "
            "so it was taken off the undo history."
        )

    def reload(self) -> None:
        """Read the whole plan again (someone else changed the workspace) and tell every
        view; the views keep the user's system, page and selection where they still exist."""
        if self._plan is None:
            return
        self._plan = load_plan(self.ws)
        self.changed.emit(None)

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

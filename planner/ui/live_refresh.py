"""Other people's changes to a server workspace, shown as they happen.

The store's ``ChangeListener`` hears them on its own thread; this object carries the news
to the GUI thread, waits a moment so a burst (an import, a hand-over) reloads once, then
reloads the document (every view keeps its system, page and selection) and says who
changed what. It also says when the connection is lost and when it is back.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain.errors import PlannerError
from planner.domain.plan import AuditEntry, Plan
from planner.domain.wording import actor_name, count_of, lower_first
from planner.operations import Change
from planner.store.live import ChangeListener, ServerChange
from planner.ui.models.audit_trail_model import describe
from planner.ui.workspace_document import WorkspaceDocument

log = logging.getLogger(__name__)
OFFLINE = "Offline: reconnecting…"


class LiveRefresh(QObject):
    """Reloads one server workspace's document when another client commits a change."""

    # The note for the user: "Updated: Priya Shah changed Claims Triage: … (10:42)".
    updated = Signal(str)
    # False when the connection to the server is lost, True when it is back.
    online_changed = Signal(bool)
    # From the listener's thread to this object's (queued: they cross threads).
    _heard = Signal(object)
    _online = Signal(bool)

    # A burst of changes within this time reloads once.
    delay_ms = 150

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._seen = document.plan.audit_seq
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._heard.connect(self._on_heard)
        self._online.connect(self.online_changed)
        document.changed.connect(self._on_document_changed)
        self._listener = ChangeListener(
            document.ws, on_change=self._heard.emit, on_online=self._online.emit
        )
        self._listener.start()

    def stop(self) -> None:
        """Stop listening (before the workspace closes)."""
        self._timer.stop()
        self._listener.stop()

    def _on_document_changed(self, change: Change | None) -> None:
        # This window's own edits are already shown: they are not news.
        if change is not None:
            self._seen = max(self._seen, change.seq)

    def _on_heard(self, change: ServerChange) -> None:
        # seq 0: the connection came back, and changes may have been missed meanwhile.
        if change.seq == 0 or change.seq > self._seen:
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        document = self._document
        try:
            news = [e for e in document.audit_events(limit=100) if e.seq > self._seen]
            document.reload()
        except PlannerError as exc:  # the server went away between the notice and now
            log.warning("Live changes: could not reload the plan: %s", exc)
            self.online_changed.emit(False)
            return
        self._seen = max([self._seen, document.plan.audit_seq, *(e.seq for e in news)])
        if news:
            note = update_note(document.plan, news)
            log.info("Live changes: %s", note)
            self.updated.emit(note)


def update_note(plan: Plan, news: list[AuditEntry]) -> str:
    """One line about the newest of ``news`` (newest first), and how many came with it."""
    _when, who, where, what, changes = describe(plan, news[0])
    what = lower_first(what)
    if changes:  # the first field it changed says what the edit was ("Role: R → A")
        what = f"{what}, {changes.splitlines()[0]}"
    at = news[0].at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    more = f" and {count_of(len(news) - 1, 'more change')}" if len(news) > 1 else ""
    return f"Updated: {actor_name(who)} changed {where or 'the workspace'}: {what}{more} ({at})"

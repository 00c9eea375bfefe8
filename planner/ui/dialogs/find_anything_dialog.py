"""Find anything (Ctrl+K): type words, pick a hit with the arrows, Enter jumps to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from planner.analysis.search import IndexCache, SearchIndex, search
from planner.ui.models.search_hit_model import SearchHitModel
from planner.ui.workspace_document import WorkspaceDocument

_HINT = "Type to find systems, people, teams, documents, controls, signals and findings."
# Keys the search field passes to the list, so the hand never leaves the keyboard.
_LIST_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


class FindAnythingDialog(QDialog):
    """A search field over a ranked list of hits; ``hit_activated`` carries the chosen one."""

    hit_activated = Signal(object)

    def __init__(
        self, document: WorkspaceDocument, tracker: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._tracker = tracker
        self._cache = IndexCache()
        self._index: SearchIndex | None = None
        self.setWindowTitle("Find anything")
        self.setObjectName("find_anything_dialog")
        self.resize(640, 420)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("find_anything_edit")
        self.search_edit.setPlaceholderText("Find a system, person, team, document, finding…")
        self.search_edit.setAccessibleName("Find anything")
        self.search_edit.setClearButtonEnabled(True)
        self.model = SearchHitModel(self)
        self.result_view = QListView(self)
        self.result_view.setObjectName("find_anything_results")
        self.result_view.setAccessibleName("Results")
        self.result_view.setModel(self.model)
        self.result_view.setUniformItemSizes(True)
        self.result_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.status_label = QLabel(_HINT, self)
        self.status_label.setObjectName("find_anything_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.status_label)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.installEventFilter(self)
        self.result_view.activated.connect(self._on_result_view_activated)
        document.changed.connect(self._on_document_changed)
        if tracker is not None:
            tracker.updated.connect(self._on_document_changed)

    # --- opening and searching ----------------------------------------------------------

    def open_search(self) -> None:
        """Show the dialog with the last query selected, ready to type over."""
        self._refresh_results()
        self.show()
        self.activateWindow()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def index(self) -> SearchIndex:
        """The index of the current plan, rebuilt (only for what changed) after edits."""
        if self._index is None:
            findings = self._tracker.portfolio() if self._tracker is not None else ()
            self._index = self._cache.index(self.document.plan, findings)
        return self._index

    def _refresh_results(self) -> None:
        query = self.search_edit.text()
        hits = search(self.index(), query) if query.strip() else []
        self.model.set_hits(hits)
        if hits:
            self.result_view.setCurrentIndex(self.model.index(0))
        if not query.strip():
            self.status_label.setText(_HINT)
        elif not hits:
            self.status_label.setText(f"Nothing matches “{query.strip()}”.")
        else:
            more = "the first " if len(hits) >= 50 else ""
            self.status_label.setText(
                f"{more}{len(hits)} {'match' if len(hits) == 1 else 'matches'}: "
                "arrows to choose, Enter to go there, Esc to close."
            )

    def _activate(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is None:
            return
        self.accept()
        self.hit_activated.emit(hit)

    # --- slots --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _LIST_KEYS
        ):
            self.result_view.setFocus()
            self.result_view.keyPressEvent(event)
            self.search_edit.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._refresh_results()

    def _on_search_edit_return_pressed(self) -> None:
        self._activate(self.result_view.currentIndex().row())

    def _on_result_view_activated(self, index: Any) -> None:
        self._activate(index.row())

    def _on_document_changed(self, *_args: object) -> None:
        self._index = None
        if self.isVisible():
            self._refresh_results()

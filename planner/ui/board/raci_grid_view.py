"""The board's RACI grid: arrows move, R/A/C/I or Delete set a cell, the top row adds a column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from planner.ui.board.raci_cell_delegate import RaciCellDelegate
from planner.ui.board.raci_grid_model import NAME_ROW, RaciGridModel

ROLE_KEYS = {
    Qt.Key.Key_R: "R",
    Qt.Key.Key_A: "A",
    Qt.Key.Key_C: "C",
    Qt.Key.Key_I: "I",
}
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class RaciGridView(QTableView):
    """A table that turns single keys into RACI edits; the board does the writing."""

    # (row, column, letter or None to clear), for a cell of an activity row.
    role_typed = Signal(int, int, object)
    # A key that means nothing here (a letter on the "add" column, say): the board explains.
    hint = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(RaciCellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        # Tab leaves the grid for the escalation chain; arrows move between cells.
        self.setTabKeyNavigation(False)
        self.setShowGrid(True)
        self.setCornerButtonEnabled(False)
        self.setWordWrap(False)
        # Who each column is stays in sight when the grid scrolls (the name row scrolls away).
        names = self.horizontalHeader()
        names.setTextElideMode(Qt.TextElideMode.ElideRight)
        names.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        names.setHighlightSections(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setHighlightSections(True)
        self.setAccessibleName("RACI grid: activities by people and teams")

    @property
    def grid_model(self) -> RaciGridModel:
        model = self.model()
        assert isinstance(model, RaciGridModel)
        return model

    @property
    def cell_delegate(self) -> RaciCellDelegate:
        delegate = self.itemDelegate()
        assert isinstance(delegate, RaciCellDelegate)
        return delegate

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not index.isValid() or not isinstance(model, RaciGridModel) or editing:
            super().keyPressEvent(event)
            return
        hint = self._key_hint(event, index.row(), index.column(), model)
        if hint is None:
            super().keyPressEvent(event)
            return
        if hint:
            self.hint.emit(hint)
        event.accept()

    def _key_hint(
        self, event: QKeyEvent, row: int, column: int, model: RaciGridModel
    ) -> str | None:
        """Handle a RACI key ("" when done); a hint for a key that means nothing; None: not ours."""
        key = Qt.Key(event.key())
        plain = event.modifiers() in _PLAIN
        typed = plain and event.text().strip() != "" and event.text().isprintable()
        on_cell = row != NAME_ROW and column < model.add_column
        if on_cell and plain and key in ROLE_KEYS:
            self.role_typed.emit(row, column, ROLE_KEYS[key])
            return ""
        if on_cell and key in CLEAR_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.role_typed.emit(row, column, None)
            return ""
        if row != NAME_ROW and column == model.add_column and typed:
            return "Add a person first: type their name in the top row of this column"
        if row != NAME_ROW and typed:
            return "Type R, A, C or I (Delete clears); arrows move"
        if row == NAME_ROW and column < model.add_column and typed:
            return "To add someone, type their name in the last column of the top row"
        return None

    def go_to(self, row: int, column: int) -> None:
        """Put the cursor on a cell (clamped to the grid), keeping it visible."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = max(0, min(row, model.rowCount() - 1))
        column = max(0, min(column, model.columnCount() - 1))
        index = model.index(row, column)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def current_cell(self) -> tuple[int, int]:
        index: QModelIndex = self.currentIndex()
        return (index.row(), index.column()) if index.isValid() else (1, 0)

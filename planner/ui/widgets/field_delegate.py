"""The delegate that edits entity table cells: enum and people pickers, dates, numbers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.ui.models.entity_table_model import (
    COLUMN_ROLE,
    DATE,
    ENUM,
    FLOAT,
    INT,
    PERSON,
    TEAM,
    Column,
)
from planner.ui.widgets.date_field import DateField
from planner.ui.widgets.field_message import show_field_error
from planner.ui.widgets.field_styles import INVALID_STYLE
from planner.ui.widgets.pickers import combo_value, fill_enum, fill_people, fill_teams
from planner.ui.workspace_document import WorkspaceDocument

_Index = QModelIndex | QPersistentModelIndex


class FieldDelegate(QStyledItemDelegate):
    """Creates the right editor for a cell from the Column its model reports."""

    # A sentence for the user when a cell's text cannot be stored (e.g. not a date).
    errorOccurred = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        # Text the model refused, to put back in the reopened cell: (index, text, reason).
        self._kept: tuple[QPersistentModelIndex, str, str] | None = None

    @staticmethod
    def _column(index: _Index) -> Column | None:
        column = index.data(COLUMN_ROLE)
        return column if isinstance(column, Column) else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        column = self._column(index)
        if column is None:
            return super().createEditor(parent, option, index)
        if column.kind in (ENUM, PERSON, TEAM):
            combo = QComboBox(parent)
            combo.setMaxVisibleItems(20)
            return combo
        if column.kind == DATE:
            return DateField(parent, optional=column.optional)
        if column.kind == INT:
            spin = QSpinBox(parent)
            low = int(column.minimum)
            if column.optional:
                low -= 1
                spin.setSpecialValueText("none")
            spin.setRange(low, int(column.maximum))
            return spin
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        column = self._column(index)
        value = index.data(Qt.ItemDataRole.EditRole)
        plan = self.document.plan
        if column is None:
            super().setEditorData(editor, index)
        elif isinstance(editor, QComboBox):
            if column.kind == ENUM and column.enum is not None:
                fill_enum(editor, column.enum, optional=column.optional, current=value)
            elif column.kind == PERSON:
                own = self._row_id(index) if column.not_own_row else None
                fill_people(editor, plan, optional=column.optional, current=value, exclude=own)
            else:
                fill_teams(editor, plan, optional=column.optional, current=value)
        elif isinstance(editor, DateField):
            if not self._take_kept(editor.line, index):
                editor.set_value(value if isinstance(value, dt.date) else None)
        elif isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))
        elif isinstance(editor, QLineEdit) and self._take_kept(editor, index):
            pass  # the refused text is back, with its reason under it
        elif isinstance(editor, QLineEdit):
            text = "" if value is None else str(value)
            if column.kind == FLOAT and isinstance(value, float):
                text = f"{value:g}"
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        column = self._column(index)
        value: Any
        if column is None:
            super().setModelData(editor, model, index)
            return
        if isinstance(editor, QComboBox):
            value = combo_value(editor)
        elif isinstance(editor, DateField):
            if problem := editor.error():
                self._reopen(
                    QPersistentModelIndex(index),
                    editor.text(),
                    f"{column.title} not changed: {problem}",
                )
                return
            value = editor.value()
        elif isinstance(editor, QSpinBox):
            value = editor.value()
            if column.optional and value == editor.minimum():
                value = None
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        typed = editor.text() if isinstance(editor, QLineEdit) else None
        # Typed text that is refused is said under the reopened cell, not in the banner.
        quiet = typed is not None and hasattr(model, "quiet_errors")
        if quiet:
            model.quiet_errors = True  # type: ignore[attr-defined]
        try:
            stored = model.setData(index, value, Qt.ItemDataRole.EditRole)
        finally:
            if quiet:
                model.quiet_errors = False  # type: ignore[attr-defined]
        reason = str(getattr(model, "last_error", ""))
        if not stored and typed is not None and reason:
            self._reopen(QPersistentModelIndex(index), typed, reason)

    @staticmethod
    def _row_id(index: _Index) -> str | None:
        row_at = getattr(index.model(), "row_at", None)
        return str(row_at(index.row()).id) if row_at is not None else None

    def _reopen(self, index: QPersistentModelIndex, text: str, reason: str) -> None:
        """Open the cell again with the refused text, marked, once the old editor is gone."""
        view = self.parent()
        if not isinstance(view, QAbstractItemView):
            return
        self._kept = (index, text, reason)

        def reopen() -> None:
            if index.isValid():
                model_index = index.model().index(index.row(), index.column())
                view.setCurrentIndex(model_index)
                view.edit(model_index)
            self._kept = None

        QTimer.singleShot(0, reopen)

    def _take_kept(self, editor: QLineEdit, index: _Index) -> bool:
        if self._kept is None or QPersistentModelIndex(index) != self._kept[0]:
            return False
        _index, text, reason = self._kept
        self._kept = None
        editor.setText(text)
        editor.setStyleSheet(INVALID_STYLE)
        editor.setToolTip(reason)
        show_field_error(editor, reason)
        return True

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, _index: _Index
    ) -> None:
        editor.setGeometry(option.rect)

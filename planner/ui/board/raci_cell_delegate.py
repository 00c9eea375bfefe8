"""Paints the board's RACI cells large, with finding marks; edits the "type a name…" cell."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, QStringListModel, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.ui.board.board_colours import MARK_COLOURS, ROLE_COLOURS, header_fill, mark_tint
from planner.ui.board.raci_grid_model import ADD_CELL, NAME_CELL, ROLE_CELL, RaciGridModel

Index = QModelIndex | QPersistentModelIndex


def _cell(index: Index) -> tuple[str, str, str | None]:
    """Read the cell from the Python model directly.

    Besides being faster, this avoids ``QModelIndex.data()`` for roles that are usually
    empty: in PySide6 6.12 on Python 3.11, each invalid QVariant returned to Python as None
    drops a reference to None, and a board repainted all day would abort the process.
    """
    model = index.model()
    if isinstance(model, RaciGridModel):
        return model.cell(index.row(), index.column())
    return "", "", None


class RaciCellDelegate(QStyledItemDelegate):
    """Draws letters as coloured tiles and marks cells a finding points at."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names = QStringListModel(self)

    def set_names(self, names: Iterable[str]) -> None:
        """The people and teams the name editor offers while the facilitator types."""
        self._names.setStringList(sorted(set(names), key=str.casefold))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        kind, text, mark = _cell(index)
        palette: QPalette = option.palette
        rect: QRect = option.rect
        state = option.state
        painter.save()
        cell = rect.adjusted(2, 2, -2, -2)
        font = QFont(option.font)
        # Cover the style's selected-row panel: the focus frame alone shows the cursor.
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        if kind in (NAME_CELL, ADD_CELL):
            painter.fillRect(rect, header_fill(palette))
            font.setBold(kind == NAME_CELL)
            font.setItalic(kind == ADD_CELL)
            colour = palette.color(QPalette.ColorRole.WindowText)
            if kind == ADD_CELL:
                colour = palette.color(QPalette.ColorRole.PlaceholderText)
            painter.setFont(font)
            painter.setPen(colour)
            inner = cell.adjusted(8, 0, -4, 0)
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            painter.setClipRect(cell)
            painter.drawText(inner, int(flags), text)
            painter.setClipping(False)
        elif kind == ROLE_CELL and text in ROLE_COLOURS:
            fill, ink = ROLE_COLOURS[text]
            painter.fillRect(cell, QColor(fill))
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.3)
            painter.setFont(font)
            painter.setPen(QColor(ink))
            painter.drawText(cell, int(Qt.AlignmentFlag.AlignCenter), text)
        elif mark:
            painter.fillRect(cell, mark_tint(mark, palette))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if mark:
            pen = QPen(QColor(MARK_COLOURS.get(mark, "#D50000")), 3, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -2, -2))
        if state & QStyle.StateFlag.State_HasFocus or state & QStyle.StateFlag.State_Selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 5)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        kind, text, _mark = _cell(index)
        height = int(metrics.height() * 2)
        em = metrics.horizontalAdvance("M")
        if kind in (NAME_CELL, ADD_CELL):
            # Names wrap onto two lines, so the longest word sets the width (within limits).
            words = text.split() or [""]
            longest = max(metrics.horizontalAdvance(word) for word in words) * 1.15 + 28
            return QSize(int(min(max(longest, em * 4), em * 9)), height)
        return QSize(em * 4, height)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, _index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText("new or existing name")
        editor.setAccessibleName("New column: person or team name")
        completer = QCompleter(self._names, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        popup = completer.popup()
        if popup is not None:
            popup.setFont(option.font)
        editor.setCompleter(completer)
        return editor

    def setEditorData(self, editor: QWidget, _index: Index) -> None:
        # The key that opened the editor is typed into it by the view; start empty.
        if isinstance(editor, QLineEdit) and not editor.text():
            editor.clear()

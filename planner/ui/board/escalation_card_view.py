"""The escalation chain as a stack of cards: Alt/Ctrl+arrows or drag and drop reorder them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from planner.ui.board.board_colours import header_fill
from planner.ui.board.escalation_card_model import (
    EscalationCardModel,
    TargetsRole,
    TitleRole,
    dragged_level,
)

Index = QModelIndex | QPersistentModelIndex
_MOVE_MODIFIERS = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier)


class EscalationCardDelegate(QStyledItemDelegate):
    """A card: a bold title line over the names of who is called."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette: QPalette = option.palette
        rect: QRect = option.rect
        state = option.state
        painter.save()
        card = rect.adjusted(4, 4, -4, -4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(header_fill(palette))
        selected = bool(state & QStyle.StateFlag.State_Selected)
        edge = palette.color(QPalette.ColorRole.Highlight) if selected else QColor("#7A8591")
        painter.setPen(QPen(edge, 5 if selected else 2))
        painter.drawRoundedRect(card, 8, 8)
        font = QFont(option.font)
        metrics = painter.fontMetrics()
        inner = card.adjusted(14, 8, -14, -8)
        half = inner.height() // 2
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        title = str(index.data(TitleRole) or "")
        top = QRect(inner.left(), inner.top(), inner.width(), half)
        title = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, int(Qt.AlignmentFlag.AlignVCenter), title)
        font.setBold(False)
        painter.setFont(font)
        bottom = QRect(inner.left(), inner.top() + half, inner.width(), inner.height() - half)
        targets = str(index.data(TargetsRole) or "")
        elided = metrics.elidedText(targets, Qt.TextElideMode.ElideRight, bottom.width())
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignVCenter), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, _index: Index) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance("M") * 16, int(metrics.height() * 3.4))


class EscalationCardView(QListView):
    """Cards in calling order; the board turns the requests into operations."""

    # (level id, new 0-based position)
    move_requested = Signal(str, int)
    delete_requested = Signal(str)
    add_requested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(EscalationCardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformItemSizes(True)
        self.setAccessibleName("Escalation chain: levels in calling order")

    def _card_model(self) -> EscalationCardModel | None:
        model = self.model()
        return model if isinstance(model, EscalationCardModel) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self._card_model()
        index = self.currentIndex()
        key = event.key()
        level = model.level_id(index.row()) if model is not None and index.isValid() else None
        moving = event.modifiers() in _MOVE_MODIFIERS
        if level is not None and moving and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            target = index.row() + step
            if model is not None and 0 <= target < model.rowCount():
                self.move_requested.emit(level, target)
            event.accept()
            return
        if level is not None and key == Qt.Key.Key_Delete:
            self.delete_requested.emit(level)
            event.accept()
            return
        if key == Qt.Key.Key_Insert or (
            key == Qt.Key.Key_N and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            self.add_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dragged_level(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dragged_level(event.mimeData()) is not None:
            super().dragMoveEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Drop above or below the card under the pointer; the move is one operation."""
        model = self._card_model()
        level = dragged_level(event.mimeData())
        if model is None or level is None or model.row_of(level) < 0:
            event.ignore()
            return
        source = model.row_of(level)
        position = event.position().toPoint()
        target = self.indexAt(position)
        if not target.isValid():
            before = model.rowCount()
        else:
            rect = self.visualRect(target)
            before = target.row() + (1 if position.y() > rect.center().y() else 0)
        new_position = before - 1 if source < before else before
        new_position = max(0, min(new_position, model.rowCount() - 1))
        # The model is redrawn from the workspace; it refuses removeRows, so the view's
        # clean-up after a MoveAction removes nothing.
        event.acceptProposedAction()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if new_position != source:
            self.move_requested.emit(level, new_position)

"""Draws a cell's text on up to two wrapped lines, eliding the rest (full text in the tip)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
LINES = 2
PADDING = 4
_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TwoLineDelegate(QStyledItemDelegate):
    """Rows as tall as two lines of text: enough to read a finding at a glance."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        height = option.fontMetrics.lineSpacing() * LINES + 2 * PADDING
        return QSize(size.width(), max(size.height(), height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        area = area.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        for number, line in enumerate(wrap_lines(text, opt, area.width())):
            top = area.top() + number * opt.fontMetrics.lineSpacing()
            rect = QRect(area.left(), top, area.width(), opt.fontMetrics.lineSpacing())
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
            )
        painter.restore()


def wrap_lines(text: str, option: QStyleOptionViewItem, width: int) -> list[str]:
    """``text`` broken at ``width`` into at most two lines, the second elided if needed."""
    metrics = option.fontMetrics
    layout = QTextLayout(text, option.font)
    layout.beginLayout()
    lines: list[str] = []
    end = 0
    while len(lines) < LINES - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1))
        end = line.textStart() + line.textLength()
        lines.append(text[line.textStart() : end].rstrip())
    layout.endLayout()
    rest = text[end:].lstrip()
    if rest:  # whatever is left goes on the last line, elided
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, max(width, 1)))
    return lines

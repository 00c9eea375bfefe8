"""Status icons drawn in code: a shape for each state, so colour is never the only sign.

Blocker: a red octagon with "!"; warning: an amber triangle with "!"; done: a green circle
with a tick. They are the same in light and dark palettes (each shape carries its own
contrasting mark), and need no icon theme, which a bare machine does not have.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from planner.domain.wording import count_of

BLOCKER_COLOUR = "#c42b1c"
WARNING_COLOUR = "#d08a00"
DONE_COLOUR = "#2e7d32"
SIZE = 32  # drawn large, scaled down crisply by QIcon


def status_icon(blockers: int, warnings: int) -> QIcon:
    """The icon for a page or system with this many blockers and warnings."""
    if blockers:
        return severity_icon("blocker")
    if warnings:
        return severity_icon("warning")
    return severity_icon("done")


def gap_tooltip(title: str, blockers: int, warnings: int) -> str:
    if not blockers and not warnings:
        return f"{title}: nothing missing"
    parts = [count_of(n, noun) for n, noun in ((blockers, "blocker"), (warnings, "warning")) if n]
    return f"{title}: {' and '.join(parts)}"


@cache
def severity_icon(kind: str) -> QIcon:
    """ "blocker", "warning", "info" or "done"."""
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    if kind == "blocker":
        _octagon(painter, QColor(BLOCKER_COLOUR))
        _exclamation(painter)
    elif kind == "warning":
        _triangle(painter, QColor(WARNING_COLOUR))
        _exclamation(painter, low=True)
    elif kind == "info":
        painter.setBrush(QColor("#1f5fad"))
        painter.drawEllipse(QRectF(2, 2, SIZE - 4, SIZE - 4))
        _letter_i(painter)
    else:
        painter.setBrush(QColor(DONE_COLOUR))
        painter.drawEllipse(QRectF(2, 2, SIZE - 4, SIZE - 4))
        _tick(painter)
    painter.end()
    return QIcon(pixmap)


def _octagon(painter: QPainter, colour: QColor) -> None:
    a, b = 2.0, SIZE - 2.0
    c = (b - a) * 0.29
    points = [
        (a + c, a),
        (b - c, a),
        (b, a + c),
        (b, b - c),
        (b - c, b),
        (a + c, b),
        (a, b - c),
        (a, a + c),
    ]
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))


def _triangle(painter: QPainter, colour: QColor) -> None:
    painter.setBrush(colour)
    painter.drawPolygon(
        QPolygonF([QPointF(SIZE / 2, 2), QPointF(SIZE - 1, SIZE - 3), QPointF(1, SIZE - 3)])
    )


def _white_pen(width: float) -> QPen:
    pen = QPen(QColor("white"), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _exclamation(painter: QPainter, *, low: bool = False) -> None:
    offset = 3 if low else 0
    painter.setPen(_white_pen(4))
    painter.drawLine(QPointF(SIZE / 2, 9 + offset), QPointF(SIZE / 2, 18 + offset))
    painter.drawPoint(QPointF(SIZE / 2, 24 + offset))


def _letter_i(painter: QPainter) -> None:
    painter.setPen(_white_pen(4))
    painter.drawPoint(QPointF(SIZE / 2, 9))
    painter.drawLine(QPointF(SIZE / 2, 15), QPointF(SIZE / 2, 24))


def _tick(painter: QPainter) -> None:
    painter.setPen(_white_pen(4))
    path = QPainterPath(QPointF(9, 17))
    path.lineTo(QPointF(14, 22))
    path.lineTo(QPointF(23, 11))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)

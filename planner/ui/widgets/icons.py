"""Action icons from the bundled Lucide set, drawn in the palette's text colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from planner.resources import resource_path

SIZES = (16, 24, 32)


def themed_icon(name: str) -> QIcon:
    """The Lucide icon ``name`` in the current palette's text colour (light or dark).

    Qt finds no theme icons on a bare machine, so the app ships its own; the SVGs say
    ``currentColor``, which is replaced here so one set serves every palette.
    """
    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return _icon(name, normal.name(), disabled.name())


@cache
def _icon(name: str, colour: str, disabled: str) -> QIcon:
    source = resource_path("icons", "lucide", f"{name}.svg").read_text(encoding="utf-8")
    icon = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", tint).encode()))
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor(Qt.GlobalColor.transparent))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            icon.addPixmap(pixmap, mode)
    return icon

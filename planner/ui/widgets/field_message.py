"""Why a field's text was not stored, shown right under that field, over the page.

One look for every field that refuses its text (a date, an e-mail address, a name that
is taken), in a form or in a table cell. It floats over the window and takes no room in
any layout, so the page never moves under the user. It follows the field when the page
scrolls, and goes when the field is fixed or closed.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget

from planner.ui.widgets.message_banner import BANNER_STYLE

NAME = "field_message"
MIN_WIDTH = 260


class FieldMessage(QFrame):
    """The message of one field at a time, in one window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(NAME)
        # The banner's colours, so a refused edit looks the same wherever it is reported.
        self.setStyleSheet(BANNER_STYLE.replace("message_banner", NAME))
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.label = QLabel(self)
        self.label.setObjectName("field_message_label")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.field: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()

    def show_for(self, field: QWidget, text: str) -> None:
        self._unwatch()
        self.field = field
        self.label.setText(text)
        self.label.setAccessibleName(text)
        widget: QWidget | None = field
        while widget is not None and widget is not self.parentWidget():
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        field.destroyed.connect(self._on_field_destroyed)
        self.place()
        self.show()
        self.raise_()

    def clear_for(self, field: QWidget) -> None:
        if self.field is field:
            self._unwatch()
            self.field = None
            self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def place(self) -> None:
        """Just under the field, as wide as it (at least MIN_WIDTH); above it near the bottom."""
        window = self.parentWidget()
        if self.field is None or window is None:
            return
        field = self.field
        left = field.mapTo(window, QPoint(0, 0))
        width = min(max(field.width(), MIN_WIDTH), max(window.width() - 16, 100))
        x = max(8, min(left.x(), window.width() - width - 8))
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height())
        y = left.y() + field.height() + 2
        if y + height > window.height():
            y = max(0, left.y() - height - 2)
        self.setGeometry(x, y, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Move, QEvent.Type.Resize) and self.isVisible():
            self.place()
        elif kind == QEvent.Type.Hide and watched is self.field:
            self.clear_for(self.field)
        return False

    def _unwatch(self) -> None:
        for widget in self._watched:
            widget.removeEventFilter(self)
        self._watched = []
        if self.field is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                self.field.destroyed.disconnect(self._on_field_destroyed)

    def _on_field_destroyed(self) -> None:
        self._watched = []
        self.field = None
        self.hide()


def message_of(widget: QWidget) -> FieldMessage:
    """The field message of ``widget``'s window (made on first use)."""
    window = widget.window()
    found = window.findChild(FieldMessage, NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else FieldMessage(window)


def show_field_error(field: QWidget, text: str) -> None:
    """Say under ``field`` why its text was not stored (the field keeps the text)."""
    message_of(field).show_for(field, text)


def clear_field_error(field: QWidget) -> None:
    """Take the message of ``field`` away (when it is fixed)."""
    window = field.window()
    found = window.findChild(FieldMessage, NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if found is not None:
        found.clear_for(field)

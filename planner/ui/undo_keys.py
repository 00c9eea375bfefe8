"""Ctrl+Z and Ctrl+Shift+Z reach the workspace's undo wherever the focus is in a window.

A QLineEdit or QPlainTextEdit claims the undo keys for itself (Qt's ShortcutOverride)
even when it has nothing of its own to undo. After a click on the toolbar's Undo the
focus could land in the search field, and the next Ctrl+Z then undid nothing. This
filter lets a text field keep the keys only while it holds typing that is not yet stored.
After a commit the form resets the field, which clears the field's own history.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QWidget

# Set to True on a text field whose typing is not workspace data (a search, a filter):
# the undo keys always go to the workspace there.
FILTER_FIELD = "undo_keys_to_workspace"
_REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def undo_direction(event: QKeyEvent) -> str:
    """ "undo", "redo" or "" for a key press."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    pressed = QKeySequence(event.keyCombination())
    return "redo" if pressed in _REDO_KEYS else ""


def has_own_typing(widget: QWidget, direction: str) -> bool:
    """Whether ``widget`` holds typing of its own to undo (or redo) in that direction."""
    if widget.property(FILTER_FIELD):
        return False
    if isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        widget = line if line is not None else widget
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isUndoAvailable() if direction == "undo" else widget.isRedoAvailable()
    if isinstance(widget, QPlainTextEdit):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isUndoAvailable() if direction == "undo" else document.isRedoAvailable()
    return False


class UndoKeys(QObject):
    """An application event filter serving one window: undo keys go to its actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.destroyed.connect(self._on_window_destroyed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window or not isinstance(event, QKeyEvent):
            return False
        direction = undo_direction(event)
        if not direction or has_own_typing(watched, direction):
            return False
        # Not accepted and not delivered: the key goes on to the window's Undo or Redo.
        event.ignore()
        return True

    def _on_window_destroyed(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

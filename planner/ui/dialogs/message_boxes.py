"""Message boxes that show user text literally (QMessageBox guesses rich text otherwise)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button,
    default: Button,
    detail: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    box.setObjectName("message_box")
    if detail:
        box.setInformativeText(detail)
    return box


def show_error(parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
    """Tell the user something failed, in one line (the core's message)."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text, Button.Ok, Button.Ok, detail)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text, Button.Ok, Button.Ok)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing something; the affirmative button says what it does."""
    box = _box(
        parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.Cancel, Button.Cancel
    )
    box.button(Button.Yes).setText(action)
    return box.exec() == Button.Yes


def ask_text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """One line of text from the user, or None when they cancel or leave it empty."""
    from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setObjectName("ask_text")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(default)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setAccessibleName(label.rstrip(":"))
        edit.selectAll()
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None

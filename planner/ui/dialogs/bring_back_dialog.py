"""Bringing an offline copy back: what will be applied and the conflicts, then Apply or Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.operations.bring_back import BringBack


class BringBackDialog(QDialog):
    """A preview (a dry run's report) of merging an offline copy into this workspace."""

    def __init__(self, preview: BringBack, origin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Bring back {preview.copy}")
        self.setObjectName("bring_back_dialog")
        self.resize(900, 480)
        lines = preview.report()
        intro = QLabel(f"{lines[0]}\nThe copy was taken {origin}.", self)
        intro.setObjectName("summary_label")
        # Names and values are user text: shown literally, never as markup.
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("report_view")
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setPlainText("\n".join(lines[2:]) if len(lines) > 1 else "")
        self.report_view.setVisible(len(lines) > 1)
        note = QLabel(
            "Where both sides changed the same thing, this workspace keeps its version; "
            "the conflicts stay listed in the audit trail. Apply is one step: Undo takes it out.",
            self,
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setObjectName("apply_button")
        self.apply_button.setEnabled(bool(preview.applied or preview.conflicts))
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

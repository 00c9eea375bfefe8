"""Asks before deleting a person who holds responsibilities, and shows what they hold."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.analysis.responsibilities import Responsibility
from planner.domain.wording import count_of
from planner.ui.widgets.icons import themed_icon


class DeleteChoice(enum.Enum):
    CANCEL = "cancel"
    DELETE = "delete"
    HAND_OVER = "hand_over"


class DeletePersonDialog(QDialog):
    """Delete, Cancel, or hand the responsibilities to someone else first."""

    def __init__(
        self,
        person_name: str,
        holdings: Sequence[Responsibility],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("delete_person_dialog")
        self.setWindowTitle("Delete person")
        self.choice = DeleteChoice.CANCEL
        self._build_labels(person_name, holdings)
        self._build_holdings(holdings)
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.holdings, 1)
        layout.addWidget(self.consequence_label)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _build_labels(self, person_name: str, holdings: Sequence[Responsibility]) -> None:
        """What the person holds, and what deleting them does."""
        removed = sum(r.removed_with_person for r in holdings)
        accountable = sum(r.accountable for r in holdings)
        summary = f"{person_name} holds {count_of(len(holdings), 'responsibility')}"
        if accountable:
            summary += f", and is Accountable for {count_of(accountable, 'activity')}"
        self.summary_label = QLabel(summary + ".", self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.consequence_label = QLabel(
            f"Deleting them removes {count_of(removed, 'role')} from the plan (RACI roles, "
            "escalation duties, sign-offs) and leaves the rest without an owner. "
            "Hand them over first to keep the plan whole. You can undo a delete.",
            self,
        )
        self.consequence_label.setTextFormat(Qt.TextFormat.PlainText)
        self.consequence_label.setWordWrap(True)

    def _build_holdings(self, holdings: Sequence[Responsibility]) -> None:
        """One row per responsibility, with what a delete does to it."""
        self.holdings = QTreeWidget(self)
        self.holdings.setObjectName("holdings")
        self.holdings.setHeaderLabels(["System", "Responsibility", "If deleted"])
        self.holdings.setRootIsDecorated(False)
        self.holdings.setAlternatingRowColors(True)
        self.holdings.setUniformRowHeights(True)
        for item in holdings:
            row = QTreeWidgetItem(
                [
                    item.system_name or "Whole workspace",
                    item.what,
                    "Removed" if item.removed_with_person else "Left without owner",
                ]
            )
            row.setToolTip(1, item.what)
            self.holdings.addTopLevelItem(row)
        header = self.holdings.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 180)

    def _build_buttons(self) -> QDialogButtonBox:
        """Hand over first, Delete and Cancel (the default)."""
        buttons = QDialogButtonBox(self)
        self.hand_over_button = QPushButton("Hand over first…", self)
        self.hand_over_button.setObjectName("hand_over_button")
        self.hand_over_button.setToolTip("Give their responsibilities to someone else first")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setObjectName("delete_button")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancel_button")
        buttons.addButton(self.hand_over_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.hand_over_button.setIcon(themed_icon("users"))
        self.delete_button.setIcon(themed_icon("trash-2"))
        self.cancel_button.setDefault(True)
        self.hand_over_button.clicked.connect(lambda: self._finish(DeleteChoice.HAND_OVER))
        self.delete_button.clicked.connect(lambda: self._finish(DeleteChoice.DELETE))
        self.cancel_button.clicked.connect(lambda: self._finish(DeleteChoice.CANCEL))
        return buttons

    def _finish(self, choice: DeleteChoice) -> None:
        self.choice = choice
        if choice == DeleteChoice.CANCEL:
            self.reject()
        else:
            self.accept()

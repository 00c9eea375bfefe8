"""Handing a person's responsibilities over: choose who takes them, see every move, apply."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.operations.reassign import (
    Handover,
    MoveKind,
    locked_message,
    plan_handover,
    reassign_responsibilities,
)
from planner.ui.plain_text import tooltip
from planner.ui.workspace_document import WorkspaceDocument

_OUTCOME = {MoveKind.MOVE: "Moves", MoveKind.MERGE: "Merged", MoveKind.SKIP: "Stays"}


def _plain(text: str = "", parent: QWidget | None = None, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ReassignDialog(QDialog):
    """Lists what a handover would move before it is applied as one undo step."""

    def __init__(
        self, document: WorkspaceDocument, person_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.person_id = person_id
        self.handover: Handover | None = None
        plan = document.plan
        name = str(plan.people[person_id].name)
        self.setWindowTitle(f"Hand over the responsibilities of {name}")
        self.setObjectName("reassign_dialog")
        self.resize(980, 540)

        self.target_box = self._target_box(plan, person_id)
        self.system_box = QComboBox(self)
        self.system_box.setObjectName("system_box")
        self.system_box.setAccessibleName("Systems")
        self.system_box.addItem("All systems", None)
        for system in plan.systems.values():
            self.system_box.addItem(system.name, system.id)
        self.skip_locked_box = QCheckBox("Leave signed-off systems as they are", self)
        self.skip_locked_box.setObjectName("skip_locked_box")

        self.moves_tree = QTreeWidget(self)
        self.moves_tree.setObjectName("moves_tree")
        self.moves_tree.setHeaderLabels(["System", "Responsibility", "Outcome", "Note"])
        self.moves_tree.setRootIsDecorated(False)
        self.moves_tree.setAlternatingRowColors(True)
        self.summary_label = _plain("", self, "summary_label")
        self.error_label = _plain("", self, "error_label")
        self.error_label.setStyleSheet("color: #7a0010;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText("Hand over")
        self.apply_button.setObjectName("apply_button")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Hand over &to:", self.target_box)
        form.addRow("&Systems:", self.system_box)
        form.addRow("", self.skip_locked_box)
        layout = QVBoxLayout(self)
        layout.addWidget(_plain(f"Everything {name} holds, and where it goes:", self))
        layout.addLayout(form)
        layout.addWidget(self.moves_tree, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        for box in (self.target_box, self.system_box):
            box.currentIndexChanged.connect(self._on_choice_changed)
        self.skip_locked_box.toggled.connect(self._on_choice_changed)
        self._on_choice_changed()

    def _target_box(self, plan: Any, person_id: str) -> QComboBox:
        """Active people other than the one handing over, then teams; the deputy first."""
        box = QComboBox(self)
        box.setObjectName("target_box")
        box.setAccessibleName("Hand over to")
        box.addItem("Choose a person or team…", None)
        for person in plan.people.values():
            if person.id != person_id and person.active:
                box.addItem(str(person.name), f"person:{person.id}")
        for team in plan.teams.values():
            box.addItem(f"Team: {team.name}", f"team:{team.id}")
        deputy = plan.people[person_id].deputy_id
        if deputy is not None:  # the deputy is the usual successor: offer them first
            box.setCurrentIndex(max(0, box.findData(f"person:{deputy}")))
        return box

    # --- choices ------------------------------------------------------------------------

    def _target(self) -> tuple[str | None, str | None]:
        data = self.target_box.currentData()
        if data is None:
            return None, None
        what, entity_id = str(data).split(":", 1)
        return (entity_id, None) if what == "person" else (None, entity_id)

    def _arguments(self) -> dict[str, object]:
        to_person, to_team = self._target()
        return {
            "from_person_id": self.person_id,
            "to_person_id": to_person,
            "to_team_id": to_team,
            "system_id": self.system_box.currentData(),
            "skip_locked": self.skip_locked_box.isChecked(),
        }

    def _on_choice_changed(self, *_args: object) -> None:
        self.moves_tree.clear()
        self.error_label.hide()
        self.handover = None
        arguments = self._arguments()
        if arguments["to_person_id"] is None and arguments["to_team_id"] is None:
            self.summary_label.setText("Choose who takes over to see every move.")
            self.apply_button.setEnabled(False)
            return
        try:
            self.handover = plan_handover(self.document.plan, **arguments)  # type: ignore[arg-type]
        except PlannerError as exc:
            self._show_error(str(exc))
            return
        self._fill(self.handover)

    def _fill(self, handover: Handover) -> None:
        grey = QBrush(QColor("#666666"))
        for move in handover.moves:
            item = QTreeWidgetItem(
                [move.system_name or "(no system)", move.what, _OUTCOME[move.kind], move.note]
            )
            item.setToolTip(1, tooltip(move.what))
            item.setToolTip(3, tooltip(move.note))
            if move.kind == MoveKind.SKIP:
                for column in range(4):
                    item.setForeground(column, grey)
            self.moves_tree.addTopLevelItem(item)
        for column in range(3):
            self.moves_tree.resizeColumnToContents(column)
        # Long document titles would push the note (why a row merges or stays) out of sight.
        self.moves_tree.setColumnWidth(1, min(self.moves_tree.columnWidth(1), 380))
        count = len(handover.applied)
        skipped = len(handover.skipped)
        if not handover.moves:
            text = f"{handover.from_name} holds nothing to hand over here."
        else:
            text = f"{count} will go to {handover.to_name}"
            text += f"; {skipped} stay as they are." if skipped else "."
        self.summary_label.setText(text)
        refused = bool(handover.locked_systems) and not self.skip_locked_box.isChecked()
        if refused:
            self._show_error(locked_message(handover.locked_systems))
        self.apply_button.setEnabled(count > 0 and not refused and not self.document.read_only)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.apply_button.setEnabled(False)

    # --- applying -----------------------------------------------------------------------

    def _on_buttons_accepted(self) -> None:
        if self.handover is None or not self.handover.applied:
            return
        try:
            self.document.run(reassign_responsibilities, **self._arguments())
        except PlannerError as exc:
            self._show_error(str(exc))
            return
        self.accept()

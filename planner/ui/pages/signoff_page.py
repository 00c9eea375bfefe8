"""The Sign-off page: who signed the plan for which role, signing it, and reopening it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

import planner.operations as operations
from planner.domain.enums import SignOffRole
from planner.domain.errors import PlannerError
from planner.domain.wording import in_running_text
from planner.store.snapshot import SystemPlan
from planner.ui.models.entity_table_model import DATE, ENUM, PERSON, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import EntityTablePanel, plain_label
from planner.ui.widgets.pickers import EnumCombo, combo_value, fill_people
from planner.ui.workspace_document import WorkspaceDocument

SIGN_OFF_COLUMNS = (
    Column("role", "Role", ENUM, SignOffRole, optional=False),
    Column("person_id", "Signed by", PERSON, optional=False),
    Column("signed_on", "Signed on", DATE, optional=False),
    Column("comment", "Comment"),
)


def _operation(name: str) -> Callable[..., Any] | None:
    """A sign-off operation if this build has it (they arrived after the editor pages)."""
    return getattr(operations, name, None)


class SignoffPage(EditorPage):
    key = "signoff"
    title = "Sign-off"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.status_label = plain_label("", self)
        self.status_label.setObjectName("signoff_status")
        self.status_label.setWordWrap(True)
        self.page_layout.addWidget(self.status_label)
        self.sign_offs = self.add_panel(
            EntityTablePanel(
                document,
                "sign_off",
                SIGN_OFF_COLUMNS,
                title="Sign-offs",
                empty_text="Nobody has signed this plan yet.",
                parent=self,
            )
        )
        self.sign_offs.delete_button.hide()

        self.sign_box = QGroupBox("Sign off", self)
        form = QFormLayout(self.sign_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.role_combo = EnumCombo(SignOffRole, parent=self.sign_box)
        self.person_combo = QComboBox(self.sign_box)
        self.person_combo.setMinimumContentsLength(24)
        self.date_edit = QDateEdit(QDate.currentDate(), self.sign_box)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.comment_edit = QLineEdit(self.sign_box)
        self.sign_button = QPushButton("Sign off", self.sign_box)
        self.sign_button.clicked.connect(self._on_sign_clicked)
        form.addRow("Role:", self.role_combo)
        form.addRow("Person:", self.person_combo)
        form.addRow("Date:", self.date_edit)
        form.addRow("Comment:", self.comment_edit)
        form.addRow("", self.sign_button)
        self.comment_edit.setMinimumWidth(360)
        self.page_layout.addWidget(self.sign_box)

        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("Why the signed plan is reopened")
        self.reopen_button = QPushButton("Reopen", self)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        reopen = QHBoxLayout()
        reopen.addWidget(plain_label("Reopen a signed plan:", self))
        reopen.addWidget(self.reason_edit, 1)
        reopen.addWidget(self.reopen_button)
        self.page_layout.addLayout(reopen)
        self.page_layout.addStretch(1)
        self.sign_offs.view.setMaximumHeight(220)
        if _operation("sign_off") is None:
            self.sign_box.setToolTip("Signing off is not available in this build.")

    def set_system_plan(self, system: SystemPlan | None) -> None:
        super().set_system_plan(system)
        # Sign-offs are records of a decision: only signing and reopening change them.
        self.sign_offs.set_read_only(True)
        self.sign_offs.add_button.hide()

    def required_roles(self) -> list[SignOffRole]:
        return [SignOffRole(r) for r in self.document.plan.info.required_signoff_roles]

    def refresh(self) -> None:
        assert self.system is not None
        system = self.system.system
        self.sign_offs.set_rows(self.system.sign_offs)
        signed = {row.role for row in self.system.sign_offs}
        waiting = [r for r in self.required_roles() if r.value not in signed]
        if system.locked:
            when = system.signed_at.strftime("%Y-%m-%d %H:%M") if system.signed_at else ""
            digest = (system.signed_hash or "")[:12]
            self.status_label.setText(
                f"Signed off and locked {when} (plan fingerprint {digest}). "
                "Reopen it to change the plan."
            )
        elif waiting:
            self.status_label.setText(
                "Not signed off yet. Still to sign: " + ", ".join(r.label for r in waiting) + "."
            )
        else:
            self.status_label.setText("All required roles have signed.")
        fill_people(self.person_combo, self.document.plan, optional=False)
        if waiting:
            self.role_combo.set_value(waiting[0].value)
        can_sign = _operation("sign_off") is not None and not self.document.read_only
        self.sign_box.setEnabled(can_sign and not system.locked)
        can_reopen = _operation("reopen_system") is not None and not self.document.read_only
        has_any = bool(system.locked or self.system.sign_offs)
        self.reopen_button.setEnabled(can_reopen and has_any)
        self.reason_edit.setEnabled(can_reopen and has_any)

    def missing(self) -> list[str]:
        assert self.system is not None
        if self.system.system.locked:
            return []
        signed = {row.role for row in self.system.sign_offs}
        waiting = [in_running_text(r.label) for r in self.required_roles() if r.value not in signed]
        return [f"sign-off by {', '.join(waiting)}"] if waiting else []

    def _run(self, name: str, **kwargs: Any) -> bool:
        operation = _operation(name)
        if operation is None:
            self.errorOccurred.emit("This build cannot sign off or reopen plans yet.")
            return False
        try:
            self.document.run(operation, **kwargs)
        except PlannerError as exc:
            self.errorOccurred.emit(str(exc))
            return False
        return True

    def _on_sign_clicked(self) -> None:
        person_id = combo_value(self.person_combo)
        if person_id is None:
            self.errorOccurred.emit("Sign-off: choose who signs")
            return
        date = self.date_edit.date()
        if self._run(
            "sign_off",
            system_id=self.system_id(),
            role=self.role_combo.value(),
            person_id=person_id,
            signed_on=dt.date(date.year(), date.month(), date.day()),
            comment=self.comment_edit.text().strip(),
        ):
            self.comment_edit.clear()

    def _on_reopen_clicked(self) -> None:
        if self._run("reopen_system", system_id=self.system_id(), reason=self.reason_edit.text()):
            self.reason_edit.clear()

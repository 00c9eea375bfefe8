"""The Sign-off page: who signed the plan for which role, signing it, and reopening it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import planner.operations as operations
from planner.domain.enums import SignOffRole
from planner.domain.errors import PlannerError
from planner.domain.plan import SystemPlan
from planner.domain.wording import count_of
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
    Column("override_reason", "Why blockers were overridden"),
)


def roles_waiting(plan: Any, system: SystemPlan) -> list[SignOffRole]:
    """The required roles that have not signed an unlocked plan (none once it is locked)."""
    if system.system.locked:
        return []
    signed = {row.role for row in system.sign_offs}
    required = [SignOffRole(r) for r in plan.info.required_signoff_roles]
    return [role for role in required if role.value not in signed]


def open_blockers(plan: Any, system_id: str, today: dt.date) -> list[str]:
    """The check's blockers for one system now, as 'RULE-ID message' lines."""
    from planner.analysis import Level, analyse_system

    result = analyse_system(plan, system_id, today=today)
    if result is None:
        return []
    return [f"{f.rule_id} {f.message}" for f in result.findings if f.severity == Level.BLOCKER]


class OverrideDialog(QDialog):
    """Asks why a plan with open blockers is signed off anyway; lists the blockers."""

    def __init__(self, system_name: str, blockers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("override_dialog")
        self.setWindowTitle("Sign off with open blockers")
        layout = QVBoxLayout(self)
        intro = plain_label(
            f"This signature locks '{system_name}', but the check still reports "
            f"{count_of(len(blockers), 'blocker')}. Signing anyway is an override: say why. "
            "The reason is kept with the sign-off and in the audit trail.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        listing = QPlainTextEdit("\n".join(blockers), self)
        listing.setObjectName("override_blockers")
        listing.setReadOnly(True)
        layout.addWidget(listing)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("override_reason")
        self.reason_edit.setPlaceholderText("Why the plan is signed with these blockers open")
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign and override")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        layout.addWidget(self.buttons)
        # The reason is what the user came to type; the list above it is only read.
        listing.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reason_edit.setFocus()
        self.resize(560, 360)

    def reason(self) -> str:
        return self.reason_edit.text().strip()


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
        self.blockers_label = plain_label("", self)
        self.blockers_label.setObjectName("signoff_blockers")
        self.blockers_label.setWordWrap(True)
        self.blockers_label.setStyleSheet("color: #a01818;")
        self.page_layout.addWidget(self.blockers_label)
        self.sign_offs = self.add_panel(
            EntityTablePanel(
                document,
                "sign_off",
                SIGN_OFF_COLUMNS,
                title="Sign-offs",
                empty_text="Nobody has signed this plan yet.",
                details=("comment", "override_reason"),
                stretch="person_id",  # names vary most; a role's label is short
                parent=self,
            )
        )
        self.sign_offs.delete_button.hide()

        self.sign_box = QGroupBox("Sign off", self)
        form = QFormLayout(self.sign_box)
        # Text fields grow with the page and shrink to it; pickers keep their size.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.role_combo = EnumCombo(SignOffRole, parent=self.sign_box)
        self.person_combo = QComboBox(self.sign_box)
        self.person_combo.setMinimumContentsLength(16)
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
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
        self.comment_edit.setMinimumWidth(160)
        # First on the page: the lines below it (findings, who is still to sign, open
        # blockers, the sign-offs table) grow and shrink as people sign, and would move
        # the Sign off button under the pointer between two signatures.
        self.page_layout.insertWidget(0, self.sign_box)

        self._build_reopen()
        self.page_layout.addStretch(1)
        self.sign_offs.view.setMaximumHeight(220)
        if _operation("sign_off") is None:
            self.sign_box.setToolTip("Signing off is not available in this build.")

    def _build_reopen(self) -> None:
        """The reason field and Reopen, under their label (a row fits a 410 px page)."""
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("Why the signed plan is reopened")
        self.reopen_button = QPushButton("Reopen", self)
        self.reopen_button.clicked.connect(self._on_reopen_clicked)
        reopen = QHBoxLayout()
        reopen.addWidget(self.reason_edit, 1)
        reopen.addWidget(self.reopen_button)
        reopen_label = plain_label("Reopen a signed plan (say why):", self)
        reopen_label.setBuddy(self.reason_edit)
        self.page_layout.addWidget(reopen_label)
        self.page_layout.addLayout(reopen)

    def set_system_plan(self, system: SystemPlan | None) -> None:
        super().set_system_plan(system)
        # Sign-offs are records of a decision: only signing and reopening change them.
        self.sign_offs.set_read_only(True)
        self.sign_offs.add_button.hide()

    def required_roles(self) -> list[SignOffRole]:
        return list(self.document.plan.info.required_signoff_roles)

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
        self._show_blockers()
        fill_people(self.person_combo, self.document.plan, optional=False)
        if waiting:
            self.role_combo.set_value(waiting[0].value)
        can_sign = _operation("sign_off") is not None and not self.document.read_only
        self.sign_box.setEnabled(can_sign and not system.locked)
        can_reopen = _operation("reopen_system") is not None and not self.document.read_only
        # Only a signed-off (locked) plan is reopened; the button says why when it cannot be.
        self.reopen_button.setEnabled(can_reopen and system.locked)
        self.reason_edit.setEnabled(can_reopen and system.locked)
        self.reopen_button.setToolTip(self._reopen_tip(system.locked, can_reopen))

    def _reopen_tip(self, locked: bool, can_reopen: bool) -> str:
        if not locked:
            return (
                "Only a signed-off plan can be reopened: this one is not locked yet, "
                "so it can still be changed."
            )
        if not can_reopen:
            return "This workspace is open read-only: nothing can be reopened."
        return "Unlock the plan for changes; its sign-offs are cleared and the reason is audited."

    def _show_blockers(self) -> None:
        assert self.system is not None
        if self.system.system.locked:
            overrides = [s.override_reason for s in self.system.sign_offs if s.override_reason]
            self.blockers_label.setText(
                "Signed with blockers open; the reason given: " + overrides[0] if overrides else ""
            )
            return
        blockers = open_blockers(self.document.plan, self.system_id(), dt.date.today())
        self.blockers_label.setText(
            f"{count_of(len(blockers), 'blocker')} open; the last signature will need a reason to "
            "override them: " + "; ".join(blockers)
            if blockers
            else ""
        )

    def _locks(self, role: str | None) -> bool:
        """True when signing for ``role`` completes the required roles (and so locks)."""
        assert self.system is not None
        signed = {row.role for row in self.system.sign_offs} | {role}
        return all(r.value in signed for r in self.required_roles())

    def ask_override_reason(self, blockers: list[str]) -> str | None:
        """The reason for signing over ``blockers``, or None if the user cancels."""
        assert self.system is not None
        dialog = OverrideDialog(self.system.name, blockers, self)
        return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None

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
        role = self.role_combo.value()
        blockers: list[str] = []
        reason = ""
        if self._locks(role):
            blockers = open_blockers(self.document.plan, self.system_id(), dt.date.today())
            if blockers:
                asked = self.ask_override_reason(blockers)
                if asked is None:
                    return
                reason = asked
        if self._run(
            "sign_off",
            system_id=self.system_id(),
            role=role,
            person_id=person_id,
            signed_on=dt.date(date.year(), date.month(), date.day()),
            comment=self.comment_edit.text().strip(),
            open_blockers=blockers,
            override_reason=reason,
        ):
            self.comment_edit.clear()

    def _on_reopen_clicked(self) -> None:
        if self._run("reopen_system", system_id=self.system_id(), reason=self.reason_edit.text()):
            self.reason_edit.clear()

"""See what changed: the audit trail, filtered by system, by who changed it and by date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.ui.models.audit_trail_model import CHANGES, WHAT, AuditTrailModel
from planner.ui.workspace_document import WorkspaceDocument

# The newest events shown at once; older ones are reached by narrowing the filters.
LIMIT = 1000


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AuditTrailDialog(QDialog):
    """Who changed what, when, before and after; a system's history when opened on one."""

    def __init__(
        self,
        document: WorkspaceDocument,
        system_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("audit_trail_dialog")
        self.resize(1100, 620)

        self._build_filters(system_id)

        self.model = AuditTrailModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("audit_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.resizeSection(WHAT, 300)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("audit_count_label")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("AI system:"))
        filters.addWidget(self.system_box, 2)
        filters.addWidget(QLabel("Changed by:"))
        filters.addWidget(self.actor_box, 1)
        filters.addWidget(self.dates_box)
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel("and"))
        filters.addWidget(self.until_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        # A window of its own needs a visible way out besides Esc and the title bar.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        foot = QHBoxLayout()
        foot.addWidget(self.count_label, 1)
        foot.addWidget(self.buttons)
        layout.addLayout(foot)

        for box in (self.system_box, self.actor_box):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.dates_box.toggled.connect(self._on_filter_changed)
        self.since_edit.dateChanged.connect(self._on_filter_changed)
        self.until_edit.dateChanged.connect(self._on_filter_changed)
        document.changed.connect(self._on_filter_changed)
        self._on_filter_changed()

    def _build_filters(self, system_id: str | None) -> None:
        self.system_box = QComboBox(self)
        self.system_box.setObjectName("audit_system_box")
        self.system_box.setAccessibleName("AI system")
        self.system_box.addItem("All systems", None)
        for system in self.document.plan.systems.values():
            self.system_box.addItem(system.name, system.id)
        if system_id is not None:
            self.system_box.setCurrentIndex(max(0, self.system_box.findData(system_id)))
        self.actor_box = QComboBox(self)
        self.actor_box.setObjectName("audit_actor_box")
        self.actor_box.setAccessibleName("Changed by")
        self.actor_box.addItem("Everyone", None)
        for actor in self.document.audit_actors():
            self.actor_box.addItem(actor, actor)
        self.dates_box = QCheckBox("Between", self)
        self.dates_box.setObjectName("audit_dates_box")
        today = dt.datetime.now(dt.UTC).date()
        self.since_edit = self._date_edit("audit_since_edit", "From", today - dt.timedelta(30))
        self.until_edit = self._date_edit("audit_until_edit", "To", today)

    def _date_edit(self, name: str, accessible: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    def filters(self) -> dict[str, object]:
        """What ``WorkspaceDocument.audit_events`` is asked for, from the controls."""
        dated = self.dates_box.isChecked()
        return {
            "system_id": self.system_box.currentData(),
            "actor": self.actor_box.currentData(),
            "since": self.since_edit.date().toPython() if dated else None,
            "until": self.until_edit.date().toPython() if dated else None,
            "limit": LIMIT,
        }

    def _on_filter_changed(self, *_args: object) -> None:
        dated = self.dates_box.isChecked()
        self.since_edit.setEnabled(dated)
        self.until_edit.setEnabled(dated)
        system = self.system_box.currentData()
        name = self.system_box.currentText()
        self.setWindowTitle(f"History of {name}" if system else "Audit trail")
        entries = self.document.audit_events(**self.filters())
        self.model.set_entries(self.document.plan, entries)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().resizeSection(WHAT, min(self.view.columnWidth(WHAT), 320))
        self.view.horizontalHeader().setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        self.view.resizeRowsToContents()
        count = len(entries)
        shown = f"the newest {LIMIT:,}" if count >= LIMIT else f"{count:,}"
        self.count_label.setText(
            f"{shown} {'change' if count == 1 else 'changes'}, newest first."
            if count
            else "No changes match these filters."
        )

"""The directory: people and teams, deputies, and what each person is accountable for."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import RaciRole
from planner.domain.errors import PlannerError
from planner.domain.plan import Plan
from planner.operations import Change, update_entity
from planner.ui.models.entity_table_model import BOOL, COMPUTED, PERSON, TEAM, Column
from planner.ui.widgets.entity_table_panel import EntityTablePanel, plain_label
from planner.ui.widgets.message_banner import MessageBanner
from planner.ui.workspace_document import WorkspaceDocument

# (system name, activity name, role letter) for every RACI cell a person holds.
Assignment = tuple[str, str, RaciRole]
# Accountable first: the order a person's load is listed in.
_ROLE_ORDER = (
    RaciRole.ACCOUNTABLE,
    RaciRole.RESPONSIBLE,
    RaciRole.CONSULTED,
    RaciRole.INFORMED,
)


class DirectoryView(QWidget):
    """People and teams of the workspace, edited in place, with each person's load."""

    # A refused edit's message, for a status bar; it is also shown in the view.
    errorOccurred = Signal(str)
    # The user chose "Hand over first…" when deleting this person (a person id): whoever
    # owns the reassign dialog connects here.
    handOverRequested = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._accountable_by_system: dict[str, Counter[str]] = {}
        self._accountable_total: Counter[str] = Counter()
        # Systems whose counts are out of date; None means recount everything.
        self._stale_systems: set[str] | None = None
        self._dirty = True

        self._build_people(document)
        self._build_teams(document)
        load_box = self._build_load_box()
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.people)
        left.addWidget(self.teams)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(load_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 400])
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(split)
        layout.addLayout(row, 1)

        document.changed.connect(self._on_document_changed)
        self.refresh()

    def _build_people(self, document: WorkspaceDocument) -> None:
        """The people table with its Deactivate and Hand over buttons."""
        people_columns = (
            Column("name", "Name", required=True),
            Column("title", "Title"),
            Column("team_id", "Team", TEAM),
            Column("email", "E-mail", required=True),
            Column("phone", "Phone"),
            Column("timezone", "Time zone"),
            Column("deputy_id", "Deputy", PERSON, not_own_row=True),
            Column("active", "Active", BOOL),
            Column("load", "Accountable", COMPUTED, compute=self._accountable_count),
        )
        self.people = EntityTablePanel(
            document,
            "person",
            people_columns,
            title="People",
            new_values=lambda: {"name": "New person"},
            sortable=True,
            parent=self,
        )
        self.people.delete_button.setText("Delete person")
        self.people.confirm_delete = self._confirm_person_delete
        self.deactivate_button = QPushButton("Deactivate", self)
        self.deactivate_button.setObjectName("deactivate_button")
        self.deactivate_button.clicked.connect(self._on_deactivate_clicked)
        self.people.button_row.insertWidget(4, self.deactivate_button)
        self.handover_action = QAction("&Hand over responsibilities…", self)
        self.handover_action.setObjectName("handover_action")
        self.handover_action.setStatusTip(
            "Move everything the selected person holds to someone else"
        )
        self.handover_action.triggered.connect(self.hand_over_selected)
        # "Hand over first…" when deleting someone who holds responsibilities.
        self.handOverRequested.connect(self._on_hand_over_requested)
        self.handover_button = QPushButton("Hand over…", self)
        self.handover_button.setObjectName("handover_button")
        self.handover_button.setToolTip(self.handover_action.statusTip())
        self.handover_button.clicked.connect(self.hand_over_selected)
        self.people.button_row.insertWidget(5, self.handover_button)
        self.people.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people.view.customContextMenuRequested.connect(self._on_people_context_menu)
        self.people.view.selectionModel().selectionChanged.connect(self._on_person_selected)
        self.people.model.modelReset.connect(self._on_person_selected)
        self.people.model.dataChanged.connect(self._on_person_selected)

    def _build_teams(self, document: WorkspaceDocument) -> None:
        """The teams table, and the banner both tables report errors in."""
        team_columns = (
            Column("name", "Name", required=True),
            Column("description", "Description"),
            Column("email", "E-mail"),
            Column("phone", "Phone"),
        )
        self.teams = EntityTablePanel(
            document,
            "team",
            team_columns,
            title="Teams",
            new_values=self._new_team,
            sortable=True,
            parent=self,
        )
        self.teams.delete_button.setText("Delete team")

        self.banner = MessageBanner(self, at_bottom=True)
        self.message_label = self.banner.label
        for panel in (self.people, self.teams):
            panel.errorOccurred.connect(self.show_error)

    def _build_load_box(self) -> QWidget:
        """The selected person's assignments."""
        self.load_label = plain_label("Select a person to see what they are accountable for.")
        self.load_label.setObjectName("load_label")
        self.load_label.setWordWrap(True)
        self.load_tree = QTreeWidget(self)
        self.load_tree.setObjectName("load_tree")
        self.load_tree.setHeaderLabels(["System", "Activity", "Role"])
        self.load_tree.setRootIsDecorated(False)
        self.load_tree.setAlternatingRowColors(True)
        load_box = QWidget(self)
        load_layout = QVBoxLayout(load_box)
        load_layout.setContentsMargins(0, 0, 0, 0)
        heading = plain_label("Assignments", load_box)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        load_layout.addWidget(heading)
        load_layout.addWidget(self.load_label)
        load_layout.addWidget(self.load_tree, 1)
        return load_box

    # --- content ------------------------------------------------------------------------

    def refresh(self) -> None:
        plan = self.document.plan
        if self._stale_systems is None:
            self._count_all(plan)
        else:
            self._recount(plan, self._stale_systems)
        self._stale_systems = set()
        self.people.set_rows(list(plan.people.values()))
        self.teams.set_rows(list(plan.teams.values()))
        read_only = self.document.read_only
        self.people.set_read_only(read_only)
        self.teams.set_read_only(read_only)
        self._dirty = False
        self._on_person_selected()

    @staticmethod
    def assignments_of(plan: Plan, person_id: str) -> list[Assignment]:
        """A person's RACI cells across all systems: Accountable first, then by system."""
        activities = {a.id: (i, str(a.name)) for i, a in enumerate(plan.activities)}
        found: list[tuple[int, str, int, Assignment]] = []
        for system in plan.systems.values():
            for row in system.raci:
                if row.person_id != person_id:
                    continue
                position, activity = activities.get(row.activity_id, (0, "?"))
                role = row.role
                found.append(
                    (
                        _ROLE_ORDER.index(role),
                        system.name.casefold(),
                        position,
                        (system.name, activity, role),
                    )
                )
        return [entry for *_key, entry in sorted(found)]

    def accountable_count(self, person_id: str) -> int:
        return self._accountable_total[person_id]

    # Accountable counts are kept per system, so an edit recounts only the systems it touched
    # (with 2,000 systems a full recount on every keystroke-sized change would show).
    def _count_all(self, plan: Plan) -> None:
        self._accountable_by_system = {}
        self._accountable_total = Counter()
        self._recount(plan, set(plan.systems))

    def _recount(self, plan: Plan, system_ids: set[str]) -> None:
        for system_id in system_ids:
            self._accountable_total.subtract(self._accountable_by_system.pop(system_id, Counter()))
            system = plan.systems.get(system_id)
            if system is None:
                continue
            counts = Counter(
                r.person_id for r in system.raci if r.role == RaciRole.ACCOUNTABLE and r.person_id
            )
            self._accountable_by_system[system_id] = counts
            self._accountable_total.update(counts)

    def _accountable_count(self, row: Any, _plan: Plan) -> int:
        return self.accountable_count(row.id)

    def show_error(self, text: str) -> None:
        self.banner.show_message(text)
        self.errorOccurred.emit(text)

    def _new_team(self) -> dict[str, Any]:
        names = {str(t.name).casefold() for t in self.document.plan.teams.values()}
        name = "New team"
        number = 2
        while name.casefold() in names:
            name = f"New team {number}"
            number += 1
        return {"name": name}

    # --- slots --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _on_document_changed(self, change: Change | None) -> None:
        relevant = (
            change is None or change.workspace_wide or bool(change.kinds & {"raci", "system"})
        )
        if not relevant:
            return
        if change is None or self._stale_systems is None:
            self._stale_systems = None
        elif change.kinds & {"raci", "system"}:
            self._stale_systems |= set(change.system_ids)
        if change is not None:
            self.banner.clear()
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def _on_person_selected(self, *_args: object) -> None:
        person_id = self.people.current_id()
        person = self.document.plan.people.get(person_id) if person_id else None
        self.load_tree.clear()
        writable = not self.document.read_only
        self.deactivate_button.setEnabled(writable and person is not None)
        self.handover_button.setEnabled(writable and person is not None)
        self.handover_action.setEnabled(writable and person is not None)
        if person is None:
            self.deactivate_button.setText("Deactivate")
            self.load_label.setText("Select a person to see what they are accountable for.")
            return
        self.deactivate_button.setText("Deactivate" if person.active else "Reactivate")
        rows = self.assignments_of(self.document.plan, person.id)
        accountable = [r for r in rows if r[2] == RaciRole.ACCOUNTABLE]
        systems = {r[0] for r in accountable}
        self.load_label.setText(
            f"{person.name} is Accountable for {len(accountable)} "
            f"{'activity' if len(accountable) == 1 else 'activities'} in {len(systems)} "
            f"{'system' if len(systems) == 1 else 'systems'}, and holds "
            f"{len(rows)} RACI {'role' if len(rows) == 1 else 'roles'} in all."
        )
        for system, activity, role in rows:
            item = QTreeWidgetItem([system, activity, role.label])
            self.load_tree.addTopLevelItem(item)
        for column in range(3):
            self.load_tree.resizeColumnToContents(column)

    def _on_hand_over_requested(self, person_id: str) -> None:
        self.people.select_entity(person_id)
        self.hand_over_selected()

    def hand_over_selected(self) -> None:
        """Open the handover dialog for the selected person (it applies the moves itself)."""
        from planner.ui.dialogs.reassign_dialog import ReassignDialog

        person_id = self.people.current_id()
        if person_id is None or self.document.read_only:
            return
        ReassignDialog(self.document, person_id, self).exec()
        self.people.select_entity(person_id)

    def _on_people_context_menu(self, position: QPoint) -> None:
        if self.people.current_id() is None:
            return
        menu = QMenu(self)
        menu.addAction(self.handover_action)
        menu.addAction("Deactivate / reactivate", self._on_deactivate_clicked)
        menu.exec(self.people.view.viewport().mapToGlobal(position))

    def _confirm_person_delete(self, person_id: str) -> bool:
        """Ask first when the person holds anything; offer to hand it over instead."""
        from planner.analysis.responsibilities import responsibilities_of
        from planner.ui.dialogs.delete_person_dialog import DeleteChoice, DeletePersonDialog

        plan = self.document.plan
        person = plan.people.get(person_id)
        holdings = responsibilities_of(plan, person_id)
        if person is None or not holdings:
            return True
        dialog = DeletePersonDialog(str(person.name), holdings, self)
        dialog.exec()
        if dialog.choice == DeleteChoice.HAND_OVER:
            self.handOverRequested.emit(person_id)
        return dialog.choice == DeleteChoice.DELETE

    def _on_deactivate_clicked(self) -> None:
        person_id = self.people.current_id()
        person = self.document.plan.people.get(person_id) if person_id else None
        if person is None:
            return
        try:
            self.document.run(
                update_entity,
                kind_name="person",
                entity_id=person.id,
                values={"active": not person.active},
                expected_version=person.version,
            )
        except PlannerError as exc:
            self.show_error(str(exc))
            return
        self.people.select_entity(person.id)

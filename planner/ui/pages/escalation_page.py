"""The Escalation page: for each severity, the ordered levels and whom each one calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabBar,
    QWidget,
)

from planner.domain.enums import Severity
from planner.domain.errors import PlannerError
from planner.domain.plan import ChainPlan, Plan
from planner.operations import (
    add_escalation_level,
    create_entity,
    delete_entity,
    delete_escalation_level,
    move_escalation_level,
    update_entity,
)
from planner.ui.models.entity_table_model import COMPUTED, INT, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import EntityTablePanel, plain_label
from planner.ui.widgets.icons import themed_icon
from planner.ui.widgets.pickers import assignee_value, fill_assignees
from planner.ui.workspace_document import WorkspaceDocument

SEVERITIES = tuple(Severity)


class EscalationPage(EditorPage):
    key = "escalation"
    title = "Escalation"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._targets_of: dict[str, tuple[Any, ...]] = {}
        self.severity_tabs = QTabBar(self)
        self.severity_tabs.setObjectName("severity_tabs")
        self.severity_tabs.setExpanding(False)
        for severity in SEVERITIES:
            self.severity_tabs.addTab(severity.label)
        self.severity_tabs.currentChanged.connect(self._on_severity_tabs_current_changed)

        no_chain = self._build_chain_row()
        self._build_levels(document)
        level_buttons = self._build_level_buttons()
        target_buttons = self._build_targets()
        self.page_layout.addWidget(self.severity_tabs)
        self.page_layout.addLayout(no_chain)
        self.page_layout.addWidget(self.levels, 1)
        self.page_layout.addLayout(level_buttons)
        # The selected level's response target and note under its buttons, beside its
        # targets: the buttons stay with the table they move rows of.
        details, panel_layout = self.levels.details, self.levels.layout()
        assert details is not None
        assert panel_layout is not None
        panel_layout.removeWidget(details)
        self.page_layout.addWidget(details)
        self.page_layout.addWidget(self.targets_label)
        self.page_layout.addWidget(self.targets_list)
        self.page_layout.addLayout(target_buttons)

    def _build_chain_row(self) -> QHBoxLayout:
        """No chain yet (Add chain), or how often the chain repeats."""
        self.no_chain_label = plain_label("", self)
        self.add_chain_button = QPushButton("Add chain", self)
        self.add_chain_button.clicked.connect(self._on_add_chain_clicked)
        self.repeat_label = plain_label("Repeat the chain:", self)
        self.repeat_spin = QSpinBox(self)
        self.repeat_spin.setObjectName("repeat_spin")
        self.repeat_spin.setRange(0, 100)
        self.repeat_spin.setSuffix(" times")
        self.repeat_spin.setToolTip("How often the whole chain is run again if nobody responds")
        self.repeat_spin.editingFinished.connect(self._on_repeat_spin_editing_finished)
        no_chain = QHBoxLayout()
        no_chain.addWidget(self.no_chain_label)
        no_chain.addWidget(self.add_chain_button)
        no_chain.addWidget(self.repeat_label)
        no_chain.addWidget(self.repeat_spin)
        no_chain.addStretch(1)
        return no_chain

    def _build_levels(self, document: WorkspaceDocument) -> None:
        """The levels of the chain shown."""
        columns = (
            Column("position", "Level", COMPUTED, compute=lambda row, _plan: row.position + 1),
            Column("delay_minutes", "After (min)", INT, optional=False),
            Column("response_minutes", "Respond within (min)", INT, minimum=1),
            Column("targets", "Targets", COMPUTED, required=True, compute=self._target_names),
            Column("note", "Note"),
        )
        self.levels = EntityTablePanel(
            document,
            "escalation_level",
            columns,
            title="Levels",
            details=("response_minutes", "note"),
            stretch="targets",
            parent=self,
        )
        self.levels.errorOccurred.connect(self.errorOccurred)
        self.levels.delete_button.hide()
        self.panels.append(self.levels)
        # Selection, not the current row: a mouse click moves the current row before it
        # selects, so the current row alone would read "no level" on every click.
        self.levels.view.selectionModel().selectionChanged.connect(self._on_level_current_changed)

    def _build_level_buttons(self) -> QHBoxLayout:
        """Add, move and delete levels."""
        self.add_level_button = QPushButton("Add level", self)
        # "Up" and "Down", not "Move up" and "Move down": the four buttons fit one row of
        # a page ~390 px wide at 1366x768 (they pushed it sideways); the tooltip says it.
        self.up_button = QPushButton("Up", self)
        self.down_button = QPushButton("Down", self)
        for button, way in ((self.up_button, "up"), (self.down_button, "down")):
            button.setToolTip(f"Move the selected level {way} the chain")
            button.setAccessibleName(f"Move level {way}")
        self.delete_level_button = QPushButton("Delete level", self)
        self.add_level_button.clicked.connect(self._on_add_level_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_level_button.clicked.connect(self._on_delete_level_clicked)
        for button, icon in (
            (self.add_level_button, "plus"),
            (self.up_button, "arrow-up"),
            (self.down_button, "arrow-down"),
            (self.delete_level_button, "trash-2"),
        ):
            button.setIcon(themed_icon(icon))
        level_buttons = QHBoxLayout()
        for button in (
            self.add_level_button,
            self.up_button,
            self.down_button,
            self.delete_level_button,
        ):
            level_buttons.addWidget(button)
        level_buttons.addStretch(1)
        return level_buttons

    def _build_targets(self) -> QHBoxLayout:
        """Who the selected level calls, with add and remove."""
        self.targets_label = plain_label("Targets", self)
        font = self.targets_label.font()
        font.setBold(True)
        self.targets_label.setFont(font)
        self.targets_list = QListWidget(self)
        self.targets_list.setObjectName("targets_list")
        # Four names in sight: with the level's details above it the page still fits 768 px.
        self.targets_list.setMaximumHeight(4 * self.fontMetrics().lineSpacing() + 12)
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("target_combo")
        # It shrinks with the page (names elided, whole in the list) rather than push it
        # sideways, as the Ownership page's picker does.
        self.target_combo.setMinimumContentsLength(12)
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_target_button = QPushButton("Add target", self)
        self.remove_target_button = QPushButton("Remove", self)
        self.remove_target_button.setToolTip("Remove the selected target from this level")
        self.remove_target_button.setAccessibleName("Remove target")
        self.add_target_button.clicked.connect(self._on_add_target_clicked)
        self.remove_target_button.clicked.connect(self._on_remove_target_clicked)
        self.targets_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_target_button.setIcon(themed_icon("user-plus"))
        self.remove_target_button.setIcon(themed_icon("user-round-x"))
        target_buttons = QHBoxLayout()
        target_buttons.addWidget(self.target_combo, 1)
        target_buttons.addWidget(self.add_target_button)
        target_buttons.addWidget(self.remove_target_button)
        return target_buttons

    # --- reading ------------------------------------------------------------------------

    def severity(self) -> Severity:
        return SEVERITIES[max(self.severity_tabs.currentIndex(), 0)]

    def chain(self) -> ChainPlan | None:
        if self.system is None:
            return None
        return next((c for c in self.system.chains if c.chain.severity == self.severity()), None)

    def current_level_id(self) -> str | None:
        return self.levels.current_id()

    def _target_names(self, level: Any, plan: Plan) -> str:
        targets = self._targets_of.get(level.id, ())
        return ", ".join(self._target_name(t, plan) for t in targets)

    @staticmethod
    def _target_name(target: Any, plan: Plan) -> str:
        if target.person_id:
            return plan.name_of(person_id=target.person_id)
        return plan.name_of(team_id=target.team_id) + " (team)"

    def refresh(self) -> None:
        assert self.system is not None
        self._targets_of = {
            lp.level.id: lp.targets for chain in self.system.chains for lp in chain.levels
        }
        for number, severity in enumerate(SEVERITIES):
            levels = next(
                (len(c.levels) for c in self.system.chains if c.chain.severity == severity), None
            )
            text = severity.label if levels is None else f"{severity.label} · {levels}"
            self.severity_tabs.setTabText(number, text)
        chain = self.chain()
        self.no_chain_label.setText(
            f"There is no {self.severity().label} escalation chain for this system."
        )
        self.no_chain_label.setVisible(chain is None)
        self.add_chain_button.setVisible(chain is None)
        self.add_chain_button.setText(f"Add {self.severity().name} chain")
        self.repeat_label.setVisible(chain is not None)
        self.repeat_spin.setVisible(chain is not None)
        self.repeat_spin.setEnabled(not self.read_only)
        if chain is not None:
            self.repeat_spin.blockSignals(True)
            self.repeat_spin.setValue(int(chain.chain.repeat_loops))
            self.repeat_spin.blockSignals(False)
        self.levels.set_rows([lp.level for lp in chain.levels] if chain is not None else [])
        if self.current_level_id() is None and self.levels.model.rowCount():
            self.levels.view.selectRow(0)
        self._refresh_targets()

    def _refresh_targets(self) -> None:
        level_id = self.current_level_id()
        targets = self._targets_of.get(level_id, ()) if level_id else ()
        plan = self.document.plan
        self.targets_list.clear()
        for target in targets:
            item = QListWidgetItem(self._target_name(target, plan))
            item.setData(Qt.ItemDataRole.UserRole, target.id)
            self.targets_list.addItem(item)
        if level_id is None:
            self.targets_label.setText("Targets (select a level)")
        else:
            row = self.levels.model.row_of(level_id)
            self.targets_label.setText(f"Targets of level {row + 1}")
        taken = {("person", t.person_id) if t.person_id else ("team", t.team_id) for t in targets}
        fill_assignees(self.target_combo, plan, exclude=taken)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.read_only and self.system is not None
        level_id = self.current_level_id()
        row = self.levels.model.row_of(level_id) if level_id else -1
        count = self.levels.model.rowCount()
        self.add_chain_button.setEnabled(writable)
        self.add_level_button.setEnabled(writable and self.chain() is not None)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < count - 1)
        self.delete_level_button.setEnabled(writable and row >= 0)
        self.target_combo.setEnabled(writable and row >= 0)
        self.add_target_button.setEnabled(writable and row >= 0 and self.target_combo.count() > 0)
        self.remove_target_button.setEnabled(
            writable and row >= 0 and self.targets_list.currentRow() >= 0
        )

    def select_entity(self, kind_name: str, entity_id: str) -> bool:
        if self.system is None:
            return False
        for chain in self.system.chains:
            tab = SEVERITIES.index(chain.chain.severity)
            if kind_name == "escalation_chain" and chain.chain.id == entity_id:
                self.severity_tabs.setCurrentIndex(tab)
                return True
            for lp in chain.levels:
                target_ids = [t.id for t in lp.targets]
                if (kind_name == "escalation_level" and lp.level.id == entity_id) or (
                    kind_name == "escalation_target" and entity_id in target_ids
                ):
                    self.severity_tabs.setCurrentIndex(tab)
                    self.levels.select_entity(lp.level.id)
                    if entity_id in target_ids:
                        self.targets_list.setCurrentRow(target_ids.index(entity_id))
                    return True
        return False

    # --- actions ------------------------------------------------------------------------

    def _run(self, operation: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            return self.document.run(operation, **kwargs)
        except PlannerError as exc:
            self.errorOccurred.emit(str(exc))
            return None

    def _on_severity_tabs_current_changed(self, _index: int) -> None:
        if self.system is not None:
            self.refresh()
            self.update_missing()

    def _on_level_current_changed(self, *_args: object) -> None:
        self._refresh_targets()

    def _on_repeat_spin_editing_finished(self) -> None:
        chain = self.chain()
        if chain is not None and self.repeat_spin.value() != chain.chain.repeat_loops:
            self._run(
                update_entity,
                kind_name="escalation_chain",
                entity_id=chain.chain.id,
                values={"repeat_loops": self.repeat_spin.value()},
                expected_version=chain.chain.version,
            )

    def _on_add_chain_clicked(self) -> None:
        self._run(
            create_entity,
            kind_name="escalation_chain",
            values={"system_id": self.system_id(), "severity": self.severity()},
        )

    def _on_add_level_clicked(self) -> None:
        chain = self.chain()
        if chain is None:
            return
        change = self._run(add_escalation_level, chain_id=chain.chain.id)
        if change is not None and (level_id := change.first_id("escalation_level")):
            self.levels.select_entity(level_id)

    def _move(self, step: int) -> None:
        level_id = self.current_level_id()
        if level_id is None:
            return
        row = self.levels.model.row_of(level_id)
        moved = self._run(
            move_escalation_level,
            level_id=level_id,
            position=row + step,
            expected_version=self.levels.model.row_at(row).version,
        )
        if moved is not None:
            self.levels.select_entity(level_id)

    def _on_delete_level_clicked(self) -> None:
        level_id = self.current_level_id()
        if level_id is not None:
            version = self.levels.model.row_at(self.levels.model.row_of(level_id)).version
            self._run(delete_escalation_level, level_id=level_id, expected_version=version)

    def _on_add_target_clicked(self) -> None:
        level_id = self.current_level_id()
        choice = assignee_value(self.target_combo)
        if level_id is None or not choice:
            return
        kind, assignee_id = choice
        position = len(self._targets_of.get(level_id, ()))
        self._run(
            create_entity,
            kind_name="escalation_target",
            values={"level_id": level_id, f"{kind}_id": assignee_id, "position": position},
        )
        self.levels.select_entity(level_id)

    def _on_remove_target_clicked(self) -> None:
        level_id = self.current_level_id()
        item = self.targets_list.currentItem()
        if item is None or level_id is None:
            return
        self._run(
            delete_entity,
            kind_name="escalation_target",
            entity_id=item.data(Qt.ItemDataRole.UserRole),
        )
        self.levels.select_entity(level_id)

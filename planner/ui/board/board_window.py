"""The full-screen workshop board: a system's RACI grid, escalation chain, parking lot, gaps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import ActionStatus, Severity
from planner.domain.errors import PlannerError
from planner.domain.plan import ChainPlan, SystemPlan
from planner.operations import (
    Change,
    add_escalation_level,
    assign_raci,
    create_entity,
    delete_entity,
    delete_escalation_level,
    move_escalation_level,
    update_entity,
)
from planner.preferences import Preferences
from planner.ui.board.board_counters import BoardCounters
from planner.ui.board.board_findings import UNKNOWN, BoardFindings, board_findings
from planner.ui.board.escalation_card_model import EscalationCardModel
from planner.ui.board.escalation_card_view import EscalationCardView
from planner.ui.board.escalation_level_text import parse_level_text
from planner.ui.board.parking_lot_model import ParkingLotModel
from planner.ui.board.parking_lot_text import ParkingTextError, parse_parking_text
from planner.ui.board.raci_grid_model import Cell, Key, RaciGridModel
from planner.ui.board.raci_grid_view import RaciGridView
from planner.ui.models.raci_table_model import assignee_of
from planner.ui.workspace_document import WorkspaceDocument

BASE_POINTS = 15.0
MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 0.6, 3.0, 1.15
ESCALATION_KINDS = frozenset({"escalation_chain", "escalation_level", "escalation_target"})
LEGEND = "R Responsible · A Accountable · C Consulted · I Informed · Delete clears · arrows move"


def clamp_zoom(zoom: float) -> float:
    return round(max(MIN_ZOOM, min(MAX_ZOOM, zoom)), 3)


class _EntryKeys(QObject):
    """Lets board-wide keys through an empty line edit: undo/redo, and Esc when nothing is typed."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLineEdit) or watched.text():
            return False
        # Filtered, so not accepted by the line edit: the board's shortcut runs instead.
        return (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        )


class BoardWindow(QWidget):
    """The workshop board over a WorkspaceDocument; every key lands as an operation at once."""

    # Emitted once when the board is left, with the system it was showing.
    closed = Signal(str)

    def __init__(
        self, document: WorkspaceDocument, system_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("workshop_board")
        self.document = document
        self._system_id = system_id
        # The board's column order per system, kept while it is open (layout survives switches).
        self._columns: dict[str, list[Key]] = {}
        self._severity: dict[str, str] = {}
        self._findings: BoardFindings = UNKNOWN
        self._focus_level: str | None = None
        self._left = False
        self._preferences = Preferences.load()
        self._zoom = clamp_zoom(self._preferences.board_zoom)
        self._build()
        self._build_actions()
        # The document's one tracker analyses each edit (subscribed before the board, so its
        # findings are current when the board redraws); the board only translates them.
        self._tracker = document.tracker
        self._tracker.updated.connect(self._on_tracker_updated)
        document.changed.connect(self._on_document_changed)
        document.failed.connect(self._on_document_failed)
        self._listening = True
        if system_id not in document.plan.systems and document.plan.systems:
            self._system_id = next(iter(document.plan.systems))
        self._fill_picker()
        self._load_system()
        self._apply_zoom()
        self.grid.go_to(1, 0)
        self.grid.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        top = self._build_top_bar()
        left = self._build_grid_side()
        right = self._build_chain_side()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.message = QLabel(self)
        self.message.setObjectName("board_message")
        self.message.setAccessibleName("Last change")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        self.setTabOrder(self.grid, self.severity_picker)
        self.setTabOrder(self.severity_picker, self.cards)
        self.setTabOrder(self.cards, self.level_entry)
        self.setTabOrder(self.level_entry, self.parking_entry)
        self.setTabOrder(self.parking_entry, self.parking)
        self.setTabOrder(self.parking, self.system_picker)

    def _build_top_bar(self) -> QHBoxLayout:
        """The system picker, lock badge, counters, zoom and the undo/redo/leave buttons."""
        self.setWindowTitle("Workshop board")
        self.system_picker = QComboBox(self)
        self.system_picker.setAccessibleName("System (Ctrl+PgUp / Ctrl+PgDn)")
        self.system_picker.setToolTip("System on the board (Ctrl+PgUp / Ctrl+PgDn)")
        self.system_picker.activated.connect(self._on_system_picker_activated)
        self.system_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.system_picker.setMinimumContentsLength(10)
        self.lock_badge = QLabel(self)
        self.counters = BoardCounters(self)
        self.zoom_label = QLabel(self)
        self.zoom_label.setToolTip("Zoom: Ctrl+plus, Ctrl+minus, Ctrl+0")
        buttons = []
        for text, tip, slot in (
            ("Undo", "Undo (Ctrl+Z)", self._undo),
            ("Redo", "Redo (Ctrl+Shift+Z)", self._redo),
            ("Leave", "Back to the editor (Esc or F11)", self.leave),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard never lands on a button
            button.clicked.connect(slot)
            buttons.append(button)
        self.undo_button, self.redo_button, self.leave_button = buttons
        top = QHBoxLayout()
        top.addWidget(self.system_picker, 2)
        top.addWidget(self.lock_badge)
        top.addWidget(self.counters, 3)
        top.addStretch(1)
        top.addWidget(self.zoom_label)
        for button in buttons:
            top.addWidget(button)
        return top

    def _build_grid_side(self) -> QWidget:
        """The RACI grid, its legend and the gaps list."""
        self.grid_model = RaciGridModel(self)
        self.grid = RaciGridView(self)
        self.grid.setModel(self.grid_model)
        self.grid.role_typed.connect(self._on_grid_role_typed)
        self.grid.hint.connect(self._on_grid_hint)
        self.grid_model.name_entered.connect(self._on_grid_model_name_entered)
        legend = QLabel(LEGEND, self)
        legend.setWordWrap(True)
        self.gaps_model = QStringListModel(self)
        self.gaps = QListView(self)
        self.gaps.setModel(self.gaps_model)
        self.gaps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.gaps.setAccessibleName("Gaps found in this system")
        self.gaps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps.setWordWrap(True)
        self.gaps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.grid, 5)
        left_layout.addWidget(legend)
        left_layout.addWidget(self.gaps, 1)
        return left

    def _build_chain_side(self) -> QWidget:
        """The escalation chain cards and the parking lot."""
        self.severity_picker = QComboBox(self)
        self.severity_picker.setAccessibleName("Escalation chain for severity")
        self.severity_picker.activated.connect(self._on_severity_picker_activated)
        self.card_model = EscalationCardModel(self)
        self.cards = EscalationCardView(self)
        self.cards.setModel(self.card_model)
        self.cards.move_requested.connect(self._on_cards_move_requested)
        self.cards.delete_requested.connect(self._on_cards_delete_requested)
        self.cards.add_requested.connect(self._on_cards_add_requested)
        self.level_entry = QLineEdit(self)
        self.level_entry.setPlaceholderText("Add level: names, comma-separated; +15 = after 15 min")
        self.level_entry.setAccessibleName("Add an escalation level")
        self.level_entry.returnPressed.connect(self._on_level_entry_return_pressed)
        self.parking_entry = QLineEdit(self)
        self.parking_entry.setPlaceholderText("Park a question or action… @owner !YYYY-MM-DD")
        self.parking_entry.setAccessibleName("Parking lot: new action item")
        self.parking_entry.returnPressed.connect(self._on_parking_entry_return_pressed)
        self.parking_model = ParkingLotModel(self)
        self.parking = QListView(self)
        self.parking.setModel(self.parking_model)
        self.parking.setAccessibleName("Parking lot (Space: done/open, Delete: remove)")
        self.parking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parking.setWordWrap(True)
        self.parking.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.parking.installEventFilter(self)
        self._entry_keys = _EntryKeys(self)
        for entry in (self.level_entry, self.parking_entry):
            entry.installEventFilter(self._entry_keys)
            entry.installEventFilter(self)

        self.escalation_title = QLabel("Escalation chain", self)
        self.parking_title = QLabel("Parking lot", self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        chain_row = QHBoxLayout()
        chain_row.addWidget(self.escalation_title)
        chain_row.addWidget(self.severity_picker, 1)
        right_layout.addLayout(chain_row)
        right_layout.addWidget(self.cards, 3)
        right_layout.addWidget(self.level_entry)
        right_layout.addWidget(self.parking_title)
        right_layout.addWidget(self.parking_entry)
        right_layout.addWidget(self.parking, 2)
        return right

    def _build_actions(self) -> None:
        def add(name: str, keys: list[QKeySequence], slot: Callable[[], Any]) -> QAction:
            action = QAction(name, self)
            unique: list[QKeySequence] = []
            for key in keys:
                if not key.isEmpty() and key not in unique:
                    unique.append(key)
            action.setShortcuts(unique)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        standard = QKeySequence.keyBindings
        add("Undo", standard(QKeySequence.StandardKey.Undo), self._undo)
        redo = [*standard(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        add("Redo", [*redo, QKeySequence("Ctrl+Shift+Z")], self._redo)
        zoom_in = [*standard(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        add("Zoom in", zoom_in, lambda: self.set_zoom(self._zoom * ZOOM_STEP))
        add(
            "Zoom out",
            standard(QKeySequence.StandardKey.ZoomOut),
            lambda: self.set_zoom(self._zoom / ZOOM_STEP),
        )
        add("Actual size", [QKeySequence("Ctrl+0")], lambda: self.set_zoom(1.0))
        add("Leave board", [QKeySequence(Qt.Key.Key_F11)], self.leave)
        add("Previous system", [QKeySequence("Ctrl+PgUp")], lambda: self.step_system(-1))
        add("Next system", [QKeySequence("Ctrl+PgDown")], lambda: self.step_system(1))
        add("Go to grid", [QKeySequence("Ctrl+1")], self.grid.setFocus)
        add("Go to chain", [QKeySequence("Ctrl+2")], self.cards.setFocus)
        add("Go to parking lot", [QKeySequence("Ctrl+3")], self.parking_entry.setFocus)

    # -- public --------------------------------------------------------------------------------

    @property
    def system_id(self) -> str:
        return self._system_id

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def findings(self) -> BoardFindings:
        return self._findings

    def switch_system(self, system_id: str) -> None:
        """Show another system; the cursor, zoom and focus stay where they were."""
        if system_id == self._system_id or system_id not in self.document.plan.systems:
            return
        row, column = self.grid.current_cell()
        focused = self.focusWidget()
        self._system_id = system_id
        self._select_in_picker()
        self._load_system()
        self.grid.go_to(row, column)
        if focused is not None:
            focused.setFocus()

    def step_system(self, step: int) -> None:
        ids = list(self.document.plan.systems)
        if not ids:
            return
        here = ids.index(self._system_id) if self._system_id in ids else 0
        self.switch_system(ids[(here + step) % len(ids)])

    def set_zoom(self, zoom: float) -> None:
        zoom = clamp_zoom(zoom)
        if abs(zoom - self._zoom) < 1e-6:
            return
        self._zoom = zoom
        self._apply_zoom()
        self._preferences.board_zoom = zoom
        try:
            self._preferences.save()
        except OSError as exc:  # a read-only home folder costs the zoom, not the session
            self._say(f"Could not save the zoom: {exc}", error=True)

    def leave(self) -> None:
        """Back to the editor on the board's current system."""
        if not self._left:
            self._left = True
            self.closed.emit(self._system_id)
        self.close()

    # -- events --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._left:
            self._left = True
            self.closed.emit(self._system_id)
        if self._listening:
            self._listening = False
            self.document.changed.disconnect(self._on_document_changed)
            self.document.failed.disconnect(self._on_document_failed)
            self._tracker.updated.disconnect(self._on_tracker_updated)
        super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if isinstance(watched, QLineEdit) and key == Qt.Key.Key_Escape and watched.text():
            watched.clear()  # the first Esc clears what was typed, the second leaves
            return True
        if watched is self.parking and key in (Qt.Key.Key_Delete, Qt.Key.Key_Space):
            action_id = self.parking_model.action_id(self.parking.currentIndex().row())
            if action_id is not None:
                self._on_parking_key(action_id, delete=key == Qt.Key.Key_Delete)
            return True
        return False

    # -- loading -------------------------------------------------------------------------------

    def _system(self) -> SystemPlan | None:
        return self.document.plan.systems.get(self._system_id)

    def _fill_picker(self) -> None:
        self.system_picker.blockSignals(True)
        self.system_picker.clear()
        for system in self.document.plan:
            self.system_picker.addItem(system.name, system.id)
        self.system_picker.blockSignals(False)
        self._select_in_picker()

    def _select_in_picker(self) -> None:
        index = self.system_picker.findData(self._system_id)
        self.system_picker.blockSignals(True)
        self.system_picker.setCurrentIndex(index)
        self.system_picker.blockSignals(False)

    def _load_system(self) -> None:
        system = self._system()
        plan = self.document.plan
        activities = [(str(a.id), str(a.name)) for a in plan.activities]
        if system is None:
            self.grid_model.reset(activities, [], {})
            self.card_model.set_levels((), plan)
            self.parking_model.set_actions((), plan)
            self._show_findings(UNKNOWN)
            return
        keys = self._column_keys(system)
        self.grid_model.reset(activities, [(k, self._name(k)) for k in keys], self._roles(system))
        self.grid.cell_delegate.set_names(self._directory_names())
        self._fill_severities(system)
        self._refresh_chain(system)
        self.parking_model.set_actions(system.actions, plan)
        locked = bool(system.system.locked)
        self.lock_badge.setText("🔒 signed off" if locked else "")
        self.lock_badge.setToolTip("Reopen the sign-off in the editor to change this plan")
        if self.document.read_only:
            self._say("This workspace is open read-only: the board shows, it cannot change")
        elif locked:
            self._say(f"{system.name} is signed off and locked: changes will be refused")
        else:
            self._say(f"{system.name}: type R, A, C or I in a cell; Esc leaves the board")
        self._refresh_findings()
        self._fit_grid()

    def _column_keys(self, system: SystemPlan) -> list[Key]:
        plan = self.document.plan
        order = self._columns.setdefault(system.id, [])
        present = {assignee_of(row) for row in system.raci} - set(order)
        order += sorted(present, key=lambda k: (k[0] == "team", self._name(k).casefold(), k[1]))
        return [k for k in order if (plan.people if k[0] == "person" else plan.teams).get(k[1])]

    def _name(self, key: Key) -> str:
        plan = self.document.plan
        if key[0] == "team":
            team = plan.teams.get(key[1])
            return "(gone)" if team is None else f"{team.name} (team)"
        person = plan.people.get(key[1])
        if person is None:
            return "(gone)"
        return person.name if person.active else f"{person.name} (left)"

    def _directory_names(self) -> list[str]:
        plan = self.document.plan
        return [str(p.name) for p in plan.people.values() if p.active] + [
            str(t.name) for t in plan.teams.values()
        ]

    @staticmethod
    def _roles(system: SystemPlan) -> dict[Cell, str]:
        return {(str(row.activity_id), assignee_of(row)): str(row.role) for row in system.raci}

    def _refresh_grid(self, system: SystemPlan, *, names: bool) -> None:
        keys = self._column_keys(system)
        current = list(self.grid_model.keys)
        if keys[: len(current)] == current:
            for key in keys[len(current) :]:
                self.grid_model.append_column(key, self._name(key))
                self._fit_grid()
        else:
            row, column = self.grid.current_cell()
            activities = [(str(a.id), str(a.name)) for a in self.document.plan.activities]
            columns = [(k, self._name(k)) for k in keys]
            self.grid_model.reset(activities, columns, self._roles(system))
            self.grid.go_to(row, column)
            self._fit_grid()
        if names:
            self.grid_model.set_names({k: self._name(k) for k in keys})
            self.grid.cell_delegate.set_names(self._directory_names())
        self.grid_model.set_roles(self._roles(system))

    def _fill_severities(self, system: SystemPlan) -> None:
        present = {c.chain.severity for c in system.chains}
        chosen = self._severity.get(system.id)
        if chosen is None:
            chosen = min(present, key=lambda s: s.rank, default=Severity.SEV1).value
            self._severity[system.id] = chosen
        self.severity_picker.blockSignals(True)
        self.severity_picker.clear()
        for severity in Severity:
            label = severity.label + ("" if severity in present else " — no chain yet")
            self.severity_picker.addItem(label, severity.value)
        self.severity_picker.setCurrentIndex(self.severity_picker.findData(chosen))
        self.severity_picker.blockSignals(False)

    def _chain(self, system: SystemPlan) -> ChainPlan | None:
        chosen = self._severity.get(system.id)
        return next((c for c in system.chains if c.chain.severity == chosen), None)

    def _refresh_chain(self, system: SystemPlan) -> None:
        current = self.card_model.level_id(self.cards.currentIndex().row())
        chain = self._chain(system)
        self.card_model.set_levels(chain.levels if chain else (), self.document.plan)
        wanted = self._focus_level or current
        self._focus_level = None
        row = self.card_model.row_of(wanted) if wanted else -1
        if row >= 0:
            self.cards.setCurrentIndex(self.card_model.index(row))

    def _refresh_findings(self) -> None:
        self._show_findings(board_findings(self.document.plan, self._system_id, self._tracker))

    def _on_tracker_updated(self, system_ids: frozenset[str] | None) -> None:
        if system_ids is None or self._system_id in system_ids:
            self._refresh_findings()

    def _show_findings(self, findings: BoardFindings) -> None:
        self._findings = findings
        self.counters.show_findings(findings)
        self.grid_model.set_marks(
            findings.cells, findings.rows, findings.columns, findings.messages
        )
        lines = list(findings.lines) or ["No blockers or warnings in this system"]
        if lines != self.gaps_model.stringList():
            self.gaps_model.setStringList(lines)

    # -- zoom ----------------------------------------------------------------------------------

    def _fit_grid(self) -> None:
        """Size the columns to their names (wrapped on two lines) and the name row to match."""
        self.grid.resizeColumnsToContents()
        # The names in the header do not widen a column past its (wrapped) name cell.
        em = QFontMetrics(self.grid.font()).horizontalAdvance("M")
        for column in range(self.grid_model.columnCount()):
            hint = self.grid.sizeHintForColumn(column)
            if self.grid.columnWidth(column) > max(hint, em * 4):
                self.grid.setColumnWidth(column, max(hint, em * 4))
        height = QFontMetrics(self.grid.font()).height()
        self.grid.verticalHeader().resizeSection(0, int(height * 3.3))

    def _apply_zoom(self) -> None:
        points = BASE_POINTS * self._zoom
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.setFont(font)
        title = QFont(font)
        title.setPointSizeF(points * 1.2)
        title.setBold(True)
        for label in (self.escalation_title, self.parking_title, self.system_picker):
            label.setFont(title)
        for tile in (self.counters.blockers, self.counters.warnings, self.counters.score):
            tile.setFont(title)
        header = QFont(font)
        header.setBold(True)
        self.grid.verticalHeader().setFont(header)
        self.grid.horizontalHeader().setFont(header)
        metrics = QFontMetrics(font)
        self.grid.verticalHeader().setDefaultSectionSize(int(metrics.height() * 2))
        self.grid.horizontalHeader().setDefaultSectionSize(metrics.horizontalAdvance("M") * 5)
        self._fit_grid()
        self.cards.doItemsLayout()
        self.zoom_label.setText(f"{round(self._zoom * 100)}%")

    # -- writing -------------------------------------------------------------------------------

    def _run(self, operation: Callable[..., Change], /, **kwargs: Any) -> Change | None:
        """Run one operation through the document; a refusal is shown, never raised."""
        try:
            change = self.document.run(operation, **kwargs)
        except PlannerError as exc:
            self._say(str(exc), error=True)
            return None
        if not change.is_empty:
            self._say(change.description)
        return change

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #D50000; font-weight: bold;" if error else "")

    def _undo(self) -> None:
        stack = self.document.undo_stack
        if not stack.canUndo():
            self._say("Nothing to undo")
            return
        text = stack.undoText().replace("&&", "&")  # escaped for menus, not for a label
        if self.document.undo():  # a refused step says why itself (document.failed)
            self._say(f"Undone: {text}")

    def _redo(self) -> None:
        stack = self.document.undo_stack
        if not stack.canRedo():
            self._say("Nothing to redo")
            return
        text = stack.redoText().replace("&&", "&")
        if self.document.redo():
            self._say(f"Redone: {text}")

    def _writable(self, system: SystemPlan) -> bool:
        """Say why up front when a change of several steps cannot land (nothing is written)."""
        if self.document.read_only:
            self._say("This workspace is open read-only", error=True)
            return False
        if system.system.locked:
            self._say(f"{system.name} is signed off and locked; reopen it first", error=True)
            return False
        return True

    def _in_macro(self, text: str, steps: Callable[[], bool]) -> bool:
        """Run several steps as one undo step; if the last one is refused, roll back the rest."""
        stack = self.document.undo_stack
        with self.document.macro(text):
            done = steps()
        if not done:
            stack.undo()
        return done

    def _find_assignee(self, name: str) -> Key | None:
        plan = self.document.plan
        folded = name.casefold()
        # Someone still here before a namesake who has left.
        people = sorted(plan.people.values(), key=lambda p: not p.active)
        for person in people:
            if str(person.name).casefold() == folded:
                return ("person", str(person.id))
        for team in plan.teams.values():
            if str(team.name).casefold() in (folded, folded.removesuffix(" (team)")):
                return ("team", str(team.id))
        return None

    def _person_for(self, name: str) -> Key | None:
        """An existing person or team by name, or a new person (run inside the caller's macro)."""
        key = self._find_assignee(name)
        if key is not None:
            return key
        change = self._run(create_entity, kind_name="person", values={"name": name})
        person = change.first_id("person") if change is not None else None
        return ("person", person) if person else None

    def _assignee(self, key: Key) -> dict[str, str]:
        return {"person_id": key[1]} if key[0] == "person" else {"team_id": key[1]}

    # -- slots ---------------------------------------------------------------------------------

    def _on_grid_role_typed(self, row: int, column: int, letter: str | None) -> None:
        activity, key = self.grid_model.activity_at(row), self.grid_model.key_at(column)
        if activity is None or key is None or self.grid_model.role_at(row, column) == letter:
            return
        self._run(
            assign_raci,
            system_id=self._system_id,
            activity_id=activity,
            role=letter,
            expected_version=self._cell_version(activity, key),
            **self._assignee(key),
        )

    def _cell_version(self, activity_id: str, key: Key) -> int:
        """The version of the RACI cell the board shows (0: empty), to refuse stale edits."""
        system = self._system()
        rows = system.raci if system is not None else ()
        cell = (activity_id, *(key[1] if key[0] == kind else None for kind in ("person", "team")))
        return next(
            (row.version for row in rows if (row.activity_id, row.person_id, row.team_id) == cell),
            0,
        )

    def _level_version(self, level_id: str) -> int | None:
        system = self._system()
        levels = (lv.level for lv in system.levels) if system is not None else ()
        return next((level.version for level in levels if level.id == level_id), None)

    def _on_grid_hint(self, text: str) -> None:
        self._say(text)

    def _on_grid_model_name_entered(self, name: str) -> None:
        row = max(1, self.grid.current_cell()[0])
        key = self._find_assignee(name)
        if key is None:
            key = self._person_for(name)
            if key is None:
                return
        elif key in self.grid_model.keys:
            self._say(f"{name} already has a column")
        columns = self._columns.setdefault(self._system_id, [])
        if key not in columns:
            columns.append(key)
        system = self._system()
        if system is not None:
            self._refresh_grid(system, names=True)
        self.grid.go_to(row if row > 0 else 1, self.grid_model.column_of(key))
        self.grid.setFocus()

    def _on_system_picker_activated(self, index: int) -> None:
        system_id = self.system_picker.itemData(index)
        if isinstance(system_id, str):
            self.switch_system(system_id)
        self.grid.setFocus()

    def _on_severity_picker_activated(self, index: int) -> None:
        severity = self.severity_picker.itemData(index)
        system = self._system()
        if system is None or not isinstance(severity, str):
            return
        self._severity[system.id] = severity
        self._refresh_chain(system)
        self.cards.setFocus()

    def _on_cards_move_requested(self, level_id: str, position: int) -> None:
        self._focus_level = level_id
        moved = self._run(
            move_escalation_level,
            level_id=level_id,
            position=position,
            expected_version=self._level_version(level_id),
        )
        if moved is None:
            self._focus_level = None

    def _on_cards_delete_requested(self, level_id: str) -> None:
        self._run(
            delete_escalation_level,
            level_id=level_id,
            expected_version=self._level_version(level_id),
        )

    def _on_cards_add_requested(self) -> None:
        self.level_entry.setFocus()
        self._say("Type who is called at the new level (names, comma-separated), then Enter")

    def _on_level_entry_return_pressed(self) -> None:
        system = self._system()
        if system is None or not self._writable(system):
            return
        typed = parse_level_text(self.level_entry.text())
        severity = self._severity.get(system.id, Severity.SEV1.value)
        chain = self._chain(system)

        def add() -> bool:
            chain_id = str(chain.chain.id) if chain is not None else None
            if chain_id is None:
                values = {"system_id": system.id, "severity": severity}
                change = self._run(create_entity, kind_name="escalation_chain", values=values)
                chain_id = change.first_id("escalation_chain") if change else None
            keys = [self._person_for(name) for name in typed.names]
            if chain_id is None or None in keys:
                return False
            change = self._run(
                add_escalation_level,
                chain_id=chain_id,
                delay_minutes=typed.delay_minutes,
                person_ids=[k[1] for k in keys if k and k[0] == "person"],
                team_ids=[k[1] for k in keys if k and k[0] == "team"],
            )
            self._focus_level = change.first_id("escalation_level") if change else None
            return change is not None

        single = chain is not None and all(self._find_assignee(n) for n in typed.names)
        text = f"Add escalation level: {', '.join(typed.names) or 'nobody yet'}"
        if add() if single else self._in_macro(text, add):
            self.level_entry.clear()
            current = self._system()
            if current is not None:
                self._refresh_chain(current)

    def _on_parking_entry_return_pressed(self) -> None:
        system = self._system()
        if system is None or not self._writable(system):
            return
        try:
            parked = parse_parking_text(self.parking_entry.text())
        except ParkingTextError as exc:
            self._say(str(exc), error=True)
            return
        values: dict[str, Any] = {"text": parked.text, "system_id": system.id}
        if parked.due is not None:
            values["due"] = parked.due
        owner = self._find_assignee(parked.owner) if parked.owner else None
        if owner is not None and owner[0] != "person":
            self._say(f"An action's owner is a person; {parked.owner} is a team", error=True)
            return

        def park() -> bool:
            key = owner or (self._person_for(parked.owner) if parked.owner else None)
            if parked.owner and key is None:
                return False
            if key is not None:
                values["owner_id"] = key[1]
            return self._run(create_entity, kind_name="action_item", values=values) is not None

        single = owner is not None or not parked.owner
        if park() if single else self._in_macro(f"Park '{parked.text[:40]}'", park):
            self.parking_entry.clear()
            self.parking.scrollToTop()

    def _on_parking_key(self, action_id: str, *, delete: bool) -> None:
        system = self._system()
        action = (
            next((a for a in system.actions if str(a.id) == action_id), None) if system else None
        )
        if action is None:
            return
        if delete:
            self._run(
                delete_entity,
                kind_name="action_item",
                entity_id=action_id,
                expected_version=action.version,
            )
            return
        done = action.status == ActionStatus.DONE
        status = (ActionStatus.OPEN if done else ActionStatus.DONE).value
        self._run(
            update_entity,
            kind_name="action_item",
            entity_id=action_id,
            values={"status": status},
            expected_version=action.version,
        )
        row = self.parking_model.row_of(action_id)
        if row >= 0:
            self.parking.setCurrentIndex(self.parking_model.index(row))

    def _on_document_failed(self, message: str) -> None:
        self._say(message, error=True)

    def _on_document_changed(self, change: Change | None) -> None:
        """Redraw only what the change touched, for the system on the board."""
        plan = self.document.plan
        if change is None or any(r.kind == "system" for r in change.records()):
            self._fill_picker()
            if self._system_id not in plan.systems:
                if not plan.systems:
                    self.leave()
                    return
                self._system_id = next(iter(plan.systems))
                self._select_in_picker()
            if change is None:
                self._load_system()
                return
        system = self._system()
        if system is None:
            return
        kinds = change.kinds
        wide = change.workspace_wide
        touched = self._system_id in change.system_ids
        if wide or (touched and "raci" in kinds):
            self._refresh_grid(system, names=wide)
        if wide or (touched and kinds & ESCALATION_KINDS):
            self._fill_severities(system)
            self._refresh_chain(system)
        if wide or (touched and "action_item" in kinds):
            self.parking_model.set_actions(system.actions, plan)
        if touched and "system" in kinds:
            self.lock_badge.setText("🔒 signed off" if system.system.locked else "")
        if wide or touched:
            # A grid reset cleared the marks: put the tracker's (already current) back.
            self._refresh_findings()

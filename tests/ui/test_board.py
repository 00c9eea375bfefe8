"""The workshop board driven as a facilitator drives it: keys, names, cards, parking lot, undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from planner.domain.errors import LockedError
from planner.preferences import Preferences
from planner.ui.board.board_window import BoardWindow
from planner.ui.board.escalation_level_text import parse_level_text
from planner.ui.board.parking_lot_text import ParkedItem, ParkingTextError, parse_parking_text
from planner.ui.board.raci_grid_model import NAME_ROW, MarkRole
from planner.ui.workspace_document import WorkspaceDocument

# Qt logs "OpenType support missing" for scripts its bundled shaper lacks on some machines;
# the offscreen platform cannot raise the name completer's popup or let it grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "OpenType support missing", "does not support raise", "does not support grabbing"
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def document(demo_ws: Any) -> WorkspaceDocument:
    return WorkspaceDocument(demo_ws)


@pytest.fixture
def board(qtbot: Any, document: WorkspaceDocument) -> BoardWindow:
    # "Colleague Copilot" is the demo's nearly-ready system: one blocker, nobody Responsible
    # for continuous improvement.
    system = document.plan.system_named("Colleague Copilot")
    assert system is not None
    window = BoardWindow(document, system.id)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.grid.setFocus()
    return window


def system_of(board: BoardWindow) -> Any:
    return board.document.plan.systems[board.system_id]


def activity_id(board: BoardWindow, name: str) -> str:
    return next(str(a.id) for a in board.document.plan.activities if a.name == name)


def person_id(board: BoardWindow, name: str) -> str:
    return next(str(p.id) for p in board.document.plan.people.values() if p.name == name)


def stored_role(board: BoardWindow, activity: str, person: str) -> str | None:
    aid, pid = activity_id(board, activity), person_id(board, person)
    cells = [r for r in system_of(board).raci if r.activity_id == aid and r.person_id == pid]
    return str(cells[0].role) if cells else None


def go(board: BoardWindow, activity: str, person: str) -> tuple[int, int]:
    row = board.grid_model.row_of(activity_id(board, activity))
    column = board.grid_model.column_of(("person", person_id(board, person)))
    board.grid.go_to(row, column)
    return row, column


def type_keys(qtbot: Any, text: str) -> None:
    """Type as a person does: each key goes to whichever widget has the focus by then."""
    for char in text:
        qtbot.keyClick(QApplication.focusWidget(), char)


def shown(board: BoardWindow, row: int, column: int) -> str:
    return str(board.grid_model.index(row, column).data())


def levels(board: BoardWindow) -> list[str]:
    chain = board._chain(system_of(board))
    assert chain is not None
    return [str(level.level.id) for level in chain.levels]


def test_letters_and_arrows_fill_the_grid_and_each_step_undoes(qtbot: Any, board: BoardWindow):
    row, column = go(board, "Support", "Hannah Dubois")
    first = board.grid_model.key_at(column)
    assert shown(board, row, column) == ""

    qtbot.keyClick(board.grid, Qt.Key.Key_C)
    assert shown(board, row, column) == "C"
    assert stored_role(board, "Support", "Hannah Dubois") == "C"

    qtbot.keyClick(board.grid, Qt.Key.Key_Down)
    qtbot.keyClick(board.grid, Qt.Key.Key_I)
    assert shown(board, row + 1, column) == "I"
    assert stored_role(board, "Documentation", "Hannah Dubois") == "I"

    qtbot.keyClick(board.grid, Qt.Key.Key_A)  # a second letter replaces the first
    assert stored_role(board, "Documentation", "Hannah Dubois") == "A"
    qtbot.keyClick(board.grid, Qt.Key.Key_Delete)
    assert stored_role(board, "Documentation", "Hannah Dubois") is None
    assert shown(board, row + 1, column) == ""
    assert board.grid.currentIndex().row() == row + 1  # the cursor stays where it was
    assert board.grid.hasFocus()

    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)  # undo the Delete
    assert stored_role(board, "Documentation", "Hannah Dubois") == "A"
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)  # undo the A
    assert stored_role(board, "Documentation", "Hannah Dubois") == "I"
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL | SHIFT)  # redo the A
    assert stored_role(board, "Documentation", "Hannah Dubois") == "A"
    qtbot.keyClick(board.grid, Qt.Key.Key_Y, CTRL)  # redo the Delete
    assert stored_role(board, "Documentation", "Hannah Dubois") is None
    assert board.grid_model.key_at(column) == first  # an emptied column stays put
    assert shown(board, row, column) == "C"


def test_counters_and_marks_follow_the_findings(qtbot: Any, board: BoardWindow):
    assert board.counters.text_of("blockers") == "1"
    score = int(board.counters.text_of("score"))
    improvement = board.grid_model.row_of(activity_id(board, "Continuous improvement"))
    row, column = go(board, "Continuous improvement", "Hannah Dubois")
    assert row == improvement
    assert board.grid_model.index(row, column).data(MarkRole) == "blocker"
    assert "Nobody is Responsible" in board.grid_model.index(row, column).data(
        Qt.ItemDataRole.ToolTipRole
    )

    qtbot.keyClick(board.grid, Qt.Key.Key_R)
    assert board.counters.text_of("blockers") == "0"
    assert int(board.counters.text_of("score")) > score
    assert board.grid_model.index(row, column).data(MarkRole) is None
    assert board.grid_model.headerData(row, Qt.Orientation.Vertical, MarkRole) is None

    # A second Accountable for Support is a new blocker, marked on both A cells.
    accountable = next(
        r
        for r in system_of(board).raci
        if r.activity_id == activity_id(board, "Support") and str(r.role) == "A"
    )
    support, _ = go(board, "Support", "Hannah Dubois")
    column = next(
        c
        for c in range(board.grid_model.add_column)
        if board.grid_model.key_at(c) != ("person", accountable.person_id)
    )
    board.grid.go_to(support, column)
    qtbot.keyClick(board.grid, Qt.Key.Key_A)
    assert board.counters.text_of("blockers") == "1"
    assert board.grid_model.index(support, column).data(MarkRole) == "blocker"
    assert any("Accountables" in line for line in board.findings.lines)

    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)
    assert board.counters.text_of("blockers") == "0"
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)
    assert board.counters.text_of("blockers") == "1"
    assert board.grid_model.index(row, 0).data(MarkRole) == "blocker"


def test_typing_a_name_in_the_header_row_adds_a_person(qtbot: Any, board: BoardWindow):
    people = len(board.document.plan.people)
    columns = board.grid_model.add_column
    board.grid.go_to(3, 0)
    board.grid.go_to(NAME_ROW, board.grid_model.add_column)
    board.grid.setFocus()
    type_keys(qtbot, "Ada Lovelace")
    editor = QApplication.focusWidget()
    assert editor is not board.grid
    assert editor.text() == "Ada Lovelace"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits a Return on the next turn of the loop

    assert len(board.document.plan.people) == people + 1
    assert board.grid_model.add_column == columns + 1
    column = board.grid_model.column_of(("person", person_id(board, "Ada Lovelace")))
    assert column == columns
    assert board.grid.current_cell() == (1, column)  # ready to type her letters
    assert board.grid.hasFocus()

    qtbot.keyClick(board.grid, Qt.Key.Key_R)
    assert stored_role(board, "Support", "Ada Lovelace") == "R"
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)
    assert stored_role(board, "Support", "Ada Lovelace") is None
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)
    assert "Ada Lovelace" not in {p.name for p in board.document.plan.people.values()}
    assert board.grid_model.add_column == columns
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL | SHIFT)
    assert board.grid_model.add_column == columns + 1  # the column comes back with her


def test_esc_in_the_name_cell_cancels_without_leaving(qtbot: Any, board: BoardWindow):
    people = len(board.document.plan.people)
    board.grid.go_to(NAME_ROW, board.grid_model.add_column)
    board.grid.setFocus()
    type_keys(qtbot, "Zed")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert board.isVisible()
    assert board.grid.hasFocus()
    assert len(board.document.plan.people) == people


def test_an_existing_name_adds_a_column_without_a_new_person(qtbot: Any, board: BoardWindow):
    shown_ids = {key[1] for key in board.grid_model.keys}
    stranger = next(
        p
        for p in board.document.plan.people.values()
        if p.id not in shown_ids and str(p.name).isascii()  # typed key by key
    )
    people = len(board.document.plan.people)
    board.grid.go_to(NAME_ROW, board.grid_model.add_column)
    board.grid.setFocus()
    type_keys(qtbot, str(stranger.name).upper())  # names match regardless of case
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert len(board.document.plan.people) == people
    assert board.grid_model.key_at(board.grid.current_cell()[1]) == ("person", stranger.id)


def test_escalation_cards_move_with_keys_and_undo(qtbot: Any, board: BoardWindow):
    qtbot.keyClick(board.grid, Qt.Key.Key_2, CTRL)
    assert board.cards.hasFocus()
    before = levels(board)
    board.cards.setCurrentIndex(board.card_model.index(0))

    qtbot.keyClick(board.cards, Qt.Key.Key_Down, ALT)
    assert levels(board) == [before[1], before[0], before[2]]
    assert board.cards.currentIndex().row() == 1  # the selection follows the card
    qtbot.keyClick(board.cards, Qt.Key.Key_Down, CTRL)
    assert levels(board) == [before[1], before[2], before[0]]
    qtbot.keyClick(board.cards, Qt.Key.Key_Up, ALT)
    assert levels(board) == [before[1], before[0], before[2]]

    qtbot.keyClick(board.cards, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(board.cards, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(board.cards, Qt.Key.Key_Z, CTRL)
    assert levels(board) == before
    qtbot.keyClick(board.cards, Qt.Key.Key_Z, CTRL | SHIFT)
    assert levels(board) == [before[1], before[0], before[2]]
    assert board.card_model.level_id(0) == before[1]


def drag_card(board: BoardWindow, row: int, where: QPoint) -> tuple[bool, Qt.DropAction]:
    """Drag the card in ``row`` onto ``where`` as the mouse would: enter, move, drop."""
    mime = board.card_model.mimeData([board.card_model.index(row)])
    viewport = board.cards.viewport()
    move = Qt.DropAction.MoveAction
    button, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(where, move, mime, button, plain))
    QApplication.sendEvent(viewport, QDragMoveEvent(where, move, mime, button, plain))
    drop = QDropEvent(QPointF(where), move, mime, button, plain)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted(), drop.dropAction()


@pytest.mark.filterwarnings("ignore:Function.*QDrag:DeprecationWarning")
def test_escalation_cards_move_by_drag_and_drop(qtbot: Any, board: BoardWindow):
    before = levels(board)
    last = board.cards.visualRect(board.card_model.index(2))
    accepted, action = drag_card(board, 0, QPoint(last.center().x(), last.bottom() - 3))
    assert accepted  # dropped below the middle of the last card: it goes last
    assert action == Qt.DropAction.MoveAction
    assert not board.card_model.removeRows(0, 1)  # what the view tries after a move: refused
    assert levels(board) == [before[1], before[2], before[0]]
    assert board.card_model.rowCount() == 3
    assert board.cards.currentIndex().row() == 2  # the dragged card stays selected

    top = board.cards.visualRect(board.card_model.index(0))
    drag_card(board, 2, QPoint(top.center().x(), top.top() + 3))  # above the first
    assert levels(board) == before

    qtbot.keyClick(board.grid, Qt.Key.Key_Z, CTRL)
    assert levels(board) == [before[1], before[2], before[0]]


def test_insert_adds_a_level_with_its_people(qtbot: Any, board: BoardWindow):
    before = levels(board)
    board.cards.setFocus()
    qtbot.keyClick(board.cards, Qt.Key.Key_Insert)
    assert board.level_entry.hasFocus()
    qtbot.keyClicks(board.level_entry, "Hannah Dubois, Grace Hopper +45")
    qtbot.keyClick(board.level_entry, Qt.Key.Key_Return)

    after = levels(board)
    assert after[:3] == before
    assert len(after) == 4
    chain = board._chain(system_of(board))
    assert chain is not None
    new = chain.levels[-1]
    assert new.level.delay_minutes == 45
    names = {board.document.plan.name_of(t.person_id, t.team_id) for t in new.targets}
    assert names == {"Hannah Dubois", "Grace Hopper"}  # Grace is new: added on the spot
    assert board.level_entry.text() == ""
    assert board.cards.currentIndex().row() == 3

    qtbot.keyClick(board.level_entry, Qt.Key.Key_Z, CTRL)  # one step: level and new person
    assert levels(board) == before
    assert "Grace Hopper" not in {p.name for p in board.document.plan.people.values()}

    board.cards.setFocus()
    board.cards.setCurrentIndex(board.card_model.index(0))
    qtbot.keyClick(board.cards, Qt.Key.Key_Delete)
    assert levels(board) == before[1:]


def test_a_new_chain_starts_when_its_severity_has_none(qtbot: Any, board: BoardWindow):
    picker = board.severity_picker
    sev4 = picker.findData("sev4")
    picker.setCurrentIndex(sev4)
    picker.activated.emit(sev4)
    assert board.card_model.rowCount() == 0
    qtbot.keyClicks(board.level_entry, "Hannah Dubois")
    qtbot.keyClick(board.level_entry, Qt.Key.Key_Return)
    chains = {str(c.chain.severity): c for c in system_of(board).chains}
    assert len(chains["sev4"].levels) == 1
    assert board.card_model.rowCount() == 1


def test_parking_lot_turns_lines_into_action_items(qtbot: Any, board: BoardWindow):
    count = len(system_of(board).actions)
    qtbot.keyClick(board.grid, Qt.Key.Key_3, CTRL)
    assert board.parking_entry.hasFocus()
    qtbot.keyClicks(board.parking_entry, "Who renews the licence? @hannah dubois !2026-12-01")
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Return)

    actions = system_of(board).actions
    assert len(actions) == count + 1
    new = actions[-1]
    assert new.text == "Who renews the licence?"
    assert new.owner_id == person_id(board, "Hannah Dubois")
    assert new.due == dt.date(2026, 12, 1)
    assert board.parking_model.index(0).data().startswith("Who renews the licence?")
    assert board.parking_entry.text() == ""
    assert board.parking_entry.hasFocus()

    qtbot.keyClicks(board.parking_entry, "Budget for the vendor renewal @Alan Turing")
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Return)
    assert len(system_of(board).actions) == count + 2
    assert "Alan Turing" in {p.name for p in board.document.plan.people.values()}

    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Z, CTRL)  # removes the item and Alan
    assert len(system_of(board).actions) == count + 1
    assert "Alan Turing" not in {p.name for p in board.document.plan.people.values()}
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Z, CTRL)
    assert len(system_of(board).actions) == count
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(system_of(board).actions) == count + 1

    qtbot.keyClicks(board.parking_entry, "due when? !2026-02-30")
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Return)
    assert "not a due date" in board.message.text()
    assert board.parking_entry.text() == "due when? !2026-02-30"  # nothing typed is lost

    board.parking.setFocus()
    board.parking.setCurrentIndex(board.parking_model.index(0))
    qtbot.keyClick(board.parking, Qt.Key.Key_Space)
    done = next(a for a in system_of(board).actions if a.text == "Who renews the licence?")
    assert str(done.status) == "done"
    qtbot.keyClick(board.parking, Qt.Key.Key_Delete)
    assert len(system_of(board).actions) == count


def test_zoom_keys_scale_the_board_and_persist(qtbot: Any, board: BoardWindow):
    points = board.font().pointSizeF()
    qtbot.keyClick(board.grid, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(board.grid, Qt.Key.Key_Plus, CTRL)
    assert board.zoom == pytest.approx(1.15 * 1.15, rel=1e-2)
    assert board.font().pointSizeF() > points * 1.3
    assert board.grid.verticalHeader().defaultSectionSize() > 0
    assert Preferences.load().board_zoom == pytest.approx(board.zoom)
    assert board.zoom_label.text() == "132%"
    qtbot.keyClick(board.grid, Qt.Key.Key_Minus, CTRL)
    assert board.zoom == pytest.approx(1.15, rel=1e-2)
    qtbot.keyClick(board.grid, Qt.Key.Key_0, CTRL)
    assert board.zoom == 1.0
    assert board.font().pointSizeF() == pytest.approx(points)
    for _ in range(30):
        qtbot.keyClick(board.grid, Qt.Key.Key_Plus, CTRL)
    assert board.zoom == 3.0  # clamped


def test_zoom_is_restored_on_the_next_board(qtbot: Any, document: WorkspaceDocument):
    preferences = Preferences.load()
    preferences.board_zoom = 1.8
    preferences.save()
    window = BoardWindow(document, next(iter(document.plan.systems)))
    qtbot.addWidget(window)
    assert window.zoom == 1.8
    assert window.zoom_label.text() == "180%"


def test_switching_systems_keeps_the_layout_and_leaving_returns_it(qtbot: Any, board: BoardWindow):
    ids = list(board.document.plan.systems)
    start = board.system_id
    board.grid.go_to(4, 2)
    qtbot.keyClick(board.grid, Qt.Key.Key_PageDown, CTRL)
    assert board.system_id == ids[(ids.index(start) + 1) % len(ids)]
    assert board.system_picker.currentData() == board.system_id
    assert board.grid.current_cell() == (4, 2)
    assert board.grid.hasFocus()
    qtbot.keyClick(board.grid, Qt.Key.Key_PageUp, CTRL)
    assert board.system_id == start
    qtbot.keyClick(board.grid, Qt.Key.Key_PageUp, CTRL)
    other = board.system_id
    assert other != start

    with qtbot.waitSignal(board.closed) as closed:
        qtbot.keyClick(board.grid, Qt.Key.Key_Escape)
    assert closed.args == [other]
    assert not board.isVisible()


def test_f11_leaves_and_esc_first_clears_a_typed_line(qtbot: Any, board: BoardWindow):
    board.parking_entry.setFocus()
    qtbot.keyClicks(board.parking_entry, "half a thought")
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Escape)
    assert board.parking_entry.text() == ""
    assert board.isVisible()
    with qtbot.waitSignal(board.closed) as closed:
        qtbot.keyClick(board.parking_entry, Qt.Key.Key_F11)
    assert closed.args == [board.system_id]


def test_a_refused_change_is_shown_not_raised(
    qtbot: Any, board: BoardWindow, monkeypatch: pytest.MonkeyPatch
):
    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise LockedError("'Colleague Copilot' is signed off and locked; reopen it first")

    monkeypatch.setattr("planner.ui.board.board_window.assign_raci", locked)
    row, column = go(board, "Support", "Hannah Dubois")
    qtbot.keyClick(board.grid, Qt.Key.Key_R)
    assert "signed off and locked" in board.message.text()
    assert shown(board, row, column) == ""
    assert board.grid.hasFocus()


def test_other_keys_explain_themselves(qtbot: Any, board: BoardWindow):
    go(board, "Support", "Hannah Dubois")
    qtbot.keyClick(board.grid, Qt.Key.Key_X)
    assert "Type R, A, C or I" in board.message.text()
    board.grid.go_to(1, board.grid_model.add_column)
    qtbot.keyClick(board.grid, Qt.Key.Key_R)
    assert "type their name in the top row" in board.message.text()


def test_edits_made_elsewhere_show_on_the_board(board: BoardWindow):
    from planner.operations import assign_raci

    aid, pid = activity_id(board, "Monitoring"), person_id(board, "Hannah Dubois")
    board.document.run(
        assign_raci, system_id=board.system_id, activity_id=aid, role="I", person_id=pid
    )
    assert shown(board, *go(board, "Monitoring", "Hannah Dubois")) == "I"


def test_models_pass_the_model_tester(qtmodeltester: Any, board: BoardWindow):
    qtmodeltester.check(board.grid_model)
    qtmodeltester.check(board.card_model)
    qtmodeltester.check(board.parking_model)


def test_an_empty_system_starts_with_the_name_row(qtbot: Any, ws: Any):
    from planner.operations import add_system

    system = add_system(ws, name="Claims Bot").first_id("system")
    document = WorkspaceDocument(ws)
    window = BoardWindow(document, system)
    qtbot.addWidget(window)
    assert window.grid_model.add_column == 0
    assert window.grid_model.rowCount() == 1 + len(document.plan.activities)
    assert window.card_model.rowCount() == 0
    assert window.counters.text_of("blockers") not in ("0", "–")


@pytest.mark.parametrize(
    ("line", "text", "owner", "due"),
    [
        ("Check the DPIA", "Check the DPIA", None, None),
        ("Check the DPIA @Dana Lee", "Check the DPIA", "Dana Lee", None),
        ("Check the DPIA !2026-12-01 @Dana", "Check the DPIA", "Dana", dt.date(2026, 12, 1)),
        ("Email dana@example.org today", "Email dana@example.org today", None, None),
        ("  Who owns   drift?  ", "Who owns drift?", None, None),
    ],
)
def test_parking_lines_are_read(line: str, text: str, owner: str | None, due: dt.date | None):
    assert parse_parking_text(line) == ParkedItem(text, owner, due)


def test_parking_lines_without_text_are_refused():
    with pytest.raises(ParkingTextError):
        parse_parking_text("@Dana !2026-01-01")


def test_level_lines_are_read():
    typed = parse_level_text("Dana Lee, Service Desk +15, dana lee")
    assert typed.names == ("Dana Lee", "Service Desk")
    assert typed.delay_minutes == 15
    assert parse_level_text("").names == ()


def test_the_grid_names_its_columns_and_says_what_the_letters_mean_when_scrolled(
    qtbot: Any, board: BoardWindow
) -> None:
    board.resize(1000, 520)  # a projector's low resolution: the grid scrolls
    QApplication.processEvents()
    header = board.grid.horizontalHeader()
    assert header.isVisible()
    assert header.height() > 0
    model = board.grid_model
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.add_column)]
    assert "Hannah Dubois" in [name.removeprefix("⚠ ") for name in names]
    tip = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "R Responsible · A Accountable · C Consulted · I Informed" in tip
    # Down at the last activity the name row has scrolled away; the header has not.
    last = model.rowCount() - 1
    board.grid.go_to(last, 0)
    qtbot.keyClick(board.grid, Qt.Key.Key_Down)
    QApplication.processEvents()
    assert board.grid.rowViewportPosition(NAME_ROW) < 0
    assert header.isVisible()
    assert header.sectionViewportPosition(0) >= 0
    assert header.sectionSize(0) <= board.grid.sizeHintForColumn(0) + 1
    # The activities name the rows.
    assert board.grid.verticalHeader().isVisible()
    assert model.headerData(1, Qt.Orientation.Vertical).removeprefix("⚠ ") == "Support"

"""The directory view: add and edit people, deactivate, deputies, teams and each one's load."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from planner.operations import assign_raci
from planner.store.plan_loader import load_plan
from planner.ui.directory_view import DirectoryView


@pytest.fixture
def view(document, qtbot):
    widget = DirectoryView(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def people(document):
    return load_plan(document.ws).people


def commit(qtbot, editor):
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def open_cell(qtbot, table, row, column):
    table.setCurrentIndex(table.model().index(row, column))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


def test_add_person_and_type_the_name(view, document, qtbot):
    count = len(document.plan.people)
    qtbot.mouseClick(view.people.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Ada Quist")
    commit(qtbot, editor)
    stored = people(document)
    assert len(stored) == count + 1
    assert any(p.name == "Ada Quist" for p in stored.values())
    model = view.people.model
    assert model.index(view.people.model.row_of(view.people.current_id()), 0).data() == "Ada Quist"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert len(people(document)) == count
    assert view.people.model.rowCount() == count


def test_deactivate_and_reactivate(view, document, qtbot):
    person = next(p for p in document.plan.people.values() if p.active)
    assert view.people.select_entity(person.id)
    assert view.deactivate_button.text() == "Deactivate"
    qtbot.mouseClick(view.deactivate_button, Qt.MouseButton.LeftButton)
    assert people(document)[person.id].active is False
    assert view.deactivate_button.text() == "Reactivate"
    active = view.people.model.column_of("active")
    row = view.people.model.row_of(person.id)
    shown = view.people.model.index(row, active).data(Qt.ItemDataRole.CheckStateRole)
    assert shown == Qt.CheckState.Unchecked
    document.undo_stack.undo()
    assert people(document)[person.id].active is True
    assert view.deactivate_button.text() == "Deactivate"


def test_set_a_deputy_with_the_picker(view, document, qtbot):
    person, deputy = [p for p in document.plan.people.values() if p.active][:2]
    table = view.people.view
    column = view.people.model.column_of("deputy_id")
    combo = open_cell(qtbot, table, view.people.model.row_of(person.id), column)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(deputy.name))
    commit(qtbot, combo)
    assert people(document)[person.id].deputy_id == deputy.id
    row = view.people.model.row_of(person.id)
    assert view.people.model.index(row, column).data() == deputy.name


def test_the_deputy_picker_does_not_offer_the_person_themselves(view, document, qtbot):
    person, other = [p for p in document.plan.people.values() if p.active][:2]
    column = view.people.model.column_of("deputy_id")
    combo = open_cell(qtbot, view.people.view, view.people.model.row_of(person.id), column)
    assert combo.findText(person.name) < 0
    assert combo.findText(other.name) >= 0


def test_load_shows_accountabilities_across_systems(view, document, qtbot):
    plan = document.plan
    counts: dict[str, int] = {}
    for system in plan.systems.values():
        for row in system.raci:
            if row.role == "A" and row.person_id:
                counts[row.person_id] = counts.get(row.person_id, 0) + 1
    busiest = max(counts, key=counts.__getitem__)
    view.people.select_entity(busiest)
    label = view.load_label.text()
    assert f"Accountable for {counts[busiest]} activities" in label
    accountable_rows = [
        view.load_tree.topLevelItem(i)
        for i in range(view.load_tree.topLevelItemCount())
        if view.load_tree.topLevelItem(i).text(2) == "Accountable"
    ]
    assert len(accountable_rows) == counts[busiest]
    load = view.people.model.column_of("load")
    row = view.people.model.row_of(busiest)
    assert view.people.model.index(row, load).data() == str(counts[busiest])

    # A new A elsewhere updates the load at once.
    system = plan.system_named("Payment Anomaly Watch")
    document.run(
        assign_raci,
        system_id=system.id,
        activity_id=plan.activities[0].id,
        role="A",
        person_id=busiest,
    )
    assert view.people.model.index(row, load).data() == str(counts[busiest] + 1)
    assert f"Accountable for {counts[busiest] + 1} activities" in view.load_label.text()


def test_teams_are_added_and_named_uniquely(view, document, qtbot):
    qtbot.mouseClick(view.teams.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.mouseClick(view.teams.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    names = {t.name for t in load_plan(document.ws).teams.values()}
    assert {"New team", "New team 2"} <= names


def test_names_with_markup_show_literally(view, document, qtbot):
    person = next(p for p in document.plan.people.values() if p.active)
    row = view.people.model.row_of(person.id)
    editor = open_cell(qtbot, view.people.view, row, 0)
    editor.selectAll()
    qtbot.keyClicks(editor, "<b>x</b>")
    commit(qtbot, editor)
    row = view.people.model.row_of(person.id)
    assert view.people.model.index(row, 0).data() == "<b>x</b>"
    view.people.select_entity(person.id)
    assert view.load_label.text().startswith("<b>x</b> is Accountable")
    assert view.load_label.textFormat() == Qt.TextFormat.PlainText


def test_people_table_passes_the_model_tester(view, qtmodeltester):
    qtmodeltester.check(view.people.model)
    qtmodeltester.check(view.teams.model)


def _close_next_dialog(qtbot, seen):
    """Cancel the next modal dialog that is not already in ``seen``, once it is shown."""
    from PySide6.QtCore import QTimer

    def poke():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog in seen or type(dialog).__name__ == "DeletePersonDialog":
            QTimer.singleShot(10, poke)
            return
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(0, poke)


def _answer_delete_dialog(qtbot, button_name, seen):
    """Press a button of the delete-person dialog as soon as it is shown."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    def poke():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poke)
            return
        seen.append(dialog)
        button = dialog.findChild(QPushButton, button_name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, poke)


def _holder(document):
    from planner.analysis.responsibilities import responsibilities_of

    plan = document.plan
    locked = {s.id for s in plan if s.system.locked}

    def free(person):  # nothing in a signed, locked plan (which refuses the delete)
        held = responsibilities_of(plan, person.id)
        return not any(r.system_id in locked for r in held)

    candidates = [p for p in plan.people.values() if free(p)]
    return max(candidates, key=lambda p: len(responsibilities_of(plan, p.id)))


def _click_delete(qtbot, view, person_id):
    table = view.people.view
    if view.people.current_id() != person_id:  # a click on a selected cell starts editing it
        rect = table.visualRect(view.people.model.index(view.people.model.row_of(person_id), 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.people.current_id() == person_id
    qtbot.mouseClick(view.people.delete_button, Qt.MouseButton.LeftButton)


def test_deleting_a_person_with_responsibilities_asks_first(view, document, qtbot):
    from planner.analysis.responsibilities import responsibilities_of

    person = _holder(document)
    held = responsibilities_of(document.plan, person.id)
    assert sum(r.accountable for r in held) >= 2

    seen: list = []
    _answer_delete_dialog(qtbot, "cancel_button", seen)
    _click_delete(qtbot, view, person.id)
    dialog = seen[0]
    assert person.name in dialog.summary_label.text()
    assert dialog.holdings.topLevelItemCount() == len(held)
    shown = [dialog.holdings.topLevelItem(i).text(1) for i in range(len(held))]
    assert shown == [r.what for r in held]
    assert person.id in people(document)

    requested: list[str] = []
    view.handOverRequested.connect(requested.append)
    _answer_delete_dialog(qtbot, "hand_over_button", seen)
    handover: list = []
    _close_next_dialog(qtbot, handover)  # "Hand over first…" opens the handover dialog
    _click_delete(qtbot, view, person.id)
    assert requested == [person.id]
    assert [type(d).__name__ for d in handover] == ["ReassignDialog"]
    assert handover[0].person_id == person.id
    assert person.id in people(document)

    _answer_delete_dialog(qtbot, "delete_button", seen)
    _click_delete(qtbot, view, person.id)
    assert not view.message_label.text()
    assert person.id not in people(document)
    document.undo_stack.undo()
    assert person.id in people(document)

"""The RACI grid: type a letter in a cell, change it, clear it, undo, add a column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.store.plan_loader import load_plan
from planner.ui.pages.system_editor import SystemEditor


@pytest.fixture
def editor(open_editor):
    return open_editor("Payment Anomaly Watch", "ownership")


@pytest.fixture
def page(editor):
    return editor.pages["ownership"]


def cell_role(document, system_id, activity_id, person_id):
    system = load_plan(document.ws, system_ids=[system_id]).systems[system_id]
    return next(
        (r.role for r in system.raci if r.activity_id == activity_id and r.person_id == person_id),
        None,
    )


def click_cell(qtbot, view, row, column):
    """Click a cell where it is drawn, as a user does."""
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_letter(qtbot, view, row, column, letter):
    """Click a cell and type a letter: stored at once, no Enter needed."""
    click_cell(qtbot, view, row, column)
    qtbot.keyClick(view, letter)
    QApplication.processEvents()


def test_a_letter_is_stored_at_once_and_the_cursor_moves_down(page, document, qtbot):
    system_id = page.system.id
    person = next(p for p in document.plan.people.values() if p.active)
    page.assignee_combo.setCurrentIndex(page.assignee_combo.findText(person.name))
    qtbot.mouseClick(page.add_column_button, Qt.MouseButton.LeftButton)
    column = page.model.column_of(("person", person.id))
    first, second = document.plan.activities[0], document.plan.activities[1]

    click_cell(qtbot, page.view, 0, column)
    qtbot.keyClick(page.view, Qt.Key.Key_R)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)  # no editor waits for Enter
    assert cell_role(document, system_id, first.id, person.id) == "R"
    assert page.view.currentIndex().row() == 1  # on to the next activity
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert cell_role(document, system_id, second.id, person.id) == "C"
    assert page.view.currentIndex().row() == 2

    click_cell(qtbot, page.view, 1, column)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)  # clears, and stays to type another
    assert cell_role(document, system_id, second.id, person.id) is None
    assert page.view.currentIndex().row() == 1
    qtbot.keyClick(page.view, Qt.Key.Key_X)  # not a RACI letter: nothing stored
    assert cell_role(document, system_id, second.id, person.id) is None


def test_set_change_and_clear_a_cell_with_undo(page, document, qtbot):
    system_id = page.system.id
    assert page.model.columnCount() == 0  # the demo's skeleton system has no RACI yet
    assert "Nobody" in page.legend.text()
    person = next(p for p in document.plan.people.values() if p.active)
    page.assignee_combo.setCurrentIndex(page.assignee_combo.findText(person.name))
    qtbot.mouseClick(page.add_column_button, Qt.MouseButton.LeftButton)
    column = page.model.column_of(("person", person.id))
    assert column == 0
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == person.name
    activity = document.plan.activities[0]

    type_letter(qtbot, page.view, 0, column, "a")
    assert page.model.index(0, column).data() == "A"
    assert cell_role(document, system_id, activity.id, person.id) == "A"
    assert activity.name not in page.missing_label.text().split("Responsible")[0]

    type_letter(qtbot, page.view, 0, column, "R")
    assert cell_role(document, system_id, activity.id, person.id) == "R"

    page.view.setCurrentIndex(page.model.index(0, column))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert cell_role(document, system_id, activity.id, person.id) is None
    assert page.model.index(0, column).data() == ""
    assert page.model.column_of(("person", person.id)) == 0  # the emptied column stays

    document.undo_stack.undo()
    assert page.model.index(0, column).data() == "R"
    document.undo_stack.undo()
    assert page.model.index(0, column).data() == "A"
    document.undo_stack.undo()
    assert page.model.index(0, column).data() == ""
    document.undo_stack.redo()
    assert cell_role(document, system_id, activity.id, person.id) == "A"


def test_letters_other_than_raci_are_refused(page, document, qtbot):
    team = next(iter(document.plan.teams.values()))
    page.add_column(("team", team.id))
    column = page.model.column_of(("team", team.id))
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == f"{team.name} (team)"
    errors = []
    page.errorOccurred.connect(errors.append)
    assert not page.model.setData(page.model.index(1, column), "x")
    assert errors


def test_missing_accountable_is_listed(document, qtbot):
    editor = SystemEditor(document)
    editor.set_tracker(document.tracker)
    qtbot.addWidget(editor)
    editor.set_system(document.plan.system_named("Claims Triage").id)
    editor.show_page("ownership")
    page = editor.pages["ownership"]
    # The demo leaves nobody Accountable for access control in this system.
    assert "Accountable for Access control" in page.missing_label.text()
    row = next(i for i, a in enumerate(document.plan.activities) if a.key == "access_control")
    assert page.model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)


def test_show_page_selects_a_raci_cell(document, qtbot):
    editor = SystemEditor(document)
    qtbot.addWidget(editor)
    system = document.plan.system_named("Claims Triage")
    editor.set_system(system.id)
    assignment = system.raci[3]
    editor.show_page("ownership", ("raci", assignment.id))
    page = editor.pages["ownership"]
    index = page.view.currentIndex()
    assert page.model.role_at(index.row(), index.column()) == assignment.role

"""The escalation page: levels in order per severity, their targets, and undo of each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.store.plan_loader import load_plan


@pytest.fixture
def editor(open_editor):
    return open_editor("Claims Triage", "escalation")


@pytest.fixture
def page(editor):
    return editor.pages["escalation"]


def stored_levels(document, system_id, severity="sev1"):
    system = load_plan(document.ws, system_ids=[system_id]).systems[system_id]
    chain = next(c for c in system.chains if c.chain.severity == severity)
    return chain.levels


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_add_move_and_delete_levels_with_undo(page, document, qtbot):
    system_id = page.system.id
    original = [lp.level.id for lp in stored_levels(document, system_id)]
    assert page.levels.model.rowCount() == len(original) == 3

    click(qtbot, page.add_level_button)
    added = page.current_level_id()
    assert added not in original
    assert [lp.level.id for lp in stored_levels(document, system_id)] == [*original, added]
    assert "Blocker: Level 4 of the SEV1 chain names nobody" in page.missing_label.text()

    click(qtbot, page.up_button)
    order = [lp.level.id for lp in stored_levels(document, system_id)]
    assert order == [original[0], original[1], added, original[2]]
    assert page.current_level_id() == added
    assert page.levels.model.index(2, 0).data() == "3"

    document.undo_stack.undo()  # the move
    assert [r.id for r in page.levels.model.rows()] == [*original, added]

    page.levels.select_entity(original[0])
    click(qtbot, page.delete_level_button)
    assert [lp.level.id for lp in stored_levels(document, system_id)] == [*original[1:], added]
    document.undo_stack.undo()  # the delete
    assert [lp.level.id for lp in stored_levels(document, system_id)] == [*original, added]
    assert len(stored_levels(document, system_id)[0].targets) == 2  # targets came back too
    document.undo_stack.undo()  # the add
    assert [r.id for r in page.levels.model.rows()] == original


def test_move_down_and_redo(page, document, qtbot):
    system_id = page.system.id
    original = [r.id for r in page.levels.model.rows()]
    page.levels.select_entity(original[0])
    assert not page.up_button.isEnabled()
    click(qtbot, page.down_button)
    assert [lp.level.id for lp in stored_levels(document, system_id)][:2] == original[1::-1]
    document.undo_stack.undo()
    assert [r.id for r in page.levels.model.rows()] == original
    document.undo_stack.redo()
    assert [r.id for r in page.levels.model.rows()][:2] == original[1::-1]


def test_add_and_remove_targets(page, document, qtbot):
    system_id = page.system.id
    level_id = page.levels.model.rows()[1].id
    page.levels.select_entity(level_id)
    assert page.targets_list.count() == 1
    chosen = page.target_combo.itemText(0)
    click(qtbot, page.add_target_button)
    assert page.targets_list.count() == 2
    assert page.targets_list.item(1).text() == chosen
    level = next(lp for lp in stored_levels(document, system_id) if lp.level.id == level_id)
    assert len(level.targets) == 2
    targets_column = page.levels.model.column_of("targets")
    assert chosen.removesuffix(" (team)") in page.levels.model.index(1, targets_column).data()

    page.targets_list.setCurrentRow(0)
    click(qtbot, page.remove_target_button)
    assert [page.targets_list.item(i).text() for i in range(page.targets_list.count())] == [chosen]
    document.undo_stack.undo()
    assert page.targets_list.count() == 2


def test_delay_is_edited_in_place(page, document, qtbot):
    from PySide6.QtWidgets import QSpinBox

    page.levels.view.setCurrentIndex(page.levels.model.index(1, 1))
    page.levels.view.edit(page.levels.model.index(1, 1))
    spin = page.levels.view.viewport().findChild(QSpinBox)
    spin.setValue(20)
    page.levels.view.commitData(spin)
    assert stored_levels(document, page.system.id)[1].level.delay_minutes == 20


def test_missing_chain_can_be_added(page, document, qtbot):
    page.severity_tabs.setCurrentIndex(3)  # the demo has no SEV4 chain for this system
    assert page.chain() is None
    assert page.no_chain_label.isVisibleTo(page)
    assert not page.add_level_button.isEnabled()
    click(qtbot, page.add_chain_button)
    assert page.chain() is not None
    click(qtbot, page.add_level_button)
    assert len(stored_levels(document, page.system.id, "sev4")) == 1


def test_repeat_loops_of_a_chain(page, document, qtbot):
    page.repeat_spin.setValue(2)
    page.repeat_spin.editingFinished.emit()
    system = load_plan(document.ws, system_ids=[page.system.id]).systems[page.system.id]
    assert system.chains[0].chain.repeat_loops == 2
    document.undo_stack.undo()
    assert page.repeat_spin.value() == 0


def test_delete_key_removes_a_row(editor, document, qtbot):
    editor.show_page("documentation")
    panel = editor.pages["documentation"].documents
    count = panel.model.rowCount()
    panel.view.selectRow(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert panel.model.rowCount() == count - 1
    document.undo_stack.undo()
    assert panel.model.rowCount() == count


def test_clicking_a_level_row_selects_it_for_its_targets(page, qtbot):
    """A mouse click on a level row (not only the arrow keys) makes it the level in hand."""
    view = page.levels.view
    view.clearSelection()
    view.setCurrentIndex(view.model().index(-1, -1))
    page._refresh_targets()
    assert page.targets_label.text() == "Targets (select a level)"
    rect = view.visualRect(page.levels.model.index(1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_level_id() == page.levels.model.rows()[1].id
    assert page.targets_label.text() == "Targets of level 2"
    assert page.add_level_button.isEnabled()
    assert page.up_button.isEnabled()
    assert page.delete_level_button.isEnabled()
    assert page.target_combo.isEnabled()
    assert page.targets_list.count() == 1

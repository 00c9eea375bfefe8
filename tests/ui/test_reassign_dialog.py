"""The handover dialog: choose who takes over, see every move, apply as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.domain.enums import RaciRole
from planner.operations import assign_raci
from planner.operations.reassign import plan_handover
from planner.store.plan_loader import load_plan
from planner.ui.dialogs.reassign_dialog import ReassignDialog
from planner.ui.directory_view import DirectoryView


def _person_with_locked_work(document):
    """A demo person who holds something in a signed-off system, given a role in an open one."""
    plan = document.plan
    team = next(iter(plan.teams))
    person = next(
        p
        for p in plan.people.values()
        if plan_handover(plan, from_person_id=p.id, to_team_id=team).locked_systems
    )
    open_system = next(s for s in plan if not s.system.locked)
    document.run(
        assign_raci,
        system_id=open_system.id,
        activity_id=plan.activities[0].id,
        role=RaciRole.CONSULTED,
        person_id=person.id,
    )
    return person, open_system


def _busy_unlocked_person(plan):
    for person in plan.people.values():
        team = next(iter(plan.teams))
        handover = plan_handover(plan, from_person_id=person.id, to_team_id=team)
        if not handover.locked_systems and len(handover.moves) > 3:
            return person
    pytest.fail("no suitable person in the demo")


@pytest.fixture
def open_dialog(document, qtbot):
    def open_for(person_id):
        dialog = ReassignDialog(document, person_id)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_for


def _rows(dialog):
    tree = dialog.moves_tree
    return [
        tuple(tree.topLevelItem(i).text(c) for c in range(4))
        for i in range(tree.topLevelItemCount())
    ]


def _choose(qtbot, combo, text):
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, text
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_choosing_a_person_lists_every_move_and_hand_over_is_one_undo_step(
    document, open_dialog, qtbot
):
    plan = document.plan
    source = _busy_unlocked_person(plan)
    target = next(p for p in plan.people.values() if p.active and p.id != source.id)
    dialog = open_dialog(source.id)
    deputy = plan.people.get(source.deputy_id)
    if deputy is not None and deputy.active:  # the usual successor is offered first
        assert dialog.target_box.currentText() == deputy.name
    _choose(qtbot, dialog.target_box, "Choose a person or team…")
    assert _rows(dialog) == []
    assert not dialog.apply_button.isEnabled()
    assert dialog.summary_label.text() == "Choose who takes over to see every move."

    _choose(qtbot, dialog.target_box, str(target.name))
    expected = plan_handover(plan, from_person_id=source.id, to_person_id=target.id)
    assert [(r[0], r[1]) for r in _rows(dialog)] == [
        (m.system_name or "(no system)", m.what) for m in expected.moves
    ]
    assert dialog.summary_label.text().startswith(f"{len(expected.applied)} will go to")
    assert dialog.apply_button.isEnabled()

    steps = document.undo_stack.count()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    after = load_plan(document.ws)
    assert not plan_handover(after, from_person_id=source.id, to_person_id=target.id).moves
    assert document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    restored = plan_handover(
        load_plan(document.ws), from_person_id=source.id, to_person_id=target.id
    )
    assert len(restored.moves) == len(expected.moves)


def test_a_team_keeps_owner_fields_with_the_person(document, open_dialog, qtbot):
    source = _busy_unlocked_person(document.plan)
    dialog = open_dialog(source.id)
    team = next(iter(document.plan.teams.values()))
    _choose(qtbot, dialog.target_box, f"Team: {team.name}")
    stays = [r for r in _rows(dialog) if r[2] == "Stays"]
    assert stays
    assert {r[3] for r in stays} == {"an owner must be a person, not a team"}


def test_signed_off_systems_are_named_and_can_be_skipped(document, open_dialog, qtbot):
    source, open_system = _person_with_locked_work(document)
    target = next(p for p in document.plan.people.values() if p.active and p.id != source.id)
    locked = [s for s in document.plan if s.system.locked]
    dialog = open_dialog(source.id)
    _choose(qtbot, dialog.target_box, str(target.name))
    assert dialog.error_label.isVisible()
    assert f"'{locked[0].name}'" in dialog.error_label.text()
    assert not dialog.apply_button.isEnabled()

    dialog.skip_locked_box.setFocus()
    qtbot.keyClick(dialog.skip_locked_box, Qt.Key.Key_Space)
    assert not dialog.error_label.isVisible()
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    after = plan_handover(load_plan(document.ws), from_person_id=source.id, to_person_id=target.id)
    assert {m.system_name for m in after.moves} == {locked[0].name}
    assert open_system.name not in {m.system_name for m in after.moves}


def test_directory_button_opens_the_dialog_for_the_selected_person(document, qtbot):
    view = DirectoryView(document)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    source = _busy_unlocked_person(document.plan)
    assert not view.handover_button.isEnabled()
    assert view.people.select_entity(source.id)
    assert view.handover_button.isEnabled()
    seen = []

    def drive_dialog():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle())
        _choose(qtbot, dialog.target_box, "Team: " + next(iter(document.plan.teams.values())).name)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive_dialog)
    qtbot.mouseClick(view.handover_button, Qt.MouseButton.LeftButton)
    assert seen == [f"Hand over the responsibilities of {source.name}"]
    assert view.load_tree.topLevelItemCount() == 0
    assert "holds 0 RACI roles" in view.load_label.text()

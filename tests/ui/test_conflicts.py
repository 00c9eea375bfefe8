"""Two writers: an edit made on a page another writer has changed since it was shown.

A colleague ('Priya Shah', a second connection to the same workspace) writes between the
page loading and the user's edit. The edit is refused, the banner says who changed what
and when, nothing of the user's edit is stored, and the page shows the colleague's version.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.operations import assign_raci, create_entity, delete_entity, update_entity
from planner.store.plan_loader import load_plan

AT_10_42 = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(10, 42))


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def priya(colleague):
    colleague.clock = lambda: AT_10_42
    return colleague


def stored(document, system_id):
    return load_plan(document.ws, system_ids=[system_id]).systems[system_id]


def test_a_form_edit_of_a_field_someone_changed_is_refused_and_shows_theirs(
    open_editor, document, priya, qtbot
):
    editor = open_editor("Claims Triage", "overview")
    system_id = editor.system_id
    update_entity(priya, kind_name="system", entity_id=system_id, values={"purpose": "Theirs"})
    purpose = editor.pages["overview"].form.fields["purpose"].widget
    assert purpose.toPlainText() != "Theirs"  # loaded before Priya's edit
    purpose.setFocus()
    purpose.selectAll()
    qtbot.keyClicks(purpose, "Mine")
    qtbot.keyClick(purpose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert editor.message_label.text() == (
        "Priya Shah changed the purpose of the AI system 'Claims Triage' at 10:42 while you "
        "were editing; your change was not saved and the page now shows theirs."
    )
    assert editor.banner.isVisible()
    assert stored(document, system_id).system.purpose == "Theirs"
    assert purpose.toPlainText() == "Theirs"
    assert not document.undo_stack.canUndo()
    # Now it shows the current version, the same edit goes through.
    purpose.setFocus()
    purpose.selectAll()
    qtbot.keyClicks(purpose, "Mine")
    qtbot.keyClick(purpose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(document, system_id).system.purpose == "Mine"


def type_letter(qtbot, view, row, column, letter):
    view.window().activateWindow()
    qtbot.waitUntil(view.window().isActiveWindow, timeout=2000)
    view.scrollTo(view.model().index(row, column))
    view.setCurrentIndex(view.model().index(row, column))
    view.setFocus()
    # A letter on the Ownership grid is stored at once, as a spreadsheet user expects.
    qtbot.keyClick(view, letter)
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    QApplication.processEvents()


def test_a_raci_cell_someone_filled_is_not_overwritten(open_editor, document, priya, qtbot):
    editor = open_editor("Claims Triage", "ownership")
    page = editor.pages["ownership"]
    system = document.plan.systems[editor.system_id]
    row = system.raci[0]
    assert row.person_id is not None
    activity_row = page.model.row_of_activity(row.activity_id)
    column = page.model.column_of(("person", row.person_id))
    shown = page.model.role_at(activity_row, column)
    theirs = next(letter for letter in "RACI" if letter != shown)
    mine = next(letter for letter in "RACI" if letter not in (shown, theirs))
    assign_raci(
        priya,
        system_id=system.id,
        activity_id=row.activity_id,
        person_id=row.person_id,
        role=theirs,
    )
    type_letter(qtbot, page.view, activity_row, column, mine)

    assert editor.message_label.text().startswith(
        f"Priya Shah set {document.plan.people[row.person_id].name} to {theirs} for "
    )
    assert "your change was not saved" in editor.message_label.text()
    assert page.model.index(activity_row, column).data() == theirs
    roles = {(r.activity_id, r.person_id): r.role for r in stored(document, system.id).raci}
    assert roles[(row.activity_id, row.person_id)] == theirs


def test_deleting_a_row_someone_deleted_says_who(open_editor, document, priya, qtbot):
    editor = open_editor("Claims Triage", "documentation")
    panel = editor.pages["documentation"].documents
    model = panel.model
    target = model.row_at(0)
    delete_entity(priya, kind_name="document", entity_id=target.id)
    panel.view.setCurrentIndex(model.index(0, 0))
    panel.confirm_delete = None
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)

    assert editor.message_label.text().startswith(f"The document '{target.title[:40]}")
    assert "was deleted by Priya Shah at 10:42" in editor.message_label.text()
    assert target.id not in {d.id for d in document.plan.systems[editor.system_id].documents}
    assert model.row_of(target.id) == -1


def test_an_undo_of_a_row_someone_deleted_refreshes_the_view(document, priya, qtbot):
    change = document.run(create_entity, kind_name="team", values={"name": "Night shift"})
    team_id = change.first_id("team")
    document.run(update_entity, kind_name="team", entity_id=team_id, values={"phone": "+44 1"})
    assert team_id in document.plan.teams
    delete_entity(priya, kind_name="team", entity_id=team_id)
    assert team_id in document.plan.teams  # the window has not heard of it yet
    with qtbot.waitSignal(document.failed) as blocker:
        document.undo_stack.undo()
    assert "Night shift" in blocker.args[0]
    assert team_id not in document.plan.teams


def test_an_undo_of_a_row_someone_changed_names_them(document, priya, qtbot):
    system_id = document.plan.system_named("Claims Triage").id
    values = {"purpose": "Mine"}
    document.run(update_entity, kind_name="system", entity_id=system_id, values=values)
    update_entity(priya, kind_name="system", entity_id=system_id, values={"purpose": "Theirs"})
    with qtbot.waitSignal(document.failed) as blocker:
        document.undo_stack.undo()
    assert blocker.args[0] == (
        "Cannot undo \u201cEdit purpose of AI system 'Claims Triage'\u201d: the AI system "
        "'Claims Triage' was changed since (by Priya Shah at 10:42); this step can no longer "
        "be undone, so it was taken off the undo history."
    )
    assert document.plan.systems[system_id].system.purpose == "Theirs"

"""The system editor and its table pages, driven as a user does: select, type, press Enter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox

from planner.domain.wording import as_sentence
from planner.operations import update_entity
from planner.store.plan_loader import load_plan
from planner.ui.models.findings_model import severity_label
from planner.ui.pages.system_editor import PAGE_KEYS
from planner.ui.widgets.date_field import DateField
from planner.ui.widgets.field_message import message_of


@pytest.fixture
def editor(open_editor):
    return open_editor("Claims Triage")


def stored(document, system_id):
    return load_plan(document.ws, system_ids=[system_id]).systems[system_id]


def open_editor(qtbot, view, row, column):
    """Select a cell and press F2, as a user does; returns the editor widget."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    widget = QApplication.focusWidget()
    assert widget is not None
    assert widget is not view
    while widget.parentWidget() is not view.viewport():
        widget = widget.parentWidget()
    return widget


def press_enter(qtbot, widget):
    """Enter in a cell editor; the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def type_in_cell(qtbot, view, row, column, text):
    editor = open_editor(qtbot, view, row, column)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    press_enter(qtbot, editor)


def choose_in_cell(qtbot, view, row, column, text):
    editor = open_editor(qtbot, view, row, column)
    assert isinstance(editor, QComboBox)
    position = editor.findText(text)
    assert position >= 0, f"{text!r} not offered"
    editor.setCurrentIndex(position)
    press_enter(qtbot, editor)


def test_every_page_can_be_shown_and_reports_itself(editor, qtbot):
    seen = []
    editor.pageChanged.connect(seen.append)
    for key in PAGE_KEYS:
        editor.show_page(key)
        assert editor.current_page() == key
    assert seen == list(PAGE_KEYS[1:])
    with pytest.raises(KeyError):
        editor.show_page("nonsense")


def test_no_system_shows_an_empty_editor(editor):
    editor.set_system(None)
    assert editor.title_label.text() == "No system selected"
    assert not editor.body.isEnabled()


def test_overview_edits_commit_and_undo(editor, document, qtbot):
    page = editor.pages["overview"]
    system_id = editor.system_id
    purpose = page.form.fields["purpose"].widget
    purpose.setFocus()
    purpose.selectAll()
    qtbot.keyClicks(purpose, "Route claims")
    qtbot.keyClick(purpose, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(document, system_id).system.purpose == "Route claims"
    stage = page.facts.fields["stage"].widget
    stage.setCurrentIndex(stage.findText("Production"))
    stage.activated.emit(stage.currentIndex())
    assert stored(document, system_id).system.stage == "production"
    document.undo_stack.undo()
    assert stage.currentText() == "Pilot"
    document.undo_stack.undo()
    assert purpose.toPlainText() != "Route claims"
    document.undo_stack.redo()
    assert purpose.toPlainText() == "Route claims"


def test_a_finding_shows_on_its_page_in_the_panels_words_and_goes_when_fixed(editor, document):
    """The page reads the findings tracker: no rule of its own, no second wording."""
    system = document.plan.systems[editor.system_id]
    source = system.data_sources[0]
    document.run(
        update_entity, kind_name="data_source", entity_id=source.id, values={"owner_id": None}
    )
    page = editor.pages["overview"]
    [finding] = [
        f
        for f in document.tracker.findings(editor.system_id)
        if f.rule_id == "DATA-001" and ("data_source", source.id) in f.entities
    ]
    shown = f"{severity_label(finding)}: {as_sentence(finding.message)}"
    assert shown in page.missing_label.text().split("\n")
    assert page.missing_label.isVisibleTo(page)
    owner = next(p for p in document.plan.people.values() if p.active)
    document.run(
        update_entity, kind_name="data_source", entity_id=source.id, values={"owner_id": owner.id}
    )
    assert as_sentence(finding.message) not in page.missing_label.text()


def test_an_empty_field_no_rule_checks_is_tinted_but_not_listed(editor, document):
    system_id = editor.system_id
    document.run(update_entity, kind_name="system", entity_id=system_id, values={"outcome": ""})
    page = editor.pages["overview"]
    assert "outcome" not in page.missing_label.text()
    assert page.form.fields["outcome"].widget.toolTip() == "Expected outcome is missing"


def test_domain_errors_are_shown_not_raised(editor, document, qtbot):
    name = editor.pages["overview"].form.fields["name"].widget
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Invoice Capture")  # another system already has this name
    press_enter(qtbot, name)
    assert "already" in message_of(name).text()  # said under the field
    assert name.text() == "Invoice Capture"  # kept for the user to correct
    assert stored(document, editor.system_id).name == "Claims Triage"


def test_data_source_cell_edit_add_delete_with_undo(editor, document, qtbot):
    panel = editor.pages["overview"].sources
    view = panel.view
    system_id = editor.system_id
    before = len(panel.model.rows())
    # The cadence is edited under the table, for the selected source (it does not fit
    # beside the name and owner at 1366x768).
    assert panel.select_entity(panel.model.rows()[0].id)
    cadence = panel.details.form.fields["refresh_cadence"].widget
    cadence.setFocus()
    cadence.selectAll()
    qtbot.keyClicks(cadence, "weekly")
    press_enter(qtbot, cadence)
    assert view.model().index(0, 2).data() == "weekly"
    assert stored(document, system_id).data_sources[0].refresh_cadence == "weekly"

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == before + 1
    # Add leaves the user typing the new row's name.
    editor_widget = QApplication.focusWidget()
    assert isinstance(editor_widget, QLineEdit)
    qtbot.keyClicks(editor_widget, "Claims archive")
    press_enter(qtbot, editor_widget)
    names = [r.name for r in stored(document, system_id).data_sources]
    assert "Claims archive" in names

    row = panel.model.row_of(panel.model.rows()[-1].id)
    view.selectRow(row)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(stored(document, system_id).data_sources) == before
    document.undo_stack.undo()  # the delete
    assert panel.model.rowCount() == before + 1
    document.undo_stack.undo()  # the name
    document.undo_stack.undo()  # the add
    assert panel.model.rowCount() == before
    document.undo_stack.undo()  # the cadence
    assert view.model().index(0, 2).data() != "weekly"
    document.undo_stack.redo()
    assert view.model().index(0, 2).data() == "weekly"


def test_support_tier_team_picker(editor, document, qtbot):
    editor.show_page("support")
    panel = editor.pages["support"].tiers
    choose_in_cell(qtbot, panel.view, 0, panel.model.column_of("team_id"), "Data Platform")
    tier = stored(document, editor.system_id).support_tiers[0]
    assert document.plan.teams[tier.team_id].name == "Data Platform"
    assert panel.model.index(0, 1).data() == "Data Platform"


def _tier_field(editor, name):
    """A field of the first support tier, in the box under the table (selected first)."""
    editor.show_page("support")
    panel = editor.pages["support"].tiers
    assert panel.select_entity(panel.model.rows()[0].id)
    widget = panel.details.form.fields[name].widget
    widget.setFocus()
    return widget


def test_support_tier_response_spin_box(editor, document, qtbot):
    cell = _tier_field(editor, "response_minutes")
    assert isinstance(cell, QSpinBox)
    cell.setValue(45)
    press_enter(qtbot, cell)
    assert stored(document, editor.system_id).support_tiers[0].response_minutes == 45


def test_support_tier_resolution_target_and_move_up_rule(editor, document, qtbot):
    cell = _tier_field(editor, "resolution_minutes")
    assert isinstance(cell, QSpinBox)
    cell.setValue(480)
    press_enter(qtbot, cell)
    rule = "Not resolved within 4 hours"
    moves_up = _tier_field(editor, "escalate_when")
    moves_up.selectAll()
    qtbot.keyClicks(moves_up, rule)
    qtbot.keyClick(moves_up, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tier = stored(document, editor.system_id).support_tiers[0]
    assert (tier.resolution_minutes, tier.escalate_when) == (480, rule)


def test_documentation_status_is_chosen_by_label(editor, document, qtbot):
    editor.show_page("documentation")
    panel = editor.pages["documentation"].documents
    row = next(i for i, r in enumerate(panel.model.rows()) if r.doc_type == "dpia")
    choose_in_cell(qtbot, panel.view, row, panel.model.column_of("status"), "Approved")
    document_id = panel.model.row_at(row).id
    docs = {d.id: d for d in stored(document, editor.system_id).documents}
    assert docs[document_id].status == "approved"
    shown = editor.pages["documentation"].missing_label.text()
    assert "has no owner" in shown
    assert "has no location" in shown


def test_documentation_owner_picker_and_missing_line_clears(editor, document, qtbot):
    editor.show_page("documentation")
    page = editor.pages["documentation"]
    panel = page.documents
    row = next(i for i, r in enumerate(panel.model.rows()) if r.owner_id is None)
    person = next(p for p in document.plan.people.values() if p.active)
    choose_in_cell(qtbot, panel.view, row, panel.model.column_of("owner_id"), person.name)
    assert panel.model.index(row, panel.model.column_of("owner_id")).data() == person.name
    assert "owner" not in page.missing_label.text()


def test_monitoring_bool_field_toggles_with_space(editor, document, qtbot):
    """A review rule's flags are check boxes under the table, for the selected rule."""
    editor.set_system(document.plan.system_named("Colleague Copilot").id)
    editor.show_page("monitoring")
    panel = editor.pages["monitoring"].review_rules
    column = panel.model.column_of("regulated")
    before = stored(document, editor.system_id).review_rules[0].regulated
    assert panel.select_entity(panel.model.rows()[0].id)
    box = panel.details.form.fields["regulated"].widget
    assert box.isChecked() is before
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert stored(document, editor.system_id).review_rules[0].regulated is (not before)
    shown = panel.model.index(0, column).data(Qt.ItemDataRole.CheckStateRole)
    assert (shown == Qt.CheckState.Checked) is (not before)
    before = Qt.CheckState.Checked if before else Qt.CheckState.Unchecked
    document.undo_stack.undo()
    assert panel.model.index(0, column).data(Qt.ItemDataRole.CheckStateRole) == before


def test_monitoring_add_signal_and_undo(editor, document, qtbot):
    editor.show_page("monitoring")
    panel = editor.pages["monitoring"].signals
    before = panel.model.rowCount()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert panel.model.rowCount() == before + 1
    assert len(stored(document, editor.system_id).signals) == before + 1
    document.undo_stack.undo()
    assert panel.model.rowCount() == before


def test_governance_baseline_number(editor, document, qtbot):
    editor.show_page("governance")
    panel = editor.pages["governance"].baselines
    editor.pages["governance"].show_section(panel)  # the page shows one section at a time
    type_in_cell(qtbot, panel.view, 0, panel.model.column_of("current_value"), "12.5")
    assert stored(document, editor.system_id).baselines[0].current_value == 12.5
    assert panel.model.index(0, panel.model.column_of("current_value")).data() == "12.5"
    type_in_cell(qtbot, panel.view, 0, panel.model.column_of("current_value"), "lots")
    QApplication.processEvents()  # the cell opens again with the text, the reason under it
    (kept,) = [w for w in panel.view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert kept.text() == "lots"
    assert "not a number" in message_of(kept).text()


def test_actions_due_date_and_status(editor, document, qtbot):
    editor.show_page("actions")
    panel = editor.pages["actions"].action_items
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    cell = QApplication.focusWidget()
    qtbot.keyClicks(cell, "Train the night shift")
    press_enter(qtbot, cell)
    row = panel.model.rowCount() - 1
    date_editor = open_editor(qtbot, panel.view, row, panel.model.column_of("due"))
    assert isinstance(date_editor, DateField)
    qtbot.keyClicks(date_editor.line, "2027-01-15")
    press_enter(qtbot, date_editor.line)
    choose_in_cell(qtbot, panel.view, row, panel.model.column_of("status"), "Done")
    action = stored(document, editor.system_id).actions[-1]
    assert (action.text, action.due, action.status) == (
        "Train the night shift",
        dt.date(2027, 1, 15),
        "done",
    )


def test_user_text_is_shown_literally(editor, document, qtbot):
    system_id = editor.system_id
    document.run(
        update_entity, kind_name="system", entity_id=system_id, values={"name": "<b>x</b>"}
    )
    assert editor.title_label.text() == "<b>x</b>"
    assert editor.title_label.textFormat() == Qt.TextFormat.PlainText
    panel = editor.pages["overview"].sources
    type_in_cell(qtbot, panel.view, 0, 0, "<i>feed</i>")
    assert panel.model.index(0, 0).data() == "<i>feed</i>"


def test_show_page_selects_the_entity(editor, document):
    system = document.plan.systems[editor.system_id]
    target = system.documents[2]
    editor.show_page("documentation", ("document", target.id))
    panel = editor.pages["documentation"].documents
    assert panel.current_id() == target.id


def test_changes_to_other_systems_leave_the_pages_alone(editor, document):
    other = document.plan.system_named("Colleague Copilot")
    page = editor.pages["overview"]
    resets = []
    page.sources.model.modelReset.connect(lambda: resets.append(True))
    page.sources.model.dataChanged.connect(lambda *_a: resets.append(True))
    document.run(update_entity, kind_name="system", entity_id=other.id, values={"purpose": "x"})
    assert resets == []


def test_switching_systems_fills_only_the_visible_page(editor, document):
    other = document.plan.system_named("Colleague Copilot")
    editor.show_page("documentation")
    editor.set_system(other.id)
    assert editor.pages["documentation"].system.id == other.id
    assert editor.pages["overview"].system.id != other.id  # filled when shown
    editor.show_page("overview")
    assert editor.pages["overview"].system.id == other.id


def test_show_entity_finds_the_page_of_a_kind(editor, document):
    system = document.plan.systems[editor.system_id]
    level = system.chains[1].levels[1].level  # on another severity tab
    editor.show_entity("escalation_level", level.id)
    assert editor.current_page() == "escalation"
    assert editor.pages["escalation"].current_level_id() == level.id
    control = system.controls[1]
    editor.show_entity("governance_control", control.id)
    assert editor.current_page() == "governance"
    assert editor.pages["governance"].controls.current_id() == control.id


def test_the_editor_has_exactly_the_pages_findings_point_at() -> None:
    from planner.domain.registry import KINDS, PAGES

    assert PAGE_KEYS == PAGES
    assert {kind.page for kind in KINDS.values()} <= set(PAGES)


def test_the_open_findings_stay_readable_on_a_dark_palette(qtbot):
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    from planner.ui.widgets.field_styles import gap_text_style

    app = QGuiApplication.instance()
    before = app.palette()
    assert gap_text_style() == "color: #a01818;"
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2d30"))
    app.setPalette(dark)
    try:
        assert gap_text_style() == "color: #ff8a80;"
    finally:
        app.setPalette(before)


def test_many_findings_fold_behind_a_button_and_unfold_with_a_click(open_editor, document, qtbot):
    """An untouched template has ~20 findings on Governance: they must not bury the page."""
    from planner.operations import add_system
    from planner.ui.pages.editor_page import FOLD_AFTER

    change = document.run(add_system, name="Fresh chat assistant", template="ai_copilot")
    editor = open_editor("Fresh chat assistant", "governance")
    page = editor.pages["governance"]
    own = [
        f for f in document.tracker.findings(change.first_id("system")) if f.page == "governance"
    ]
    assert len(own) > FOLD_AFTER
    shown = page.missing_label.text().split("\n")
    assert len(shown) == FOLD_AFTER - 1
    assert page.more_button.isVisible()
    hidden = len(own) - len(shown)
    assert page.more_button.text() == f"Show {hidden} more findings"
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert len(page.missing_label.text().split("\n")) == len(own)
    assert page.more_button.text() == "Show fewer findings"
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert len(page.missing_label.text().split("\n")) == FOLD_AFTER - 1


def test_a_long_system_name_is_cut_with_an_ellipsis_beside_the_chips(open_editor, document):
    editor = open_editor("Claims Triage", "overview")
    system_id = editor.system_id
    name = "Claims Triage and Fraud Indicators for the Northern Region Back Office " * 2
    document.run(
        update_entity, kind_name="system", entity_id=system_id, values={"name": name.strip()}
    )
    editor.resize(900, 700)
    QApplication.processEvents()
    label = editor.title_label
    assert label.text() == name.strip()
    shown = label.shown_text()
    assert shown.endswith("…"), shown
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == name.strip()

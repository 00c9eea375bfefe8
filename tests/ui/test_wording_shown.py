"""Wording the GUI shows: findings as sentences, and who changed what by name.

Findings started in lower case ("nobody is Accountable…") beside others that start with
a name; a typing conflict said "Someone else" although the audit trail knew who; and the
status bar said "unknown" for a colleague who had set no name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.operations import update_entity
from planner.ui.live_refresh import update_note
from planner.ui.models.findings_model import MESSAGE
from planner.ui.widgets.field_message import message_of


def _shown_findings(panel: Any) -> list[str]:
    model = panel.model
    return [model.index(row, MESSAGE).data() for row in range(model.rowCount())]


def test_findings_read_as_sentences_in_the_panel_and_on_the_pages(open_editor, document):
    from planner.ui.findings_panel import FindingsPanel

    editor = open_editor("Claims Triage", "ownership")
    system_id = editor.system_id
    panel = FindingsPanel(document, document.tracker)
    panel.set_system(system_id)
    shown = _shown_findings(panel)
    assert "Nobody is Accountable for Access control" in shown
    assert all(not text[:1].islower() for text in shown), shown
    row = shown.index("Nobody is Accountable for Access control")
    tooltip = panel.model.index(row, MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Nobody is Accountable" in tooltip
    assert editor.pages["ownership"].missing_label.text().count("Blocker: Nobody is") == 1
    # The CLI and the PDF print the rule's own words (after a rule id): unchanged.
    finding = next(f for f in document.tracker.findings(system_id) if f.rule_id == "RACI-001")
    assert finding.message.startswith("nobody is Accountable")


def test_a_finding_that_starts_with_a_lower_case_name_keeps_it(open_editor, document):
    from planner.ui.findings_panel import FindingsPanel

    editor = open_editor("Claims Triage", "ownership")
    lukas = next(p for p in document.plan.people.values() if p.name == "Lukas Haddad")
    document.run(
        update_entity,
        kind_name="person",
        entity_id=lukas.id,
        values={"name": "de Haddad"},
        expected_version=lukas.version,
    )
    QApplication.processEvents()
    panel = FindingsPanel(document, document.tracker)
    panel.set_system(editor.system_id)
    shown = _shown_findings(panel)
    assert "de Haddad is inactive but is Consulted for Support" in shown, shown


def test_the_typing_conflict_note_names_who_changed_the_field(
    open_editor, document, colleague, qtbot
):
    editor = open_editor("Claims Triage", "overview")
    name = editor.pages["overview"].form.fields["name"].widget
    editor.activateWindow()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.selectAll()
    qtbot.keyClicks(name, "Claims Triage (mine)")
    system_id = editor.system_id
    update_entity(colleague, kind_name="system", entity_id=system_id, values={"name": "Theirs"})
    document.reload()
    assert message_of(name).text().startswith("Priya Shah changed the name to “Theirs”")
    # A colleague who set no name is said to be one, not "unknown" nor "Someone else".
    colleague.actor = "unknown"
    update_entity(colleague, kind_name="system", entity_id=system_id, values={"name": "Again"})
    document.reload()
    assert (
        message_of(name).text().startswith("Another user (no name set) changed the name to “Again”")
    )


def test_the_status_bar_note_says_when_the_other_person_set_no_name(document, colleague):
    system = document.plan.system_named("Claims Triage")
    colleague.actor = "unknown"
    update_entity(colleague, kind_name="system", entity_id=system.id, values={"purpose": "P"})
    document.reload()
    news = document.audit_events(limit=1)
    note = update_note(document.plan, news)
    assert note.startswith("Updated: another user (no name set) changed Claims Triage"), note
    assert "unknown" not in note


def test_preferences_say_what_others_see_when_no_name_is_set(qtbot, monkeypatch):
    """The name field's grey text said "unknown", as if that were the user's name."""
    from types import SimpleNamespace

    from planner.ui.dialogs.preferences_dialog import PreferencesDialog

    info = SimpleNamespace(organisation="", accent_colour="#1F5FAD", logo=None, logo_format=None)
    for variable in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(variable, raising=False)
    dialog = PreferencesDialog("", info, False)
    qtbot.addWidget(dialog)
    hint = dialog.actor_edit.placeholderText()
    assert "unknown" not in hint
    assert "another user (no name set)" in hint
    monkeypatch.setenv("USER", "sam")
    dialog = PreferencesDialog("", info, False)
    qtbot.addWidget(dialog)
    assert dialog.actor_edit.placeholderText() == "sam"  # what the audit trail records

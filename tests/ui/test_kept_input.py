"""Text that fails validation is kept where the user typed it, marked, and explained nearby."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from test_pages_editor import open_editor as open_cell
from test_pages_editor import press_enter, stored

from planner.domain.values import SHORT_TEXT
from planner.ui.dialogs.preferences_dialog import PreferencesDialog
from planner.ui.widgets.field_message import message_of


@pytest.fixture
def editor(open_editor):
    return open_editor("Claims Triage", "actions")


def _reopened_editor(view):
    QApplication.processEvents()
    assert view.state() == view.State.EditingState, "the cell is open again"
    editors = [w for w in view.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_an_over_long_action_text_is_kept_in_its_cell(editor, document, qtbot):
    panel = editor.pages["actions"].action_items
    before = stored(document, editor.system_id).actions[0].text
    pasted = "x" * 5_000
    cell = open_cell(qtbot, panel.view, 0, panel.model.column_of("text"))
    cell.selectAll()
    cell.insert(pasted)  # as a paste does
    press_enter(qtbot, cell)
    assert stored(document, editor.system_id).actions[0].text == before
    kept = _reopened_editor(panel.view)
    assert kept.text() == pasted
    assert kept.toolTip()
    assert str(SHORT_TEXT) in message_of(kept).text().replace(",", "")
    assert message_of(kept).field is kept
    kept.setText("Short enough")
    press_enter(qtbot, kept)
    assert stored(document, editor.system_id).actions[0].text == "Short enough"


def _below(message, field):
    """The message sits just under the field (or just over it near the window's foot)."""
    window = field.window()
    top = field.mapTo(window, field.rect().topLeft()).y()
    bottom = top + field.height()
    geometry = message.geometry()
    return abs(geometry.top() - bottom) <= 4 or abs(geometry.bottom() - top) <= 4


def test_date_and_email_errors_are_said_next_to_the_field_in_one_style(
    open_editor, document, qtbot
):
    from planner.ui.directory_view import DirectoryView

    editor = open_editor("Claims Triage", "overview")
    page = editor.pages["overview"]
    top = page.mapTo(editor, page.rect().topLeft()).y()
    go_live = page.facts.fields["go_live"].widget
    go_live.line.setFocus()
    go_live.line.selectAll()
    qtbot.keyClicks(go_live.line, "next tuesday")
    qtbot.keyClick(go_live.line, Qt.Key.Key_Return)
    QApplication.processEvents()
    date_message = message_of(go_live.line)
    assert "is not a date" in date_message.text()
    assert _below(date_message, go_live.line)
    assert not editor.message_label.isVisible()  # not in the banner over the page list
    assert page.mapTo(editor, page.rect().topLeft()).y() == top  # nothing pushed down
    go_live.line.selectAll()
    qtbot.keyClicks(go_live.line, "2027-01-31")
    qtbot.keyClick(go_live.line, Qt.Key.Key_Return)
    assert date_message.text() == ""  # fixed: the message goes

    view = DirectoryView(document)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    panel = view.people
    rect = panel.view.visualRect(panel.model.index(0, panel.model.column_of("email")))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    cell = _reopened_editor(panel.view)
    cell.selectAll()
    qtbot.keyClicks(cell, "ana at example dot org")
    press_enter(qtbot, cell)
    kept = _reopened_editor(panel.view)
    QApplication.processEvents()
    mail_message = message_of(kept)
    assert "e-mail" in mail_message.text()
    assert _below(mail_message, kept)
    assert mail_message.styleSheet() == date_message.styleSheet()
    qtbot.keyClick(kept, Qt.Key.Key_Escape)  # the cell closes: so does its message
    QApplication.processEvents()
    assert mail_message.text() == ""


def test_an_invalid_email_is_kept_in_its_cell(document, qtbot):
    from planner.ui.directory_view import DirectoryView

    view = DirectoryView(document)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    panel = view.people
    column = panel.model.column_of("email")
    panel.view.setCurrentIndex(panel.model.index(0, column))
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    cell = _reopened_editor(panel.view)
    cell.selectAll()
    qtbot.keyClicks(cell, "ana at example dot org")
    press_enter(qtbot, cell)
    kept = _reopened_editor(panel.view)
    assert kept.text() == "ana at example dot org"
    assert "e-mail" in message_of(kept).text()
    assert not view.message_label.isVisible()  # said under the cell, not at the foot


def test_the_message_banner_does_not_push_the_page_down(editor, qtbot):
    page = editor.pages["actions"]
    top = page.mapTo(editor, page.rect().topLeft()).y()
    editor.show_error("Something went wrong")
    QApplication.processEvents()
    assert editor.message_label.isVisible()
    assert page.mapTo(editor, page.rect().topLeft()).y() == top


def test_an_invalid_accent_colour_keeps_the_organisation_typed(qtbot):
    info = SimpleNamespace(
        organisation="Old Org", accent_colour="#1F5FAD", logo=None, logo_format=None
    )
    dialog = PreferencesDialog("Ana", info, False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.organisation_edit.selectAll()
    qtbot.keyClicks(dialog.organisation_edit, "Meridian Health")
    dialog.colour_edit.setFocus()
    dialog.colour_edit.selectAll()
    qtbot.keyClicks(dialog.colour_edit, "12")
    ok = dialog.findChild(QLineEdit)  # any: Enter presses the default button
    qtbot.keyClick(ok, Qt.Key.Key_Return)
    assert dialog.isVisible(), "the dialog stays open on an invalid colour"
    assert dialog.organisation_edit.text() == "Meridian Health"
    assert dialog.colour_edit.text() == "#12"
    # The same field note as every other refused field, under the colour field itself.
    note = message_of(dialog.colour_edit)
    assert note.field is dialog.colour_edit
    assert "is not a colour" in note.text()
    assert not dialog.findChildren(QLabel, "colour_message")
    dialog.colour_edit.selectAll()
    qtbot.keyClicks(dialog.colour_edit, "123456")
    assert note.text() == "", "the note goes as soon as the colour is one"
    qtbot.keyClick(ok, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.branding_changes() == {
        "organisation": "Meridian Health",
        "accent_colour": "#123456",
    }


def test_a_form_field_keeps_refused_text_and_marks_it(open_editor, document, qtbot):
    editor = open_editor("Claims Triage", "overview")
    name = editor.pages["overview"].form.fields["name"].widget
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "N" * 250)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert stored(document, editor.system_id).system.name == "Claims Triage"
    assert name.text() == "N" * 250
    assert name.toolTip()
    assert message_of(name).field is name
    assert message_of(name).text()


def test_a_field_changed_by_someone_else_while_typing_says_so_under_it(
    open_editor, document, qtbot
):
    """A team workspace's live refresh keeps the text being typed; when the other writer
    changed that very field, Enter would store over their value without a word."""
    from planner.operations import update_entity

    editor = open_editor("Claims Triage", "overview")
    name = editor.pages["overview"].form.fields["name"].widget
    editor.activateWindow()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.selectAll()
    qtbot.keyClicks(name, "Claims Triage (mine)")
    system_id = editor.system_id
    # Another writer: a different field first (nothing to say), then this one.
    update_entity(document.ws, kind_name="system", entity_id=system_id, values={"workflow": "W"})
    document.reload()
    assert name.text() == "Claims Triage (mine)"
    assert message_of(name).text() == ""
    update_entity(document.ws, kind_name="system", entity_id=system_id, values={"name": "Theirs"})
    document.reload()
    assert name.text() == "Claims Triage (mine)"
    note = message_of(name)
    assert note.field is name
    assert "“Theirs”" in note.text()
    assert "while you were typing" in note.text()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert stored(document, system_id).system.name == "Claims Triage (mine)"
    assert note.text() == ""


@pytest.mark.parametrize("filled", [False, True], ids=["default shown in grey", "typed"])
def test_each_severity_definition_is_shown_whole(qtbot, filled):
    """The SEV boxes were 2.6 lines high: SEV1's and SEV2's default wording scrolled."""
    from types import SimpleNamespace

    from PySide6.QtCore import QRect, Qt

    from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS
    from planner.ui.dialogs.preferences_dialog import PreferencesDialog

    info = SimpleNamespace(organisation="", accent_colour="#1F5FAD", logo=None, logo_format=None)
    dialog = PreferencesDialog("Ana", info, False)
    qtbot.addWidget(dialog)
    if filled:
        dialog.default_wording_button.click()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= 768 - 40  # with its title bar, on a 1366x768 screen
    for severity, edit in dialog.severity_edits.items():
        text = DEFAULT_SEVERITY_DEFINITIONS[severity]
        viewport = edit.viewport()
        margin = int(edit.document().documentMargin())
        needed = edit.fontMetrics().boundingRect(
            QRect(0, 0, viewport.width() - 2 * margin, 10_000), Qt.TextFlag.TextWordWrap, text
        )
        assert viewport.height() >= needed.height() + 2 * margin, severity
        assert edit.verticalScrollBar().maximum() == 0, severity

"""Dates are typed (ISO or the locale's short form), picked on a calendar, and cleared."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QCalendarWidget
from test_pages_editor import press_enter, stored

from planner.operations import update_entity
from planner.ui.widgets.field_message import message_of


@pytest.fixture
def editor(open_editor):
    return open_editor("Claims Triage", "documentation")


@pytest.fixture
def us_locale():
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _documents(editor, document):
    """The first document's Last reviewed, emptied: a field under the table for the selected
    document (the table keeps title, type, status and owner at 1366x768)."""
    panel = editor.pages["documentation"].documents
    doc = panel.model.rows()[0]
    document.run(
        update_entity, kind_name="document", entity_id=doc.id, values={"last_reviewed": None}
    )
    assert panel.select_entity(doc.id)
    field = panel.details.form.fields["last_reviewed"].widget
    field.line.setFocus()
    return panel, panel.model.row_of(doc.id), field


def _reviewed(document, editor):
    return stored(document, editor.system_id).documents[0].last_reviewed


def test_typing_an_iso_date_into_an_empty_field_saves_it(editor, document, qtbot):
    panel, row, field = _documents(editor, document)
    qtbot.keyClicks(field.line, "2026-11-01")
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) == dt.date(2026, 11, 1)
    assert panel.model.index(row, panel.model.column_of("last_reviewed")).data() == "2026-11-01"


def test_the_locale_short_form_is_understood(editor, document, qtbot, us_locale):
    _panel, _row, field = _documents(editor, document)
    qtbot.keyClicks(field.line, "11/1/26")
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) == dt.date(2026, 11, 1)


def test_the_calendar_opens_at_today_then_at_the_value_and_picks(editor, document, qtbot):
    _panel, _row, field = _documents(editor, document)
    qtbot.mouseClick(field.pick_button, Qt.MouseButton.LeftButton)
    calendar = field.findChild(QCalendarWidget)
    assert calendar.isVisible()
    assert calendar.selectedDate() == QDate.currentDate()
    assert calendar.yearShown() == QDate.currentDate().year()
    calendar.setSelectedDate(QDate(2026, 3, 9))
    calendar.clicked.emit(QDate(2026, 3, 9))
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) == dt.date(2026, 3, 9)


def test_a_date_can_be_cleared(editor, document, qtbot):
    _panel, _row, field = _documents(editor, document)
    qtbot.keyClicks(field.line, "2026-11-01")
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) == dt.date(2026, 11, 1)
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) is None


def test_a_form_date_is_typed_and_the_calendar_opens_at_today(open_editor, document, qtbot):
    editor = open_editor("Claims Triage", "overview")
    field = editor.pages["overview"].facts.fields["go_live"].widget
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "2027-02-03")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert stored(document, editor.system_id).system.go_live == dt.date(2027, 2, 3)
    qtbot.mouseClick(field.pick_button, Qt.MouseButton.LeftButton)
    assert field.calendar.selectedDate() == QDate(2027, 2, 3)
    field.calendar.hide()
    field.set_value(None)
    qtbot.mouseClick(field.pick_button, Qt.MouseButton.LeftButton)
    assert field.calendar.selectedDate() == QDate.currentDate()


def test_text_that_is_not_a_date_is_refused_with_a_reason(editor, document, qtbot):
    _panel, _row, field = _documents(editor, document)
    qtbot.keyClicks(field.line, "next tuesday")
    press_enter(qtbot, field.line)
    assert _reviewed(document, editor) is None
    assert field.text() == "next tuesday"  # kept as typed
    assert "is not a date" in message_of(field.line).text()


@pytest.fixture
def c_locale():
    """``LANG=C.UTF-8``, the default of many servers and containers."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("13/1/26", dt.date(2026, 1, 13)),
        ("1/13/2026", dt.date(2026, 1, 13)),
        ("1/1/26", dt.date(2026, 1, 1)),
        ("2026/11/01", dt.date(2026, 11, 1)),
        ("1 Nov 2026", dt.date(2026, 11, 1)),
        ("1 november 2026", dt.date(2026, 11, 1)),
        ("Nov 1, 2026", dt.date(2026, 11, 1)),
        ("2026-11-01", dt.date(2026, 11, 1)),
    ],
)
def test_the_c_locale_takes_the_forms_that_read_the_same_everywhere(
    editor, document, qtbot, c_locale, typed, meant
):
    editor.show_page("overview")
    field = editor.pages["overview"].facts.fields["go_live"].widget
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, typed)
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert stored(document, editor.system_id).system.go_live == meant
    assert field.text() == meant.isoformat()


def test_an_ambiguous_date_in_the_c_locale_is_kept_and_the_error_says_what_works(
    editor, document, qtbot, c_locale
):
    editor.show_page("overview")
    before = stored(document, editor.system_id).system.go_live
    field = editor.pages["overview"].facts.fields["go_live"].widget
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClicks(field.line, "11/1/26")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert stored(document, editor.system_id).system.go_live == before
    assert field.text() == "11/1/26"  # kept as typed
    problem = field.error()
    assert "1 November or 11 January 2026" in problem
    assert "2026-11-01, 1 Nov 2026 or Nov 1, 2026" in problem
    qtbot.keyClicks(field.line, "x")
    assert "2026-11-01, 1 Nov 2026" in field.error()

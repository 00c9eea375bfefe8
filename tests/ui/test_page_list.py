"""The editor's pages are a list with each page's open gaps, all visible on a laptop screen."""

from __future__ import annotations

from collections import Counter
from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.analysis import Level
from planner.ui.pages.signoff_page import roles_waiting
from planner.ui.pages.system_editor import PAGE_KEYS

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def test_every_page_is_listed_with_its_gap_count_and_clickable(window: Any, qtbot: Any) -> None:
    window.resize(1366, 768)
    QApplication.processEvents()
    editor = window.editor
    pages = editor.page_list
    assert pages.count() == len(PAGE_KEYS)
    for row in range(pages.count()):  # no page hides behind scroll arrows
        assert pages.visualItemRect(pages.item(row)).bottom() < pages.viewport().height()
    findings = window.tracker.findings(editor.system_id)
    gaps = Counter(f.page for f in findings if f.severity != Level.INFO)
    system = window.document.plan.systems[editor.system_id]
    if roles_waiting(window.document.plan, system):  # the page says "Still to sign: ..."
        gaps["signoff"] += 1
    for row, key in enumerate(PAGE_KEYS):
        text = pages.item(row).text()
        title = editor.pages[key].title
        assert text.startswith(title)
        if gaps[key]:
            assert text.endswith(f"({gaps[key]})"), text
        else:
            assert text == title
    row = PAGE_KEYS.index("escalation")
    rect = pages.visualItemRect(pages.item(row))
    qtbot.mouseClick(pages.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_page() == "escalation"


def test_the_window_fits_a_laptop_screen_with_long_names(window: Any) -> None:
    from test_long_names import LONG

    from planner.operations import update_entity

    person = next(iter(window.document.plan.people.values()))
    window.document.run(
        update_entity, kind_name="person", entity_id=person.id, values={"name": LONG}
    )
    for key in PAGE_KEYS:
        window.editor.show_page(key)
        QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1280


def test_multi_line_fields_grow_with_their_text(open_editor: Any, qtbot: Any) -> None:
    editor = open_editor("Claims Triage", "overview")
    purpose = editor.pages["overview"].form.fields["purpose"].widget
    line = purpose.fontMetrics().lineSpacing()
    purpose.setFocus()
    purpose.selectAll()
    qtbot.keyClicks(purpose, "one")
    short = purpose.height()
    for number in range(2, 9):
        qtbot.keyClick(purpose, Qt.Key.Key_Return)
        qtbot.keyClicks(purpose, f"line {number}")
    QApplication.processEvents()
    assert purpose.height() >= short + 5 * line
    assert not purpose.verticalScrollBar().isVisible()


def test_readiness_shows_as_a_bar_and_counted_chips(window: Any) -> None:
    editor = window.editor
    score, _blockers = window.tracker.readiness(editor.system_id)
    findings = window.tracker.findings(editor.system_id)
    blockers = sum(f.severity == Level.BLOCKER for f in findings)
    warnings = sum(f.severity == Level.WARNING for f in findings)
    assert editor.readiness_bar.value() == score
    assert "Readiness" in editor.readiness_bar.text()
    assert editor.blocker_chip.text() == f"{blockers} blocker{'s' * (blockers != 1)}"
    assert editor.warning_chip.text() == f"{warnings} warning{'s' * (warnings != 1)}"

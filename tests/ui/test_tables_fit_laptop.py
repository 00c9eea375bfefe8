"""Tables fit a 1366x768 screen: columns sized from content, nothing scrolls sideways.

The system list showed "Claims Tri…" beside fixed-width number columns, and the Actions,
Monitoring, Governance and Sign-off tables scrolled sideways (Owner and Metric cut).
"""

from __future__ import annotations

from typing import Any

import pytest
from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.store.plan_loader import load_plan
from planner.ui.models.system_list_model import NAME
from planner.ui.widgets.entity_table_panel import STRETCH_MINIMUM

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]

LAPTOP = (1366, 768)
FULL_HD = (1920, 1080)


def _open(window: Any, size: tuple[int, int], system: str, key: str) -> Any:
    window.resize(*size)
    window.navigator.select_system(window.document.plan.system_named(system).id)
    window.editor.show_page(key)
    QApplication.processEvents()
    return window.editor.pages[key]


def _assert_fits(panel: Any) -> None:
    view = panel.view
    header = view.horizontalHeader()
    QApplication.processEvents()
    assert view.horizontalScrollBar().maximum() == 0, (
        panel.kind_name,
        header.length(),
        view.viewport().width(),
    )
    shown = [c for c in range(panel.model.columnCount()) if not view.isColumnHidden(c)]
    # Every header can be read whole, and the long-text column has room for words.
    for column in shown:
        title = panel.model.headerData(column, Qt.Orientation.Horizontal)
        needed = view.fontMetrics().horizontalAdvance(title)
        assert view.columnWidth(column) >= needed, (panel.kind_name, title)
    stretch = panel.model.column_of(panel.stretch_field)
    assert view.columnWidth(stretch) >= 100, (panel.kind_name, view.columnWidth(stretch))


PANELS = [
    ("overview", "sources", "Claims Triage"),
    ("support", "tiers", "Claims Triage"),
    ("escalation", "levels", "Claims Triage"),
    ("documentation", "documents", "Claims Triage"),
    ("governance", "criteria", "Claims Triage"),
    ("governance", "baselines", "Claims Triage"),
    ("actions", "action_items", "Claims Triage"),
    ("monitoring", "signals", "Claims Triage"),
    ("monitoring", "review_rules", "Colleague Copilot"),
    ("governance", "controls", "Claims Triage"),
    ("signoff", "sign_offs", "Claims Triage"),  # empty: no sign-off yet
    ("signoff", "sign_offs", "Invoice Capture"),  # signed and locked
]


@pytest.mark.parametrize("size", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize(("key", "name", "system"), PANELS)
def test_tables_do_not_scroll_sideways(
    window: Any, size: tuple[int, int], key: str, name: str, system: str
) -> None:
    page = _open(window, size, system, key)
    panel = getattr(page, name)
    if key == "governance":
        page.show_section(panel)
        QApplication.processEvents()
    # The page itself does not scroll sideways either.
    scroller = window.editor.stack.currentWidget()
    assert scroller.horizontalScrollBar().maximum() == 0, (key, page.minimumSizeHint().width())
    _assert_fits(panel)


def test_an_empty_sign_off_table_has_no_horizontal_scroll_bar(window: Any) -> None:
    page = _open(window, LAPTOP, "Claims Triage", "signoff")
    panel = page.sign_offs
    assert panel.model.rowCount() == 0
    QApplication.processEvents()
    assert not panel.view.horizontalScrollBar().isVisible()
    assert panel.details.isHidden()  # no row to select, so no "select a sign-off" hint


@pytest.mark.parametrize("size", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_system_names_are_not_cut_in_the_system_list(window: Any, size: tuple[int, int]) -> None:
    window.resize(*size)
    QApplication.processEvents()
    view = window.navigator.view
    assert view.horizontalScrollBar().maximum() == 0
    metrics = view.fontMetrics()
    for row in range(window.navigator.model.rowCount()):
        name = window.navigator.model.index(row, NAME).data()
        # The text plus the cell's margins (about 3 px a side in Fusion).
        assert view.columnWidth(NAME) >= metrics.horizontalAdvance(name) + 8, name


def test_a_signals_details_are_edited_under_the_table(window: Any, qtbot: Any) -> None:
    """The columns that do not fit beside the metric are shown for the selected row."""
    page = _open(window, LAPTOP, "Claims Triage", "monitoring")
    panel = page.signals
    details = panel.details
    assert not details.isHidden()
    # Nothing selected: the box says how to see them.
    assert not details.form.isVisible()
    assert "Select a" in details.hint.text()
    signal = window.document.plan.system_named("Claims Triage").signals[0]
    assert panel.select_entity(signal.id)
    QApplication.processEvents()
    threshold = details.form.fields["threshold"].widget
    assert threshold.isVisible()
    assert threshold.toPlainText() == signal.threshold  # a sentence: a multi-line field
    assert panel.view.isColumnHidden(panel.model.column_of("threshold"))
    threshold.setFocus()
    threshold.selectAll()
    qtbot.keyClicks(threshold, "PSI above 0.3 for two days")
    qtbot.keyClick(threshold, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = load_plan(window.document.ws).systems[signal.system_id]
    assert stored.signals[0].threshold == "PSI above 0.3 for two days"
    # The form follows the refreshed row (its new version), so a second edit is stored too.
    team = next(iter(window.document.plan.teams.values()))
    combo = details.form.fields["alert_team_id"].widget
    combo.setCurrentIndex(combo.findText(team.name))
    combo.activated.emit(combo.currentIndex())
    stored = load_plan(window.document.ws).systems[signal.system_id]
    assert stored.signals[0].alert_team_id == team.id
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    QApplication.processEvents()
    assert threshold.toPlainText() == signal.threshold


def test_the_escalation_page_fits_with_its_level_details(window: Any) -> None:
    """The level's details sit under its buttons, and the page still needs no scrolling."""
    page = _open(window, LAPTOP, "Claims Triage", "escalation")
    details = page.levels.details
    assert details is not None
    assert details.parent() is page
    assert details.form.isVisible()  # the first level is selected when the page opens
    scroller = window.editor.stack.currentWidget()
    assert scroller.verticalScrollBar().maximum() == 0
    buttons = page.add_level_button.mapTo(page, page.add_level_button.rect().topLeft())
    assert buttons.y() < details.mapTo(page, details.rect().topLeft()).y()


@pytest.mark.parametrize("size", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_the_people_table_fits_when_the_directory_is_opened(
    window: Any, size: tuple[int, int]
) -> None:
    """The directory's tables are sized while hidden behind the systems: they fit when
    shown, the names taking only the width the other columns leave."""
    window.resize(*size)
    window.navigator.select_system(window.document.plan.system_named("Claims Triage").id)
    QApplication.processEvents()
    window.show_directory()
    QApplication.processEvents()
    panel = window.directory.people
    view = panel.view
    _assert_fits(panel)
    stretch = panel.model.column_of("name")
    cut = [
        c
        for c in range(panel.model.columnCount())
        if c != stretch and view.columnWidth(c) < view.sizeHintForColumn(c)
    ]
    if cut:  # the names take no more than their share while other columns are cut
        assert (
            view.columnWidth(stretch)
            <= max(view.horizontalHeader().sectionSizeHint(stretch), STRETCH_MINIMUM) + 2
        ), (view.columnWidth(stretch), cut)

"""Signing a plan off and the Governance, Monitoring and Retraining pages fit a 1366x768 screen."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_pages_plan_forms import sign

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]

LAPTOP = 1366


def test_signing_off_with_an_override_keeps_the_window_within_a_laptop_screen(
    window: Any, qtbot: Any
) -> None:
    window.resize(LAPTOP, 768)
    system = window.document.plan.system_named("Claims Triage")
    window.editor.set_system(system.id)
    window.editor.show_page("signoff")
    page = window.editor.pages["signoff"]
    person = next(p for p in window.document.plan.people.values() if p.active)
    *first, last = page.required_roles()
    for role in first:
        sign(qtbot, page, role.value, person.name)
    reason = "Accepted by the board for the quarter; the gaps are tracked in ticket OPS-1234 " * 3
    sign(qtbot, page, last.value, person.name, override=reason)
    QApplication.processEvents()
    assert window.document.plan.system_named("Claims Triage").system.locked
    assert reason.strip() in page.blockers_label.text()
    assert window.minimumSizeHint().width() <= LAPTOP
    assert window.minimumWidth() <= LAPTOP
    assert window.width() <= LAPTOP


def _open_page(window: Any, key: str) -> Any:
    window.resize(LAPTOP, 768)
    window.editor.set_system(window.document.plan.system_named("Claims Triage").id)
    window.editor.show_page(key)
    QApplication.processEvents()
    return window.editor.pages[key]


def _assert_fits(window: Any, page: Any, widgets: list[Any], min_width: int = 250) -> None:
    """Each widget is usable and wholly on screen once the page is scrolled to it."""
    from PySide6.QtCore import QPoint

    scroller = window.editor.stack.currentWidget()
    assert scroller.widget() is page
    QApplication.processEvents()
    # Nothing hides off the right edge.
    viewport = scroller.viewport()
    assert scroller.horizontalScrollBar().maximum() == 0, (page.width(), viewport.width())
    for widget in widgets:
        scroller.ensureWidgetVisible(widget)
        QApplication.processEvents()
        name = widget.objectName() or widget.text()
        assert widget.isVisible(), name
        assert widget.width() >= min_width, (name, widget.width())
        left = widget.mapTo(viewport, QPoint(0, 0))
        right = widget.mapTo(viewport, QPoint(widget.width() - 1, widget.height() - 1))
        assert viewport.rect().contains(left), name
        assert viewport.rect().contains(right), name


def test_governance_operating_fields_are_wide_enough_at_1366x768(window: Any) -> None:
    page = _open_page(window, "governance")
    page.show_section(page.operating)
    QApplication.processEvents()
    form = page.operating
    fields = [form.fields[name].widget for name in form.fields if name != "log_retention_days"]
    assert len(fields) == 3
    _assert_fits(window, page, fields, min_width=300)
    days = form.fields["log_retention_days"].widget
    _assert_fits(window, page, [days], min_width=60)
    # The controls table is not squeezed: it shows several rows without scrolling.
    page.show_section(page.controls)
    QApplication.processEvents()
    view = page.controls.view
    assert view.viewport().height() >= 4 * view.verticalHeader().defaultSectionSize()


def test_governance_sections_fit_a_laptop_screen_one_at_a_time(window: Any, qtbot: Any) -> None:
    """At 1366x768 the page needs no scrolling: its four sections open one at a time."""
    page = _open_page(window, "governance")
    scroller = window.editor.stack.currentWidget()
    sections = page.sections
    assert sections.count() == 4
    for index in range(sections.count()):
        sections.setCurrentIndex(index)
        QApplication.processEvents()
        assert scroller.verticalScrollBar().maximum() == 0, sections.itemText(index)
    system = window.document.plan.system_named("Claims Triage")
    # Every table shows all of its rows at once.
    for panel, rows in (
        (page.controls, system.controls),
        (page.criteria, system.criteria),
        (page.baselines, system.baselines),
    ):
        page.show_section(panel)
        QApplication.processEvents()
        assert panel.view.verticalScrollBar().maximum() == 0, panel.kind_name
        assert f"({len(rows)})" in sections.itemText(sections.currentIndex())
    # A finding about a criterion opens its section and selects its row.
    page.show_section(page.controls)
    criterion = system.criteria[-1]
    window.editor.show_entity("readiness_criterion", criterion.id)
    assert sections.currentWidget() is page.criteria
    assert page.criteria.current_id() == criterion.id
    # Alt+B opens the baselines, as its header's mnemonic says.
    qtbot.keyClick(page, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: sections.currentWidget() is page.baselines)


def test_monitoring_oversight_fields_fit_at_1366x768(window: Any) -> None:
    page = _open_page(window, "monitoring")
    form = page.oversight
    people = [form.fields[name].widget for name in ("overseer_id", "overseer_training")]
    _assert_fits(window, page, people)
    _assert_fits(window, page, [form.fields["overseer_can_stop"].widget], min_width=0)


def test_retraining_fields_and_buttons_fit_at_1366x768(window: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton

    page = _open_page(window, "retraining")
    assert page.form.isVisible()
    widgets = [page.form.fields[name].widget for name in page.form.fields]
    _assert_fits(window, page, widgets, min_width=200)
    buttons = [b for b in page.form.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons
    _assert_fits(window, page, buttons, min_width=0)


def test_overview_fields_and_date_buttons_fit_at_1366x768(window: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton

    page = _open_page(window, "overview")
    prose = [page.form.fields[name].widget for name in page.form.fields]
    _assert_fits(window, page, prose, min_width=300)
    go_live = page.facts.fields["go_live"].widget
    buttons = [b for b in go_live.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons
    _assert_fits(window, page, [go_live, *buttons], min_width=0)


def _headers(sections: Any) -> list[Any]:
    from PySide6.QtWidgets import QAbstractButton

    buttons = [
        b
        for b in sections.findChildren(QAbstractButton)
        if b.objectName() == "qt_toolbox_toolboxbutton"
    ]
    return sorted(buttons, key=lambda b: b.y())


def test_governance_sections_show_an_arrow_and_open_from_the_keyboard(
    window: Any, qtbot: Any
) -> None:
    """The headers looked like tabs with nothing saying they open and close."""
    from planner.ui.widgets.icons import themed_icon

    def image(icon: Any) -> Any:
        return icon.pixmap(16, 16).toImage()

    page = _open_page(window, "governance")
    sections = page.sections
    opened, closed = image(themed_icon("chevron-down")), image(themed_icon("chevron-right"))
    headers = _headers(sections)
    assert len(headers) == sections.count() == 4

    def assert_arrows(current: int) -> None:
        for index in range(sections.count()):
            arrow = opened if index == current else closed
            assert image(sections.itemIcon(index)) == arrow, index
            state = "expanded" if index == current else "collapsed"
            assert headers[index].accessibleDescription() == state

    assert_arrows(sections.currentIndex())
    # Tab reaches a header; Space (or Enter) opens its section.
    headers[2].setFocus()
    assert headers[2].hasFocus()
    qtbot.keyClick(headers[2], Qt.Key.Key_Space)
    assert sections.currentIndex() == 2
    assert_arrows(2)
    qtbot.keyClick(headers[1], Qt.Key.Key_Return)
    assert sections.currentIndex() == 1
    assert_arrows(1)


def test_tab_walks_the_governance_headers_and_shows_which_has_focus(
    window: Any, qtbot: Any
) -> None:
    """Qt draws no focus frame on these headers: the focused one is shown in bold. The
    box's own scroll areas are no Tab stop, so Tab goes from header to header."""
    from PySide6.QtWidgets import QScrollArea

    page = _open_page(window, "governance")
    window.activateWindow()
    qtbot.waitExposed(window)
    headers = _headers(page.sections)
    page.sections.setCurrentIndex(3)  # the operating form: its fields come after the headers
    headers[0].setFocus()
    qtbot.waitUntil(headers[0].hasFocus)
    assert headers[0].font().bold()
    assert not headers[1].font().bold()
    qtbot.keyClick(headers[0], Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert not isinstance(focused, QScrollArea)
    assert focused is headers[1], focused
    assert headers[1].font().bold()
    assert not headers[0].font().bold()

"""Signing a plan off and the Governance, Monitoring and Retraining pages fit a 1366x768 screen."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
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

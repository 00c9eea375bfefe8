"""The Sign-off page guards the lock: undo cannot unlock, Reopen only for a locked plan, counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from test_pages_plan_forms import sign

from planner.store.plan_loader import load_plan
from planner.ui.pages.signoff_page import OverrideDialog, open_blockers

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _signoff_page(window: Any, name: str) -> Any:
    window.navigator.select_system(window.document.plan.system_named(name).id)
    window.editor.show_page("signoff")
    QApplication.processEvents()
    return window.editor.pages["signoff"]


def _locked(window: Any, name: str) -> bool:
    system = window.document.plan.system_named(name)
    return load_plan(window.document.ws, system_ids=[system.id]).systems[system.id].system.locked


def _toolbar_button(window: Any, name: str) -> Any:
    twin = next(a for a in window.toolbar.actions() if a.objectName() == name)
    return window.toolbar.widgetForAction(twin)


def test_undo_of_the_locking_sign_off_is_refused_and_points_to_reopen(
    window: Any, qtbot: Any, boxes: Any
) -> None:
    page = _signoff_page(window, "Claims Triage")
    person = next(p for p in window.document.plan.people.values() if p.active)
    *first, last = page.required_roles()
    for role in first:
        sign(qtbot, page, role.value, person.name)
    sign(qtbot, page, last.value, person.name, override="Accepted by the risk board")
    assert _locked(window, "Claims Triage")
    events = len(window.document.audit_events(limit=1000))

    qtbot.mouseClick(_toolbar_button(window, "toolbar_undo"), Qt.MouseButton.LeftButton)

    assert _locked(window, "Claims Triage")
    assert "Reopen" in window.editor.message_label.text()
    assert not any("Reopen" in text for text in boxes.texts())  # the banner says it once
    assert "locked" in page.status_label.text()
    assert len(window.document.audit_events(limit=1000)) == events
    # The plan is still unlocked the one audited way: Reopen, with a reason.
    qtbot.keyClicks(page.reason_edit, "Signed by the wrong person")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert not _locked(window, "Claims Triage")
    newest = window.document.audit_events(limit=1)[0]
    assert newest.operation == "reopen_system"
    assert "Signed by the wrong person" in str(newest.after)


def test_reopen_is_disabled_with_a_reason_until_the_plan_is_locked(window: Any, qtbot: Any) -> None:
    page = _signoff_page(window, "Claims Triage")
    assert not page.reopen_button.isEnabled()
    assert not page.reason_edit.isEnabled()
    assert "not locked" in page.reopen_button.toolTip()
    person = next(p for p in window.document.plan.people.values() if p.active)
    sign(qtbot, page, page.required_roles()[0].value, person.name)
    assert not page.reopen_button.isEnabled()  # one signature is not a signed-off plan

    locked = _signoff_page(window, "Invoice Capture")  # the demo signs this one off
    assert locked.reopen_button.isEnabled()
    assert "reason" in locked.reopen_button.toolTip()


def test_blocker_counts_are_singular_and_plural(window: Any, qtbot: Any) -> None:
    page = _signoff_page(window, "Claims Triage")  # four blockers in the demo
    assert page.blockers_label.text().startswith("4 blockers open;")
    today = dt.date.today()
    one = next(
        s
        for s in window.document.plan.systems.values()
        if not s.system.locked and len(open_blockers(window.document.plan, s.id, today)) == 1
    )
    page = _signoff_page(window, one.name)
    assert page.blockers_label.text().startswith("1 blocker open;")
    dialog = OverrideDialog(one.name, ["DOC-001 no runbook"], page)
    qtbot.addWidget(dialog)
    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "reports 1 blocker." in intro
    assert "(s)" not in intro


def test_the_override_dialog_takes_the_reason_at_once(qtbot: Any) -> None:
    dialog = OverrideDialog("Claims Triage", ["DOC-001 no runbook"])
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.keyClicks(dialog.focusWidget(), "Accepted")
    assert dialog.reason() == "Accepted"
    assert dialog.ok_button.isEnabled()

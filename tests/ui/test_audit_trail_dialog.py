"""The audit-trail window closes like any window and shows what a person reads."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from planner.domain.wording import in_running_text
from planner.operations import sign_off

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _open_trail(qtbot: Any, window: Any) -> Any:
    window.audit_action.trigger()
    dialog = next(
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "audit_trail_dialog" and w.isVisible()
    )
    qtbot.waitExposed(dialog)
    return dialog


def test_the_close_button_closes_the_audit_trail(qtbot: Any, window: Any) -> None:
    dialog = _open_trail(qtbot, window)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None
    assert close.isVisible()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_esc_closes_the_audit_trail_wherever_the_focus_is(qtbot: Any, window: Any) -> None:
    for focus in ("view", "system_box", "dates_box"):
        dialog = _open_trail(qtbot, window)
        widget = getattr(dialog, focus)
        dialog.activateWindow()
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())


def test_a_locking_sign_off_reads_who_what_and_when_without_bookkeeping(
    qtbot: Any, window: Any
) -> None:
    plan = window.document.plan
    system = plan.system_named("Claims Triage")
    person = next(p for p in plan.people.values() if p.active)
    *first, last = plan.info.required_signoff_roles
    for role in first:
        window.document.run(
            sign_off, system_id=system.id, role=role, person_id=person.id,
            signed_on=__import__("datetime").date(2026, 11, 1),
        )  # fmt: skip
    window.document.run(
        sign_off,
        system_id=system.id,
        role=last,
        person_id=person.id,
        signed_on=__import__("datetime").date(2026, 11, 1),
        open_blockers=["DOC-001 no runbook"],
        override_reason="Accepted by the board",
    )
    dialog = _open_trail(qtbot, window)
    model = dialog.model
    # What was signed off: the system in a role, not the person ("Sign off 'Ana'").
    role = in_running_text(last.label)
    assert model.index(0, 3).data() == f"Sign off and lock 'Claims Triage' as {role}"
    assert model.index(1, 3).data().startswith("Sign off 'Claims Triage' as ")
    changes = model.index(0, 4).data()
    lines = changes.splitlines()
    shown = " ".join(lines)
    for internal in ("Seal", "Signed seq", "Signed hash", person.id):
        assert internal not in shown, (internal, lines)
    # Each fact once: the signer by name, not also by id.
    assert [line for line in lines if line.startswith("Person")] == [f"Person: — → {person.name}"]
    assert "Override reason: — → Accepted by the board" in lines
    assert "Locked: — → yes" in lines
    assert any(line.startswith("Sign offs: ") and person.name in line for line in lines)
    dialog.close()


def test_an_undo_reads_as_the_step_it_undid_not_its_sequence_number(
    qtbot: Any, window: Any
) -> None:
    from planner.operations import update_entity

    system = window.document.plan.system_named("Claims Triage")
    window.document.run(
        update_entity, kind_name="system", entity_id=system.id, values={"purpose": "Triage"}
    )
    window.document.undo()
    dialog = _open_trail(qtbot, window)
    when, who, where, what, changes = (dialog.model.index(0, c).data() for c in range(5))
    assert (where, what, changes) == ("Claims Triage", "Undo: edit AI system", "")
    dialog.close()

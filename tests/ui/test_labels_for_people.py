"""Every label a user reads is written for people: no field names, plurals right."""

from __future__ import annotations

import datetime as dt

from planner.analysis import analyse
from planner.analysis.report import report_text
from planner.domain.enums import ControlKind, LifecycleStage
from planner.operations import update_entity
from planner.store.plan_loader import load_plan
from planner.ui.widgets.entity_table_panel import EntityTablePanel


def test_undo_names_the_field_not_the_column(document):
    system = document.plan.system_named("Claims Triage")
    retraining = system.retraining
    person = next(p for p in document.plan.people.values() if p.id != retraining.approver_id)
    document.run(
        update_entity,
        kind_name="retraining_plan",
        entity_id=retraining.id,
        values={"approver_id": person.id},
    )
    text = document.undo_stack.undoText()
    assert text.startswith("Edit approver of retraining plan"), text
    assert " id" not in text


def test_an_empty_people_table_says_people(document, qtbot):
    panel = EntityTablePanel(document, "person", [], parent=None)
    qtbot.addWidget(panel)
    assert panel.empty_label.text().startswith("No people yet:")


def test_sign_off_roles_keep_their_acronyms(open_editor):
    editor = open_editor("Claims Triage", "signoff")
    text = " ".join(editor.pages["signoff"].missing())
    assert "it operations" not in text


def test_no_control_control_and_stages_by_label(demo_ws):
    plan = load_plan(demo_ws)
    analysis = analyse(plan, today=dt.date(2026, 12, 6))
    messages = [f.message for r in analysis.systems.values() for f in r.findings]
    assert not any("control control" in m for m in messages)
    assert any(ControlKind.MODEL_CHANGE_CONTROL.label.lower() in m for m in messages)
    report = report_text(analysis)
    for stage in LifecycleStage:
        assert f"[{stage.value}]" not in report or stage.value == stage.label


def test_every_empty_table_says_what_to_add_and_why(open_editor, document):
    from planner.ui.widgets.entity_table_panel import EMPTY_TEXTS

    editor = open_editor("Claims Triage")
    for page in editor.pages.values():
        for panel in page.panels:
            if panel.empty_label.text() in {"Nobody has signed this plan yet."}:
                continue
            assert panel.kind_name in EMPTY_TEXTS, panel.kind_name
            assert ":" in panel.empty_label.text()

"""What a reviewer, an auditor and whoever is on call need printed: the fallback procedure,
the system's facts and oversight, sign-off overrides, the standards and the chain anchor."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import DATE, HOSTILE, render
from pypdf import PdfReader

SYSTEM = "Claims Triage"
FALLBACK = "Switch scoring off in Settings > Routing > Manual & call the desk <now>"


def text_of(data: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces folded to one space."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", " ".join(pages))


def _copy(demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.handover"
    shutil.copy(demo_path, path)
    return path


def _system_id(path: Path, name: str = SYSTEM) -> str:
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(path, read_only=True, actor="tester") as ws:
        system = load_plan(ws).system_named(name)
    assert system is not None
    return system.id


def _update_system(path: Path, **values: Any) -> None:
    from planner.operations import update_entity
    from planner.store.workspace import open_workspace

    system_id = _system_id(path)
    with open_workspace(path, actor="tester") as ws:
        update_entity(ws, kind_name="system", entity_id=system_id, values=values)


# --- 1. the fallback procedure ------------------------------------------------------------


def test_the_card_prints_the_fallback_procedure_under_its_own_heading(
    demo_path: Path, tmp_path: Path
) -> None:
    path = _copy(demo_path, tmp_path)
    _update_system(path, fallback_procedure=FALLBACK)
    data, _ = render(path, kind="oncall", systems=[SYSTEM])
    text = text_of(data)
    assert f"If the AI must be switched off {FALLBACK}" in text
    # Before the runbook: right after who to call, the first thing a card is read for.
    assert text.index("If the AI must be switched off") < text.index("Runbook")
    pack = text_of(render(path, systems=[SYSTEM])[0])
    assert FALLBACK in pack


@pytest.mark.parametrize(
    ("stage", "flagged"), [("production", True), ("limited_rollout", True), ("pilot", False)]
)
def test_a_live_system_without_a_fallback_is_not_ready(
    demo_path: Path, tmp_path: Path, stage: str, flagged: bool
) -> None:
    path = _copy(demo_path, tmp_path)
    _update_system(path, fallback_procedure="  ", stage=stage)
    text = text_of(render(path, kind="oncall", systems=[SYSTEM])[0])
    assert "No fallback procedure recorded." in text
    band = text.split("If the AI must be switched off")[0]
    assert ("fallback procedure" in band and "NOT READY" in band) is flagged


# --- 2. the reviewer's facts and oversight ------------------------------------------------


def test_the_pack_prints_the_reviewers_facts_and_oversight(demo_path: Path, demo_plan: Any) -> None:
    system = demo_plan.system_named(SYSTEM)
    row = system.system
    text = text_of(render(demo_path, systems=[SYSTEM])[0])
    yes_no = {True: "Yes", False: "No"}
    assert f"Processes personal data {yes_no[row.processes_personal_data]}" in text
    assert f"Customer-facing {yes_no[row.customer_facing]}" in text
    assert f"Log retention {row.log_retention_days} days" in text
    assert f"Overseer {demo_plan.name_of(person_id=row.overseer_id)}" in text
    assert row.overseer_training in text
    assert "Can override and stop Yes" in text
    assert row.decommissioning_plan[:60] in text


def test_empty_review_facts_read_not_recorded_and_user_text_stays_text(
    demo_path: Path, tmp_path: Path
) -> None:
    path = _copy(demo_path, tmp_path)
    _update_system(
        path,
        transparency_notice="",
        log_retention_days=None,
        overseer_id=None,
        overseer_training="",
        overseer_can_stop=False,
        decommissioning_plan=HOSTILE,
        fallback_procedure="",
    )
    text = text_of(render(path, systems=[SYSTEM])[0])
    assert "Transparency notice Not recorded" in text
    assert "Log retention Not recorded" in text
    assert "Overseer Not recorded" in text
    assert "Overseer's training Not recorded" in text
    assert "No: cannot override or stop the system" in text
    assert "switched off) Not recorded" in text
    assert "<b>not bold</b>" in text  # markup in user text is printed, not obeyed
    assert "<font color=" in text


# --- 3. sign-off overrides ----------------------------------------------------------------


def test_a_sign_off_over_open_blockers_prints_its_reason(demo_path: Path, tmp_path: Path) -> None:
    from planner.operations.signoff import sign_off
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    path = _copy(demo_path, tmp_path)
    system_id = _system_id(path)
    reason = "Regulator deadline <Friday> & the DPIA is booked"
    with open_workspace(path, actor="tester") as ws:
        plan = load_plan(ws)
        roles = list(plan.info.required_signoff_roles)
        people = [p.id for p in plan.people.values() if p.active][: len(roles)]
        for index, (role, person) in enumerate(zip(roles, people, strict=True)):
            last = index == len(roles) - 1
            sign_off(
                ws,
                system_id=system_id,
                role=role,
                person_id=person,
                signed_on=DATE,
                comment="Agreed",
                open_blockers=["DOC-001 no DPIA"] if last else (),
                override_reason=reason if last else "",
            )
    text = text_of(render(path, systems=[SYSTEM])[0])
    assert f"Signed over open blockers: {reason}" in text
    assert text.count("Signed over open blockers:") == 1
    assert "1 sign-off given while the plan still had open blockers" in text


# --- 4. the standards ---------------------------------------------------------------------


def test_the_pack_lists_each_standard_item_with_its_status_in_words(
    demo_path: Path, demo_plan: Any
) -> None:
    from planner.analysis import analyse, applicability
    from planner.analysis.crosswalk import Status, frameworks

    system = demo_plan.system_named(SYSTEM)
    analysis = analyse(demo_plan, today=DATE)
    text = text_of(render(demo_path, systems=[SYSTEM], analysis=analysis)[0])
    standards = text[text.index("11. Standards Each item") :]
    words = {Status.MET: "Met", Status.OPEN: "OPEN", Status.NOT_APPLICABLE: "Not applicable"}
    seen = set()
    for key, framework in frameworks().items():
        assert framework.title in standards
        for row in applicability(analysis, system.id, key):
            assert row.item in standards
            seen.add(row.status)
            # The status in words right after the title, then the reason.
            title = re.sub(r"\s+", " ", row.title)
            assert f"{title} {words[row.status]} {row.why[:30]}" in standards, row.item
    assert seen == set(Status)  # the demo shows all three, so all three were checked


def test_a_portfolio_leaves_the_standards_to_each_systems_pack(demo_path: Path) -> None:
    text = text_of(render(demo_path, kind="portfolio")[0])
    assert "Standards" not in text


# --- 5. the audit chain anchor ------------------------------------------------------------


def _head(path: Path) -> str:
    from planner.store.audit_chain import workspace_head
    from planner.store.workspace import open_workspace

    with open_workspace(path, read_only=True, actor="tester") as ws:
        head = workspace_head(ws)
    assert head.seq > 0
    assert len(head.hash) >= 32
    return f"#{head.seq} {head.hash}"


def _anchor(text: str) -> str:
    return text.split("Audit chain head at export ")[1]


def test_the_cli_prints_the_chain_head_on_the_sign_off_page(
    demo_path: Path, tmp_path: Path
) -> None:
    from planner import cli

    target = tmp_path / "pack.pdf"
    args = ["export", "pdf", str(demo_path), "-o", str(target), "--system", SYSTEM]
    assert cli.main(args) == 0
    reader = PdfReader(target)
    last = re.sub(r"\s+", " ", reader.pages[-1].extract_text())
    assert _anchor(last).startswith(f"{_head(demo_path)} (keep this to prove later")
    assert "handover-planner audit-head FILE" in last


def test_the_gui_export_prints_the_chain_head(demo_path: Path, tmp_path: Path, qtbot: Any) -> None:
    from planner.store.workspace import open_workspace
    from planner.ui.dialogs.export_pdf_dialog import make_export_work
    from planner.ui.workspace_document import WorkspaceDocument

    class Control:
        def progress(self, *_args: object) -> None:
            pass

    path = _copy(demo_path, tmp_path)
    target = tmp_path / "gui.pdf"
    with open_workspace(path, actor="tester") as ws:
        document = WorkspaceDocument(ws)
        system_ids = [_system_id(path)]
        work = make_export_work(
            document, None, kind="pack", system_ids=system_ids, target=target, today=DATE
        )
        work(Control())
    text = text_of(target.read_bytes())
    assert _anchor(text).startswith(f"{_head(path)} (keep this")


def test_without_a_chain_head_the_pack_prints_no_anchor(demo_path: Path) -> None:
    text = text_of(render(demo_path, systems=[SYSTEM])[0])
    assert "Audit chain head" not in text

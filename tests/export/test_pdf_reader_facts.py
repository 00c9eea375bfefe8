"""What the packs' readers asked for: go / no-go on the cover, what the severities mean,
hours with their time zone, resolution targets, when a case moves up, dashboards, team
numbers and deputies' phones, and current values next to baselines."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import ARABIC, DEVANAGARI, render
from pypdf import PdfReader

from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS

READY = "Invoice Capture"  # the demo's complete, signed system
BLOCKED = "Help Centre Assistant"  # the demo's 24x7 system with blockers
CLAIMS = "Claims Triage"


def pages_of(data: bytes) -> list[str]:
    """Each page's text, runs of white space folded to one space."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def text_of(data: bytes) -> str:
    return " ".join(pages_of(data))


def _copy(demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.handover"
    shutil.copy(demo_path, path)
    return path


def _plan(path: Path) -> Any:
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(path, read_only=True, actor="tester") as ws:
        return load_plan(ws)


def _update(path: Path, kind: str, entity_id: str, **values: Any) -> None:
    from planner.operations import update_entity
    from planner.store.workspace import open_workspace

    with open_workspace(path, actor="tester") as ws:
        update_entity(ws, kind_name=kind, entity_id=entity_id, values=values)


def _system(path: Path, name: str) -> Any:
    system = _plan(path).system_named(name)
    assert system is not None
    return system


# --- go / no-go ------------------------------------------------------------------------


def test_the_cover_of_a_blocked_system_says_not_ready_and_where_the_blockers_are(
    demo_path: Path,
) -> None:
    from pdf_workspaces import DATE

    from planner.analysis import analyse

    plan = _plan(demo_path)
    system = plan.system_named(BLOCKED)
    blockers = analyse(plan, today=DATE).systems[system.id].blockers
    assert blockers > 0
    pages = pages_of(render(demo_path, systems=[BLOCKED])[0])
    readiness = next(
        number
        for number, page in enumerate(pages, start=1)
        if number > 2 and "3. Readiness" in page
    )
    assert f"NOT ready to go live: {blockers} blockers, listed on page {readiness}" in pages[0]
    assert "Ready to go live" not in pages[0]


def test_the_cover_of_a_clean_system_says_ready(demo_path: Path) -> None:
    cover = pages_of(render(demo_path, systems=[READY])[0])[0]
    assert "Ready to go live: no blockers" in cover
    assert "NOT ready" not in cover


def test_without_an_analysis_the_cover_does_not_claim_readiness(demo_path: Path) -> None:
    cover = pages_of(render(demo_path, systems=[READY], analysis=None)[0])[0]
    assert "Go-live readiness not checked for this export" in cover
    assert "Ready to go live" not in cover


def test_a_retired_system_is_not_called_ready_or_not_ready(demo_path: Path, tmp_path: Path) -> None:
    path = _copy(demo_path, tmp_path)
    _update(path, "system", _system(path, BLOCKED).id, stage="retired")
    cover = pages_of(render(path, systems=[BLOCKED])[0])[0]
    assert "Retired: not checked for going live" in cover
    assert "ready to go live" not in cover.lower()


def test_every_chapter_of_the_portfolio_carries_its_go_live_statement(demo_path: Path) -> None:
    text = text_of(render(demo_path, kind="portfolio")[0])
    assert text.count("Ready to go live: no blockers") >= 1
    assert len(re.findall(r"NOT ready to go live: \d+ blockers?, listed on page \d+", text)) >= 4


# --- severities ---------------------------------------------------------------------------


def test_the_default_severity_meanings_print_on_the_card_and_in_the_pack(
    demo_path: Path,
) -> None:
    card = text_of(render(demo_path, kind="oncall", systems=[CLAIMS])[0])
    pack = text_of(render(demo_path, systems=[CLAIMS])[0])
    assert "What the severities mean" in card
    for severity, meaning in DEFAULT_SEVERITY_DEFINITIONS.items():
        if any(c.chain.severity == severity for c in _system(demo_path, CLAIMS).chains):
            assert meaning in card
            assert meaning in pack


def test_a_workspace_s_own_severity_meaning_prints_in_any_script(
    demo_path: Path, tmp_path: Path
) -> None:
    path = _copy(demo_path, tmp_path)
    info = _plan(path).info
    meaning = f"{ARABIC} · {DEVANAGARI} · The whole service is down & <b>unsafe</b>"
    _update(path, "workspace_info", info.id, sev1_definition=meaning)
    data, _ = render(path, kind="oncall", systems=[CLAIMS])
    text = text_of(data)
    assert "The whole service is down & <b>unsafe</b>" in text
    assert DEFAULT_SEVERITY_DEFINITIONS[min(DEFAULT_SEVERITY_DEFINITIONS)] not in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Arabic" in name for name in fonts)
    assert any("Devanagari" in name for name in fonts)


def test_a_blank_severity_meaning_prints_the_default(demo_path: Path, tmp_path: Path) -> None:
    path = _copy(demo_path, tmp_path)
    _update(path, "workspace_info", _plan(path).info.id, sev2_definition="")
    from planner.domain.enums import Severity

    pack = text_of(render(path, systems=[CLAIMS])[0])
    assert DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV2] in pack


# --- support tiers ------------------------------------------------------------------------


def test_hours_carry_their_time_zone_or_say_it_is_missing(demo_path: Path, tmp_path: Path) -> None:
    path = _copy(demo_path, tmp_path)
    tier = next(
        t for t in _system(path, CLAIMS).support_tiers if t.hours and t.hours.value != "24x7"
    )
    _update(path, "support_tier", tier.id, timezone="")
    card = text_of(render(path, kind="oncall", systems=[CLAIMS])[0])
    pack = text_of(render(path, systems=[CLAIMS])[0])
    label = tier.hours.label
    for text in (card, pack):
        assert f"{label} (time zone not recorded)" in text
        assert "(Europe/London)" in text  # the other tiers keep theirs


def test_resolution_targets_and_move_up_rules_print(demo_path: Path, tmp_path: Path) -> None:
    path = _copy(demo_path, tmp_path)
    first = _system(path, CLAIMS).support_tiers[0]
    _update(
        path,
        "support_tier",
        first.id,
        resolution_minutes=375,
        escalate_when="Three users report the same wrong score",
    )
    pack = text_of(render(path, systems=[CLAIMS])[0])
    card = text_of(render(path, kind="oncall", systems=[CLAIMS])[0])
    for text in (pack, card):
        assert "Resolve within" in text
        assert "6 h 15 min" in text
        assert "Three users report the same wrong score" in text
    assert "When a case moves up a tier" in pack


# --- dashboards, teams, deputies, baselines ---------------------------------------------


def test_dashboards_print_on_the_card_and_in_the_pack(demo_path: Path) -> None:
    card = text_of(render(demo_path, kind="oncall", systems=[CLAIMS])[0])
    pack = text_of(render(demo_path, systems=[CLAIMS])[0])
    for text in (card, pack):
        assert "https://grafana.meridian.example/d/claims-triage" in text
    missing = text_of(render(demo_path, kind="oncall", systems=[BLOCKED])[0])
    assert "Where the dashboards are is not recorded." in missing


def test_the_card_lists_the_teams_numbers_and_the_deputies_phones(demo_path: Path) -> None:
    plan = _plan(demo_path)
    system = plan.system_named(CLAIMS)
    card = text_of(render(demo_path, kind="oncall", systems=[CLAIMS])[0])
    teams = {t.team_id for t in system.support_tiers if t.team_id}
    assert teams
    for team_id in teams:
        team = plan.teams[team_id]
        assert team.phone
        assert f"{team.name} {team.phone}" in card
    named = [
        plan.people[t.person_id]
        for chain in system.chains
        for level in chain.levels
        for t in level.targets
        if t.person_id
    ]
    person = next(p for p in named if p.deputy_id)
    deputy = plan.people[person.deputy_id]
    assert f"{deputy.name} ({deputy.phone})" in card


def test_a_baseline_without_a_current_value_says_not_measured_yet(demo_path: Path) -> None:
    system = _system(demo_path, BLOCKED)
    assert any(b.current_value is None for b in system.baselines)
    pack = text_of(render(demo_path, systems=[BLOCKED])[0])
    assert "Current" in pack
    assert "not measured yet" in pack


@pytest.mark.parametrize("kind", ["pack", "oncall", "portfolio"])
def test_the_new_content_builds_for_every_kind(demo_path: Path, kind: str) -> None:
    systems = [CLAIMS] if kind == "pack" else None
    data, pages = render(demo_path, kind=kind, systems=systems)
    assert data.startswith(b"%PDF")
    assert pages > 0

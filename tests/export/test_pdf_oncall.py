"""On-call cards: legible at any length, honest about what is missing."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import render, text_sizes
from pypdf import PdfReader

SYSTEM = "Claims Triage"
# About 830 characters: well within the 2,000 a level's note may hold.
LONG_NOTE = (
    "Call the duty manager first and read out the incident number; if the line is busy, "
    "leave a voicemail with the customer impact, the time the alerts started and the "
    "runbook step you have reached. Do not restart the scoring service before the data "
    "team has confirmed that the nightly load finished, because a restart during the "
    "load corrupts the feature cache and doubles the outage. If the model returns empty "
    "answers for more than ten minutes, switch the queue to manual triage from the admin "
    "console (Settings, Routing, Manual) and tell the service desk to warn callers about "
    "longer waits. Keep a log of every action with times in UTC in the incident channel. "
    "When the vendor is involved, open a priority ticket and ask for the on-call engineer "
    "by name; their contract promises a call back within thirty minutes, day or night."
)
MIN_POINTS = 7.0


@contextmanager
def _demo_copy(
    demo_path: Path, factory: pytest.TempPathFactory, name: str
) -> Iterator[tuple[Path, Any, Any]]:
    """A copy of the demo at a new path, open for writing: (path, workspace, the SYSTEM)."""
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    path = factory.mktemp(name) / f"{name}.handover"
    shutil.copy(demo_path, path)
    with open_workspace(path, actor="tester") as ws:
        system = load_plan(ws).system_named(SYSTEM)
        assert system is not None
        yield path, ws, system


@pytest.fixture(scope="module")
def long_notes(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with every escalation level of one system carrying a long note."""
    from planner.operations import update_entity

    with _demo_copy(demo_path, tmp_path_factory, "long-notes") as (path, ws, system):
        for chain in system.chains:
            for level in chain.levels:
                update_entity(
                    ws,
                    kind_name="escalation_level",
                    entity_id=level.level.id,
                    values={"note": LONG_NOTE},
                )
    return path


def test_a_long_card_flows_onto_a_continued_page_and_never_shrinks(long_notes: Path) -> None:
    from pypdf import PdfReader

    data, pages = render(long_notes, kind="oncall", systems=[SYSTEM])
    small = [(size, text[:30], page) for size, text, page in text_sizes(data) if size < MIN_POINTS]
    assert not small
    assert pages >= 2
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    assert "continued" in texts[1]
    assert "continued" not in texts[0]
    # The first level starts under its heading; the heading is not left alone on page one.
    assert "Who to call" in texts[0]
    assert "1 · after 0 min" in texts[0].replace("\xa0", " ")
    assert sum(t.count("incident number") for t in texts) >= 3  # every level's note printed


@pytest.mark.parametrize("kind", ["pack", "portfolio", "oncall"])
def test_no_text_in_any_pdf_is_below_7_points(demo_path: Path, kind: str) -> None:
    systems = [SYSTEM] if kind == "pack" else None
    data, _ = render(demo_path, kind=kind, systems=systems)
    sizes = text_sizes(data)
    assert sizes  # the scanner found text at all
    small = [(size, text[:30], page) for size, text, page in sizes if size < MIN_POINTS]
    assert not small


def test_the_size_scanner_sees_shrunk_text() -> None:
    """The scanner itself: text drawn at 10 pt on a canvas scaled by 0.2 is 2 pt."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(100, 700, "normal")
    canvas.scale(0.2, 0.2)
    canvas.drawString(100, 700, "tiny")
    canvas.save()
    sizes = {text.strip(): size for size, text, _ in text_sizes(buffer.getvalue())}
    assert sizes["normal"] == pytest.approx(10)
    assert sizes["tiny"] == pytest.approx(2)


@pytest.fixture(scope="module")
def gappy(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Claims Triage, made 24x7, with an L1 of business hours, a phone tier without a
    number, a SEV1 level naming nobody and a contact without a phone."""
    from planner.domain.enums import Severity, SupportLevel
    from planner.operations import add_escalation_level, update_entity

    with _demo_copy(demo_path, tmp_path_factory, "gappy") as (path, ws, system):
        always = {"hours_required": "24x7"}
        update_entity(ws, kind_name="system", entity_id=system.id, values=always)
        for tier in system.support_tiers:
            values = {"hours": "business_hours"} if tier.level == SupportLevel.L1 else {}
            if tier.level == SupportLevel.L2:
                values = {"channel": "phone", "address": ""}
            if values:
                update_entity(ws, kind_name="support_tier", entity_id=tier.id, values=values)
        sev1 = next(c for c in system.chains if c.chain.severity == Severity.SEV1)
        add_escalation_level(ws, chain_id=sev1.chain.id, delay_minutes=90, note="nobody here")
        first = sev1.levels[0].targets[0]
        if first.person_id is not None:
            update_entity(ws, kind_name="person", entity_id=first.person_id, values={"phone": ""})
    return path


def test_a_card_that_cannot_reach_anyone_says_not_ready_and_why(gappy: Path) -> None:
    data, _ = render(gappy, kind="oncall", systems=[SYSTEM])
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert "NOT READY" in flat
    assert "names nobody" in flat  # the empty level
    assert "no number" in flat  # the phone tier without one
    assert "24x7" in flat.split("NOT READY")[1]  # L1 does not cover the hours
    assert "NOBODY NAMED" in flat  # the level's row, never a blank cell
    assert "no phone recorded" in flat  # the contact without a phone


def test_without_the_analysis_the_card_still_sees_its_gaps(gappy: Path) -> None:
    data, _ = render(gappy, kind="oncall", systems=[SYSTEM], analysis=None)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "NOT READY" in text
    for gap in ("names nobody", "has no number", "L1 covers business hours, the system runs 24x7"):
        assert gap in text


def test_a_gap_is_named_once_when_the_analysis_names_it_too(gappy: Path) -> None:
    data, _ = render(gappy, kind="oncall", systems=[SYSTEM])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    band = text.split("NOT READY:")[1].split("Hours of operation")[0]
    assert band.count("names nobody") == 1


@pytest.fixture(scope="module")
def empty_levels(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Claims Triage with three more SEV1 levels and two more SEV2 levels naming nobody."""
    from planner.domain.enums import Severity
    from planner.operations import add_escalation_level

    with _demo_copy(demo_path, tmp_path_factory, "empty") as (path, ws, system):
        for severity, count in ((Severity.SEV1, 3), (Severity.SEV2, 2)):
            chain = next(c for c in system.chains if c.chain.severity == severity)
            for _ in range(count):
                add_escalation_level(ws, chain_id=chain.chain.id, delay_minutes=90)
    return path


@pytest.mark.parametrize("analysed", [True, False])
def test_empty_levels_are_named_once_per_chain(empty_levels: Path, analysed: bool) -> None:
    # One entry per chain, not one per level: nine "names nobody" in a row buried the
    # band's other gaps.
    kwargs = {} if analysed else {"analysis": None}
    data, _ = render(empty_levels, kind="oncall", systems=[SYSTEM], **kwargs)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    band = text.split("NOT READY:")[1].split("Hours of operation")[0]
    assert band.count("nobody") == 2, band
    assert re.search(r"levels \d+ to \d+ of the SEV1 chain name nobody", band), band
    assert re.search(r"levels \d+ and \d+ of the SEV2 chain name nobody", band), band


def test_level_numbers_are_grouped_into_ranges() -> None:
    from planner.export.pdf.oncall import numbers_text

    assert numbers_text([2]) == "2"
    assert numbers_text([1, 3]) == "1 and 3"
    assert numbers_text([1, 2]) == "1 and 2"
    assert numbers_text([1, 2, 3, 4]) == "1 to 4"
    assert numbers_text([1, 2, 3, 5, 7, 8]) == "1 to 3, 5, 7 and 8"


def test_a_reachable_system_has_no_not_ready_band(demo_path: Path) -> None:
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(demo_path, read_only=True) as ws:
        plan = load_plan(ws)
    data, _ = render(demo_path, kind="oncall")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    banded = {p.split("\n")[0] for p in pages if "NOT READY" in p}
    assert len(banded) < len(plan.systems)  # the band marks some cards, not every one


def test_every_demo_card_fits_on_one_sheet(demo_path: Path, demo_plan: object) -> None:
    """A demo card is one sheet printed on both sides: at most one "(continued)" page."""
    data, pages = render(demo_path, kind="oncall")
    names = [s.name for s in demo_plan]  # type: ignore[attr-defined]
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    continued = {name: sum(f"{name} (continued)" in t for t in texts) for name in names}
    assert pages == len(names) + sum(continued.values())
    assert max(continued.values()) <= 1, continued  # never a third page
    assert not [s for s, text, _ in text_sizes(data) if s < MIN_POINTS]


def test_a_card_reads_most_urgent_first(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="oncall", systems=[SYSTEM])
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    front = [
        "Who to call, in order",
        "SEV1 (critical)",
        "If the AI must be switched off",
        "What the severities mean",
        "Dashboards",
        "Runbook",
    ]
    assert all(part in pages[0] for part in front)
    text = " ".join(pages)
    order = [*front, "Support path", "Contacts"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


def _last_body_line(page_text: str, workspace: str) -> str:
    """The page's last line above the running header and footer (drawn after the body)."""
    lines = page_text.splitlines()
    header = max(i for i, line in enumerate(lines) if line.strip() == workspace)
    return lines[header - 1].strip() if header else ""


def test_no_card_page_ends_with_a_section_heading(demo_path: Path, demo_plan: object) -> None:
    """Seen on the demo: "Support path" alone at the foot of a card, its table over the page."""
    from planner.export.pdf.oncall import CARD_SECTIONS

    titles = {title for title, _ in CARD_SECTIONS if title is not None}
    data, _ = render(demo_path, kind="oncall")
    workspace = str(demo_plan.info.organisation)  # type: ignore[attr-defined]
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    stranded = [
        (number, line)
        for number, text in enumerate(pages, start=1)
        if (line := _last_body_line(text, workspace)) in titles
    ]
    assert not stranded


def test_a_support_tier_without_targets_says_not_set_on_the_card(demo_path: Path) -> None:
    """Seen on the demo's Payment Anomaly Watch card: an empty 'Resolve within' cell, which
    a support lead cannot tell from a cell left out by mistake (the pack says 'not set')."""
    data, _ = render(demo_path, kind="oncall", systems=["Payment Anomaly Watch"])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    path = text[text.index("Resolve within") : text.index("L1 → L2")].split("\n")[1:]
    rows = [path[n : n + 6] for n in range(0, len(path) - 1, 6)]  # a cell a line
    assert [row[0] for row in rows] == ["L1", "L2", "L3"]
    assert all(row[5].strip() == "not set" for row in rows), rows

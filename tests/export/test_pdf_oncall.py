"""On-call cards: legible at any length, honest about what is missing."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pdf_workspaces import render, text_sizes

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


@pytest.fixture(scope="module")
def long_notes(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with every escalation level of one system carrying a long note."""
    from planner.operations import update_entity
    from planner.store.snapshot import load_plan
    from planner.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("oncall") / "long-notes.handover"
    shutil.copy(demo_path, path)
    with open_workspace(path, actor="tester") as ws:
        system = load_plan(ws).system_named(SYSTEM)
        assert system is not None
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

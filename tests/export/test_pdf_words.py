"""Words, numbers, phone numbers and identifiers are never broken in the middle."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import render
from pypdf import PdfReader


@pytest.fixture(scope="module")
def lines(demo_path: Path) -> list[str]:
    data, _ = render(demo_path, kind="portfolio")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return [line.replace("\xa0", " ").strip() for line in text.splitlines()]


def test_emails_phones_and_time_zones_print_whole_on_one_line(
    lines: list[str], demo_plan: Any
) -> None:
    joined = "\n".join(lines)
    flat = re.sub(r"\s+", "", joined)
    printed = 0
    for person in demo_plan.people.values():
        for value in (person.email, person.phone, person.timezone):
            if value and re.sub(r"\s+", "", value) in flat:  # printed somewhere...
                printed += 1
                assert value in joined, value  # ...and never across two lines
    assert printed > 20


@pytest.mark.parametrize("word", ["Approved", "Information", "Responsible", "Accountable"])
def test_ordinary_words_are_not_split(lines: list[str], word: str) -> None:
    # A broken word leaves a line ending in its head, the next starting with its tail.
    for cut in range(3, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        for first, second in zip(lines, lines[1:], strict=False):
            assert not (first.endswith(head) and re.match(rf"{tail}\b", second)), (first, second)


def test_the_signing_statement_stays_with_a_signature_block(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="portfolio")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    statements = [text for text in pages if "By signing, I confirm" in text]
    assert statements
    for text in statements:
        assert "Signature" in text.split("By signing, I confirm")[1]


def test_the_legend_names_the_marks_in_words(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="pack", systems=["Claims Triage"])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "(marked MISSING or OVERDUE, in red)" in text


LONG_EMAIL = "claims.operations.duty-manager@regional-support.meridian-mutual.example"
LONG_ZONE = "America/Argentina/ComodRivadavia"
LONG_URL = "https://wiki.meridian.example/ai/claims-triage/runbooks/scoring-service-outage.html"
# Longer than a full line of body text: breaks even in a note or the fallback box.
LINE_URL = (
    "https://wiki.meridian.example/ai/claims-triage/runbooks/2026/scoring-service/"
    "outage-recovery/manual-triage-procedure.html"
)
BREAKS_AFTER = "/.@-"


@pytest.fixture(scope="module")
def crowded(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Claims Triage with long addresses, zones and links in tables that leave them no room."""
    import shutil

    from planner.operations import update_entity
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    path = tmp_path_factory.mktemp("crowded") / "crowded.handover"
    shutil.copy(demo_path, path)
    with open_workspace(path, actor="tester") as ws:
        plan = load_plan(ws)
        system = plan.system_named("Claims Triage")
        assert system is not None
        for person_id in system.people_referenced():
            values = {"email": LONG_EMAIL, "timezone": LONG_ZONE, "title": "Head of " * 6}
            update_entity(ws, kind_name="person", entity_id=person_id, values=values)
        for document in system.documents:
            update_entity(
                ws, kind_name="document", entity_id=document.id, values={"location": LONG_URL}
            )
        fallback = {"fallback_procedure": f"Follow {LINE_URL} step by step."}
        update_entity(ws, kind_name="system", entity_id=system.id, values=fallback)
        for chain in system.chains:
            for level in chain.levels:
                note = {"note": f"See {LINE_URL} first."}
                update_entity(
                    ws, kind_name="escalation_level", entity_id=level.level.id, values=note
                )
        for tier in system.support_tiers:
            update_entity(
                ws, kind_name="support_tier", entity_id=tier.id, values={"address": LONG_EMAIL}
            )
    return path


def _identifier_breaks(text: str, value: str) -> list[str]:
    """Every place ``value`` is printed, as the pieces it was broken into across lines."""
    pattern = r"\n?".join(re.escape(ch) for ch in value)
    return [m.group(0) for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("kind", ["pack", "oncall"])
@pytest.mark.parametrize("value", [LONG_EMAIL, LONG_ZONE, LONG_URL, LINE_URL])
def test_long_identifiers_break_only_after_a_separator(
    crowded: Path, kind: str, value: str
) -> None:
    data, _ = render(crowded, kind=kind, systems=["Claims Triage"])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    text = "\n".join(line.strip() for line in text.splitlines())
    printed = _identifier_breaks(text, value)
    assert printed, value
    for piece in printed:
        for line in piece.split("\n")[:-1]:
            assert line[-1] in BREAKS_AFTER, piece  # never "Stockhol/m", "exam/ple"


def test_dates_are_never_broken(crowded: Path) -> None:
    data, _ = render(crowded, kind="pack", systems=["Claims Triage"])
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert re.search(r"\d{4}-\d\d-\d\d", text)
    assert not re.search(r"\d{4}-(\d\d-?)?\s*\n\s*\d", text)

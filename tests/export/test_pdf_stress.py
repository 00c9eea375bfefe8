"""Content that could break a layout: huge tables, long chains, empty plans, broken logos."""

from __future__ import annotations

import dataclasses
import io
import re
import time
from typing import Any

import pytest
from pdf_workspaces import DATE
from pypdf import PdfReader

from planner.domain.enums import RaciRole, Severity
from planner.domain.plan import (
    Activity,
    ChainPlan,
    EscalationChain,
    EscalationLevel,
    EscalationTarget,
    LevelPlan,
    RaciAssignment,
    SystemPlan,
)
from planner.export.pdf.export import render_pdf


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def big_plan(demo_plan: Any) -> tuple[Any, str]:
    """The demo with one system carrying a 500-row RACI over 40 people and a 50-level chain."""
    system = next(iter(demo_plan))
    people = sorted(demo_plan.people)[:40]
    activities = tuple(
        Activity(
            id=f"act-{i:03}",
            key=f"a{i}",
            name=f"Activity {i:03} " + "x" * (i % 7),
            description="",
            position=i,
            builtin=False,
        )
        for i in range(500)
    )
    raci = tuple(
        RaciAssignment(
            id=f"raci-{i}",
            system_id=system.id,
            activity_id=activity.id,
            person_id=people[i % len(people)],
            team_id=None,
            role=list(RaciRole)[i % 4],
        )
        for i, activity in enumerate(activities)
    )
    chain = ChainPlan(
        EscalationChain(id="chain-x", system_id=system.id, severity=Severity.SEV1, repeat_loops=2),
        tuple(
            LevelPlan(
                EscalationLevel(
                    id=f"level-{i:02}",
                    chain_id="chain-x",
                    position=i,
                    delay_minutes=i * 10,
                    response_minutes=15,
                    note=f"marker-{i:02}",
                ),
                (
                    EscalationTarget(
                        id=f"t-{i}",
                        level_id=f"level-{i:02}",
                        person_id=people[i % 40],
                        team_id=None,
                        position=0,
                    ),
                ),
            )
            for i in range(50)
        ),
    )
    big = dataclasses.replace(system, raci=raci, chains=(chain,))
    plan = dataclasses.replace(
        demo_plan,
        activities=activities,
        systems={**demo_plan.systems, system.id: big},
    )
    return plan, system.id


def test_500_row_raci_and_50_level_chain_build(big_plan: tuple[Any, str]) -> None:
    plan, system_id = big_plan
    started = time.perf_counter()
    data, pages = render_pdf(plan, kind="pack", systems=[system_id], date=DATE, actor="t")
    elapsed = time.perf_counter() - started
    assert pages > 30
    assert elapsed < 20
    text = squash("\n".join(pdf_text(data)))
    # Every activity row is printed (once per column group of people).
    for i in (0, 137, 499):
        assert f"Activity{i:03}" in text
    assert "Peopleandteams1–" in text
    # The chain's 50 levels in order.
    positions = [text.index(f"marker-{i:02}") for i in range(50)]
    assert positions == sorted(positions)
    assert "Level50" in text


def test_oncall_card_of_a_50_level_chain_flows_on_at_a_legible_size(
    big_plan: tuple[Any, str],
) -> None:
    from pdf_workspaces import text_sizes

    plan, system_id = big_plan
    data, pages = render_pdf(plan, kind="oncall", systems=[system_id], date=DATE, actor="t")
    assert pages > 1
    assert min(size for size, _, _ in text_sizes(data)) >= 7
    texts = pdf_text(data)
    assert "marker-49" in squash("".join(texts))
    assert all("(continued)" in text for text in texts[1:])


def test_an_empty_system_says_not_yet_defined(demo_plan: Any) -> None:
    source = next(iter(demo_plan)).system
    row = dataclasses.replace(source, id="empty", name="Empty one", purpose="", overseer_id=None)
    plan = dataclasses.replace(demo_plan, systems={"empty": SystemPlan(system=row)})
    data, _ = render_pdf(plan, kind="pack", date=DATE, actor="t")
    text = "\n".join(pdf_text(data))
    assert text.count("Not yet defined.") >= 10
    assert "No open action items." in text
    assert "Nobody is named in this plan yet." in text
    data, pages = render_pdf(plan, kind="oncall", date=DATE, actor="t")
    assert pages == 1


@pytest.mark.parametrize(
    ("logo", "fmt"),
    [
        (b"not a png at all", "png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><broken", "svg"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg' width='80' height='40'>"
            b"<rect width='80' height='40' fill='#c00'/></svg>",
            "svg",
        ),
    ],
)
def test_logos_good_or_broken_never_stop_an_export(demo_plan: Any, logo: bytes, fmt: str) -> None:
    info = dataclasses.replace(demo_plan.info, logo=logo, logo_format=fmt)
    plan = dataclasses.replace(demo_plan, info=info)
    system = next(iter(plan))
    data, pages = render_pdf(plan, kind="oncall", systems=[system.id], date=DATE, actor="t")
    assert pages >= 1
    assert data.startswith(b"%PDF")

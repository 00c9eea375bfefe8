"""Find anything: what matches, in what order, where each hit leads, and how fast at 2,000."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.analysis import analyse
from planner.analysis.search import (
    DIRECTORY,
    IndexCache,
    build_index,
    fold,
    search,
    search_plan,
)
from planner.demo import create_demo
from planner.domain.plan import Plan
from planner.operations import create_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    path: Path = tmp_path_factory.mktemp("search") / "demo.handover"
    workspace = create_workspace(path, actor="tester")
    create_demo(workspace, systems=6, seed=1)
    claims = next(s.id for s in load_plan(workspace) if s.name == "Claims Triage")
    create_entity(
        workspace,
        kind_name="document",
        values={"system_id": claims, "title": "Zoë's <b>runbook</b> & notes"},
    )
    yield load_plan(workspace)
    workspace.close()


def _titles(hits: list[Any]) -> list[tuple[str, str]]:
    return [(h.kind, h.title) for h in hits]


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Chloé ÅNGSTRÖM") == "chloe angstrom"
    assert fold("Straße") == "strasse"


def test_a_system_is_found_by_its_name_and_leads_to_its_overview(demo_plan: Plan) -> None:
    hits = search_plan(demo_plan, "claims tri")
    first = hits[0]
    assert (first.kind, first.title) == ("AI system", "Claims Triage")
    assert (first.system_id, first.page, first.entity) == (
        demo_plan.system_named("Claims Triage").id,  # type: ignore[union-attr]
        "overview",
        None,
    )


def test_people_are_found_without_accents_and_lead_to_the_directory(demo_plan: Plan) -> None:
    chloe = next(p for p in demo_plan.people.values() if p.name == "Chloé Rahman")
    hits = search_plan(demo_plan, "CHLOE")
    assert hits[0] == dataclasses.replace(
        hits[0], kind="Person", title="Chloé Rahman", page=DIRECTORY, entity=("person", chloe.id)
    )


def test_teams_documents_controls_and_signals_are_found_by_any_word(demo_plan: Plan) -> None:
    assert ("Team", "Risk & Compliance") in _titles(search_plan(demo_plan, "compliance risk"))
    doc = search_plan(demo_plan, "zoe runbook")
    assert _titles(doc) == [("Document", "Zoë's <b>runbook</b> & notes")]
    assert doc[0].page == "documentation"
    assert doc[0].entity is not None
    assert doc[0].entity[0] == "document"
    assert doc[0].detail == "Claims Triage"
    kinds = {h.kind for h in search_plan(demo_plan, "e", limit=10_000)}
    assert {"AI system", "Person", "Team", "Document", "Control", "Signal"} <= kinds


def test_findings_are_found_and_lead_to_their_page_and_row(demo_plan: Plan) -> None:
    findings = analyse(demo_plan, today=TODAY).findings
    finding = next(f for f in findings if f.entities)
    hits = search(build_index(demo_plan, findings), finding.title, limit=500)
    hit = next(h for h in hits if h.kind == "Finding" and h.title == finding.title)
    assert (hit.system_id, hit.page) == (finding.system_id, finding.page)
    assert hit.entity is not None


def test_every_word_must_match_and_titles_that_start_with_the_query_come_first(
    demo_plan: Plan,
) -> None:
    assert search_plan(demo_plan, "claims zzzz-nothing") == []
    assert search_plan(demo_plan, "   ") == []
    hits = search_plan(demo_plan, "claims", limit=200)
    assert hits[0].title.casefold().startswith("claims")
    ranks = [
        0 if fold(h.title).startswith("claims") else 1 if " claims" in f" {fold(h.title)}" else 2
        for h in hits
    ]
    assert ranks == sorted(ranks)
    assert len(search_plan(demo_plan, "e", limit=5)) == 5


def _portfolio(plan: Plan, count: int) -> Plan:
    """``count`` systems cloned from the demo's, each with its rows (in memory only)."""
    originals = list(plan.systems.values())
    systems = {}
    for n in range(count):
        source = originals[n % len(originals)]
        row = dataclasses.replace(source.system, id=f"s{n:05}", name=f"{source.name} {n:04}")
        systems[row.id] = dataclasses.replace(source, system=row)
    return dataclasses.replace(plan, systems=systems)


def test_two_thousand_systems_search_as_fast_as_you_type(demo_plan: Plan) -> None:
    big = _portfolio(demo_plan, 2000)
    started = time.perf_counter()
    index = build_index(big)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for query in ("c", "cl", "cla", "claims", "claims 1999", "runbook owner", "zzz"):
        hits = search(index, query)
    per_query = (time.perf_counter() - started) / 7
    assert _titles(search(index, "claims triage 1998")) == [("AI system", "Claims Triage 1998")]
    assert hits == []
    assert len(index) > 40_000
    # Measured alone on 2 cores: ~0.6 s to index, under 1 ms a query (bench_search.py).
    # The bounds only catch a change in kind (a quadratic index, a scan per keystroke):
    # CI shares its two cores, and a build took 6 s once while another suite ran.
    assert built < 20.0, f"index {built * 1000:.0f} ms"
    assert per_query < 0.5, f"query {per_query * 1000:.0f} ms"


def test_the_cache_refolds_only_what_changed_and_sees_renames(demo_plan: Plan) -> None:
    cache = IndexCache()
    findings = analyse(demo_plan, today=TODAY).findings
    cache.index(demo_plan, findings)
    claims = demo_plan.system_named("Claims Triage")
    assert claims is not None
    renamed_row = dataclasses.replace(claims.system, name="Claims Sorting")
    renamed = dataclasses.replace(
        demo_plan,
        systems={**demo_plan.systems, claims.id: dataclasses.replace(claims, system=renamed_row)},
    )
    index = cache.index(renamed, findings)
    assert _titles(search(index, "claims sorting")) == [("AI system", "Claims Sorting")]
    assert ("AI system", "Claims Triage") not in _titles(search(index, "claims triage"))
    about_claims = [
        h
        for h in search(index, "e", limit=10**6)
        if h.kind == "Finding" and h.system_id == claims.id
    ]
    assert about_claims
    assert {h.detail.split(" · ")[1] for h in about_claims} == {"Claims Sorting"}
    person = next(iter(demo_plan.people.values()))
    renamed_person = dataclasses.replace(person, name="Zebulon Quarry")
    people = {**demo_plan.people, person.id: renamed_person}
    index = cache.index(dataclasses.replace(renamed, people=people), findings)
    assert ("Person", "Zebulon Quarry") in _titles(search(index, "zebulon"))

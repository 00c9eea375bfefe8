"""Backstage catalog export: valid entity names, resolvable references, Backstage's own check."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from planner import cli
from planner.export.backstage import build_catalog, dump_catalog
from planner.operations import add_system, assign_raci, create_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("BACKSTAGE_NODE_MODULES", ROOT / ".ci" / "node" / "node_modules"))
VALIDATOR = Path(__file__).parent / "tools" / "validate_backstage.cjs"
NAME = re.compile(r"^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")


def _entities(plan: Any) -> list[dict[str, Any]]:
    text = dump_catalog(build_catalog(plan, list(plan.systems.values())))
    return list(yaml.safe_load_all(text))


def _refs(entities: list[dict[str, Any]]) -> set[str]:
    return {f"{e['kind'].lower()}:default/{e['metadata']['name']}" for e in entities}


@pytest.fixture
def awkward(ws: Workspace) -> Workspace:
    """Names that make poor entity names: accents, other scripts, duplicates, symbols."""
    system = add_system(ws, name="Claims Triage (v2) — ÆØÅ!").first_id("system")
    add_system(ws, name="Claims Triage (v2) — AEOA")
    team = create_entity(ws, kind_name="team", values={"name": "R&D / ML"}).first_id("team")
    ids = []
    for name, email in (("Dana Lee", ""), ("Dana Lee", "dana2@example.org"), ("王芳", "")):
        values = {"name": name, "email": email, "team_id": team}
        ids.append(create_entity(ws, kind_name="person", values=values).first_id("person"))
    support = next(a.id for a in load_plan(ws).activities if a.key == "support")
    assign_raci(ws, system_id=system, activity_id=support, person_id=ids[2], role="A")
    assign_raci(ws, system_id=system, activity_id=support, team_id=team, role="R")
    return ws


def test_names_are_valid_and_references_resolve(awkward: Workspace) -> None:
    entities = _entities(load_plan(awkward))
    names = {(e["kind"], e["metadata"]["name"]) for e in entities}
    assert len(names) == len(entities)
    assert all(NAME.match(name) and len(name) <= 63 for _kind, name in names)
    known = _refs(entities)
    system = next(e for e in entities if e["kind"] == "System")
    assert system["metadata"]["name"] == "claims-triage-v2-aeoa"
    assert system["metadata"]["title"] == "Claims Triage (v2) — ÆØÅ!"
    assert system["spec"]["owner"] == "user:default/user"
    assert system["spec"]["owner"] in known
    assert system["metadata"]["annotations"]["handover-planner.io/support-responsible"] == (
        "group:default/r-d-ml"
    )
    component = next(e for e in entities if e["kind"] == "Component")
    assert component["spec"]["system"] == system["metadata"]["name"]
    assert component["spec"]["lifecycle"] == "experimental"
    users = [e for e in entities if e["kind"] == "User"]
    assert sorted(u["metadata"]["name"] for u in users) == ["dana-lee", "dana-lee-2", "user"]
    for user in users:
        assert set(user["spec"]["memberOf"]) <= known
    assert {u["spec"]["profile"]["displayName"] for u in users} == {"Dana Lee", "王芳"}


def test_demo_catalog_links_and_owners(demo_plan: Any) -> None:
    entities = _entities(demo_plan)
    known = _refs(entities)
    for entity in entities:
        if entity["kind"] in ("System", "Component"):
            assert entity["spec"]["owner"] in known
    claims = next(e for e in entities if e["metadata"].get("title") == "Claims Triage")
    assert all(link["url"].startswith("https://") for link in claims["metadata"]["links"])


def test_cli_writes_multi_document_yaml(
    awkward: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    awkward.close()
    out = tmp_path / "catalog-info.yaml"
    assert cli.main(["export", "backstage", str(awkward.path), "-o", str(out)]) == 0
    documents = list(yaml.safe_load_all(out.read_text(encoding="utf-8")))
    assert [d["kind"] for d in documents][:2] == ["System", "Component"]
    assert "warning: Claims Triage (v2) — AEOA: nobody is Accountable" in capsys.readouterr().err


@pytest.mark.skipif(
    shutil.which("node") is None or not (MODEL / "@backstage" / "catalog-model").is_dir(),
    reason="needs node and @backstage/catalog-model "
    "(npm install --prefix .ci/node @backstage/catalog-model, as .ci/run does)",
)
@pytest.mark.parametrize("source", ["awkward", "demo_plan"])
def test_backstage_accepts_every_entity(source: str, request: pytest.FixtureRequest) -> None:
    value = request.getfixturevalue(source)
    plan = load_plan(value) if isinstance(value, Workspace) else value
    entities = _entities(plan)
    result = subprocess.run(
        ["node", str(VALIDATOR)],
        input=json.dumps(entities),
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(MODEL)},
        timeout=60,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert report["checked"] == len(entities)
    assert result.returncode == 0


def test_pagerduty_service_id_and_document_links(awkward: Workspace) -> None:
    plan = load_plan(awkward)
    system = next(s for s in plan if s.raci)
    tier = {
        "system_id": system.id,
        "channel": "pager",
        "address": "https://acme.pagerduty.com/service-directory/PABC123",
    }
    create_entity(awkward, kind_name="support_tier", values=tier)
    for title, location in (("Runbook", "https://wiki.example.org/runbook"), ("DPIA", "G:\\dpia")):
        values = {"system_id": system.id, "title": title, "location": location}
        create_entity(awkward, kind_name="document", values=values)
    plan = load_plan(awkward)
    catalog = build_catalog(plan, list(plan.systems.values()))
    entity = next(e for e in catalog.entities if e["kind"] == "System")
    assert entity["metadata"]["annotations"]["pagerduty.com/service-id"] == "PABC123"
    component = next(e for e in catalog.entities if e["kind"] == "Component")
    assert component["metadata"]["annotations"] == {"pagerduty.com/service-id": "PABC123"}
    assert entity["metadata"]["links"] == [
        {"url": "https://wiki.example.org/runbook", "title": "Runbook"}
    ]
    assert any("'DPIA' has no web address" in w for w in catalog.warnings)

"""A fuzzer of the JSON import: every mutated document is either accepted and round-trips
exactly, or refused with exit 2, one line naming a JSON path, and the target unchanged."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fault_bounds import EXAMPLES, SEED
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from planner.cli import main
from planner.export.json_export import dumps, export_document
from planner.operations import add_system, assign_raci, create_entity
from planner.store.workspace import create_workspace, open_workspace


@pytest.fixture(scope="module")
def source(make_scratch_folder: Callable[[], Path]) -> Iterator[dict[str, Any]]:
    folder = make_scratch_folder()
    with create_workspace(folder / "src.handover", actor="tester") as ws:
        team = create_entity(ws, kind_name="team", values={"name": "Desk"}).first_id("team")
        ada = create_entity(
            ws, kind_name="person", values={"name": "Ada", "team_id": team}
        ).first_id("person")
        system = add_system(ws, name="Claims", template="ai_copilot").first_id("system")
        activity = export_document(ws)["activities"][0]["id"]
        assign_raci(ws, system_id=system, activity_id=activity, role="A", person_id=ada)
        yield export_document(ws)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def empty(make_scratch_folder: Callable[[], Path]) -> Iterator[Path]:
    folder = make_scratch_folder()
    create_workspace(folder / "empty.handover", actor="tester").close()
    yield folder / "empty.handover"
    shutil.rmtree(folder, ignore_errors=True)


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [path] + [p for k, v in node.items() for p in leaves(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [p for i, v in enumerate(node) for p in leaves(v, (*path, i))]
    return [path]


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 2**64, 1_000_000, 1_000_001]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2026-01-01T10:00:00+05:00",
            "2026-01-01T10:00:00Z",
            "2026-02-30",
            "not-a-uuid",
            "8b0e8f4e-3c59-4d43-9c1e-3f1a3e4b5c6d",
            "x" * 300,
            "\ud7ff\ue000",
        ]
    ),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(0, 3), max_size=2),
)


@st.composite
def mutations(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 3))):
        spots = leaves(changed)[1:]
        path = draw(st.sampled_from(spots))
        parent = changed
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["set", "set", "set", "drop", "copy"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "copy" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(values)
    return changed


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fuzzed_imports_are_accepted_exactly_or_refused_cleanly(
    source: dict[str, Any], empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        document = data.draw(mutations(source))
        folder = Path(tempfile.mkdtemp(dir=empty.parent))
        try:
            target, raw = folder / "t.handover", folder / "in.json"
            shutil.copyfile(empty, target)
            raw.write_text(json.dumps(document), encoding="utf-8")
            before = digest(target)
            capsys.readouterr()
            code = main(["import", str(target), str(raw)])
            err = capsys.readouterr().err
            if code == 0:
                assert_round_trip(target, folder)
            else:
                assert code == 2, err
                # The file, then where in it and what is wrong.
                assert err.startswith("handover-planner: in.json: "), err
                assert err.count("\n") == 1, err
                assert digest(target) == before
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    check()


def assert_round_trip(target: Path, folder: Path) -> None:
    with open_workspace(target, read_only=True) as ws:
        first = dumps(export_document(ws))
    (folder / "again.json").write_bytes(first)
    assert main(["import", str(folder / "again.handover"), str(folder / "again.json")]) == 0
    with open_workspace(folder / "again.handover", read_only=True) as ws:
        assert dumps(export_document(ws)) == first

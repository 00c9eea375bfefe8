"""The JSON interchange: lossless round trips, and every way a file is refused.

A refused file raises InterchangeError naming the JSON path at fault, and leaves the
target workspace exactly as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workspace_sql import dump, execute

from planner.demo import create_demo
from planner.domain import interchange
from planner.domain.enums import DocumentType, RaciRole
from planner.domain.errors import LockedError
from planner.domain.interchange import (
    FORMAT_VERSION,
    SECTIONS,
    InterchangeError,
    json_schema,
    parse_document,
)
from planner.export.json_export import dumps, export_document, export_json
from planner.operations import add_system, assign_raci, create_entity, update_entity
from planner.operations.interchange import import_workspace
from planner.resources import resource_path
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace, open_workspace


def exported(ws: Workspace, *, include_audit: bool = False) -> bytes:
    return dumps(export_document(ws, include_audit=include_audit))


def import_bytes(ws: Workspace, raw: bytes) -> None:
    import_workspace(ws, document=parse_document(raw))


def create(ws: Workspace, kind_name: str, values: dict[str, Any]) -> str:
    created = create_entity(ws, kind_name=kind_name, values=values).first_id(kind_name)
    assert created is not None
    return created


@pytest.fixture(scope="module")
def demo_file(make_scratch_folder: Callable[[], Path]) -> Iterator[Path]:
    folder = make_scratch_folder()
    with create_workspace(folder / "demo.handover", actor="tester") as workspace:
        create_demo(workspace, systems=6, seed=1)
    yield folder / "demo.handover"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def demo_ws(tmp_path: Path, demo_file: Path) -> Iterator[Workspace]:
    """The six-system demo (a copy of one built per module)."""
    shutil.copyfile(demo_file, tmp_path / "demo.handover")
    workspace = open_workspace(tmp_path / "demo.handover", actor="tester")
    yield workspace
    workspace.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path / "other.handover", actor="tester")
    yield workspace
    workspace.close()


# --- round trips ----------------------------------------------------------------------


def test_demo_round_trip_gives_identical_bytes(demo_ws: Workspace, other: Workspace) -> None:
    first = exported(demo_ws)
    assert json.loads(first)["systems"], "the demo must not be empty"
    import_bytes(other, first)
    assert exported(other) == first


def test_round_trip_of_a_file_with_audit_ignores_the_audit(
    demo_ws: Workspace, other: Workspace
) -> None:
    with_audit = exported(demo_ws, include_audit=True)
    audit = json.loads(with_audit)["audit"]
    assert [e["operation"] for e in audit][:2] == ["create_workspace", "import_workspace"]
    assert all(e["actor"] == "tester" for e in audit)
    import_bytes(other, with_audit)
    assert exported(other) == exported(demo_ws)
    # the target's own trail records one import, not the source's history
    other_audit = json.loads(exported(other, include_audit=True))["audit"]
    assert [e["operation"] for e in other_audit] == ["create_workspace", "import_workspace"]
    assert other_audit[-1]["after"]["system"] == len(json.loads(with_audit)["systems"])


def test_export_json_writes_the_same_bytes_as_export_document(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    size = export_json(demo_ws, target)
    assert target.read_bytes() == exported(demo_ws)
    assert size == target.stat().st_size
    assert not list(tmp_path.glob(".out.json.*"))


def test_import_into_a_non_empty_workspace(demo_ws: Workspace, ws: Workspace) -> None:
    mine = create(ws, "person", {"name": "Local person"})
    system = str(add_system(ws, name="Local system", template="ai_copilot").first_id("system"))
    support = next(a["id"] for a in export_document(ws)["activities"] if a["key"] == "support")
    assign_raci(ws, system_id=system, activity_id=support, role="A", person_id=mine)
    before = export_document(ws)
    source = export_document(demo_ws)

    import_bytes(ws, exported(demo_ws))

    after = export_document(ws)
    for section in interchange.SECTIONS:
        if section == "activities":
            continue
        ids = {r["id"] for r in after[section]}
        assert {r["id"] for r in before[section]} <= ids, section
        assert {r["id"] for r in source[section]} <= ids, section
        assert len(after[section]) == len(before[section]) + len(source[section]), section
    # activities are matched by key: one per key; the one the workspace already uses is
    # kept, unused built-ins give way to the file's
    keys = sorted(a["key"] for a in after["activities"])
    assert keys == sorted(a["key"] for a in before["activities"])
    assert support in {a["id"] for a in after["activities"]}
    file_ids = {a["id"] for a in source["activities"] if a["key"] != "support"}
    assert file_ids <= {a["id"] for a in after["activities"]}
    activity_ids = {a["id"] for a in after["activities"]}
    assert {r["activity_id"] for r in after["raci"]} <= activity_ids
    # a workspace that already has systems keeps its own settings
    assert after["workspace"] == before["workspace"]
    assert after["workspace"]["organisation"] != source["workspace"]["organisation"]


def test_import_into_an_empty_workspace_takes_the_settings(
    demo_ws: Workspace, other: Workspace
) -> None:
    import_bytes(other, exported(demo_ws))
    assert export_document(other)["workspace"] == export_document(demo_ws)["workspace"]


# --- property: random small workspaces round-trip exactly ----------------------------

AWKWARD = [
    "<b>&amp;",
    "محمد العلي",
    "יעל כהן",
    "王芳",
    "佐藤 美咲",
    "\u202eevil\u202c",
    "Zoë O'Brien",
    '"quoted" \\ backslash',
    "emoji 🧑‍💻",
    "line\nbreak",
    "&lt;script&gt;",
]
names = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
)


@st.composite
def small_workspaces(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "teams": draw(st.lists(names, max_size=3)),
        "people": draw(
            st.lists(
                st.tuples(names, st.booleans(), st.one_of(st.none(), st.integers(0, 2))),
                max_size=5,
            )
        ),
        "systems": draw(
            st.lists(
                st.tuples(names, st.one_of(st.none(), st.sampled_from(["ai_copilot", "x"]))),
                max_size=3,
            )
        ),
        "documents": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 2),
                    names,
                    st.sampled_from(list(DocumentType)),
                    st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))),
                ),
                max_size=4,
            )
        ),
        "raci": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 2),
                    st.integers(0, 8),
                    st.integers(0, 7),
                    st.sampled_from(list(RaciRole)),
                ),
                max_size=6,
            )
        ),
        "baselines": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 2),
                    names,
                    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
                ),
                max_size=3,
            )
        ),
    }


def build(ws: Workspace, spec: dict[str, Any]) -> None:
    teams = [create(ws, "team", {"name": f"{n} #{i}"}) for i, n in enumerate(spec["teams"])]
    people = []
    for name, active, team in spec["people"]:
        values = {"name": name, "active": active}
        if team is not None and teams:
            values["team_id"] = teams[team % len(teams)]
        people.append(create(ws, "person", values))
    if len(people) > 1:
        for index, person in enumerate(people):
            deputy = people[(index + 1) % len(people)]
            update_entity(ws, kind_name="person", entity_id=person, values={"deputy_id": deputy})
    systems = []
    for index, (name, template) in enumerate(spec["systems"]):
        change = add_system(
            ws, name=f"{name} #{index}", template=template if template != "x" else None
        )
        systems.append(str(change.first_id("system")))
    if not systems:
        return
    for system, title, doc_type, reviewed in spec["documents"]:
        create(
            ws,
            "document",
            {
                "system_id": systems[system % len(systems)],
                "title": title,
                "doc_type": doc_type,
                "last_reviewed": reviewed,
            },
        )
    for system, metric, value in spec["baselines"]:
        create(
            ws,
            "baseline",
            {
                "system_id": systems[system % len(systems)],
                "metric": metric,
                "baseline_value": value,
            },
        )
    activities = [a["id"] for a in export_document(ws)["activities"]]
    assignees = [("person_id", p) for p in people] + [("team_id", t) for t in teams]
    for system, activity, who, role in spec["raci"]:
        if not assignees:
            break
        column, assignee = assignees[who % len(assignees)]
        assign_raci(
            ws,
            system_id=systems[system % len(systems)],
            activity_id=activities[activity % len(activities)],
            role=role,
            **{column: assignee},
        )


@pytest.fixture(scope="module")
def pristine_target(pristine: Path) -> Path:
    """Another new workspace: its built-in activities have ids of their own."""
    path = pristine.with_name("target.handover")
    create_workspace(path, actor="tester").close()
    return path


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=small_workspaces())
def test_random_workspaces_round_trip_exactly(
    spec: dict[str, Any],
    pristine: Path,
    pristine_target: Path,
    make_scratch_folder: Callable[[], Path],
) -> None:
    folder = make_scratch_folder()
    try:
        shutil.copyfile(pristine, folder / "source.handover")
        shutil.copyfile(pristine_target, folder / "target.handover")
        with open_workspace(folder / "source.handover", actor="tester") as source:
            build(source, spec)
            first = exported(source)
        with open_workspace(folder / "target.handover", actor="tester") as target:
            import_bytes(target, first)
            assert exported(target) == first
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # names survive exactly, markup and scripts included
    document = json.loads(first)
    assert len(document["people"]) == len(spec["people"])
    stored_names = sorted(p["name"].strip() for p in document["people"])
    assert stored_names == sorted(n.strip() for n, _a, _t in spec["people"])


# --- rejections -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_document(make_scratch_folder: Callable[[], Path]) -> Iterator[dict[str, Any]]:
    folder = make_scratch_folder()
    yield make_small(folder / "small.handover")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def small(small_document: dict[str, Any]) -> dict[str, Any]:
    """A small but complete interchange document, made through the operations."""
    return copy.deepcopy(small_document)


def make_small(path: Path) -> dict[str, Any]:
    with create_workspace(path, actor="tester") as source:
        team = create(source, "team", {"name": "Service Desk", "email": "desk@example.com"})
        ada = create(
            source,
            "person",
            {"name": "Ada", "team_id": team, "timezone": "Europe/Berlin", "email": "a@b.example"},
        )
        bo = create(source, "person", {"name": "Bo", "deputy_id": ada})
        system = str(
            add_system(source, name="Claims Triage", template="ai_copilot").first_id("system")
        )
        create(source, "system", {"name": "Invoice Capture"})
        activity = export_document(source)["activities"][0]["id"]
        assign_raci(source, system_id=system, activity_id=activity, role="A", person_id=ada)
        assign_raci(source, system_id=system, activity_id=activity, role="R", person_id=bo)
        return export_document(source)


def encode(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def refuse(ws: Workspace, raw: bytes, path: str) -> str:
    """Import must fail naming ``path``, and the workspace stays exactly as it was."""
    before, before_dump = export_document(ws, include_audit=True), dump(ws)
    with pytest.raises(InterchangeError) as info:
        import_bytes(ws, raw)
    message = str(info.value)
    assert message.startswith(f"{path}:"), message
    assert "\n" not in message
    assert export_document(ws, include_audit=True) == before
    assert dump(ws) == before_dump
    return message


def test_the_small_document_itself_imports(ws: Workspace, small: dict[str, Any]) -> None:
    import_bytes(ws, encode(small))
    assert len(export_document(ws)["people"]) == 2


def test_oversize_file(ws: Workspace, small: dict[str, Any], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(interchange, "MAX_FILE_BYTES", 100)
    assert "limit" in refuse(ws, encode(small), "$")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "not valid JSON"),
        (b"{", "not valid JSON"),
        (b'{"format_version": 1,}', "not valid JSON"),
        (b"[]", "must be a JSON object"),
        (b'"text"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b'{"format_version": 1, "workspace": {"organisation": "\xff\xfe"}}', "not UTF-8"),
        (b'{"workspace": {"organisation": "caf\xe9"}}', "not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "nests too deeply"),
    ],
    ids=[
        "empty",
        "truncated",
        "trailing comma",
        "array",
        "string",
        "null",
        "bad utf-8",
        "latin-1",
        "deep recursion",
    ],
)
def test_malformed_bytes(ws: Workspace, raw: bytes | str, words: str) -> None:
    data = raw.encode() if isinstance(raw, str) else raw
    assert words in refuse(ws, data, "$")


def test_utf16_is_refused(ws: Workspace, small: dict[str, Any]) -> None:
    raw = json.dumps(small).encode("utf-16")
    before = export_document(ws, include_audit=True)
    with pytest.raises(InterchangeError, match=r"^\$"):
        import_bytes(ws, raw)
    assert export_document(ws, include_audit=True) == before


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants(ws: Workspace, small: dict[str, Any], constant: str) -> None:
    text = encode(small).decode()
    text = text.replace('"baseline_value": null', f'"baseline_value": {constant}', 1)
    assert constant in text
    message = refuse(ws, text.encode(), "$.baselines[0].baseline_value")
    assert constant in message


def test_overflowing_number_is_refused_with_its_path(ws: Workspace, small: dict[str, Any]):
    text = encode(small).decode().replace('"baseline_value": null', '"baseline_value": 1e999', 1)
    message = refuse(ws, text.encode(), "$.baselines[0].baseline_value")
    assert "finite" in message


def test_duplicate_key_nested_names_its_path(ws: Workspace, small: dict[str, Any]) -> None:
    text = encode(small).decode()
    ada = json.dumps(small["people"][0], ensure_ascii=False)
    doubled = ada[:-1] + ', "name": "Eve"}'
    assert ada in text
    message = refuse(ws, text.replace(ada, doubled, 1).encode(), "$.people[0]")
    assert "'name' appears twice" in message


def test_duplicate_key_at_the_top(ws: Workspace, small: dict[str, Any]) -> None:
    text = encode(small).decode()
    raw = text[:-1] + ', "format_version": 1}'
    assert "'format_version' appears twice" in refuse(ws, raw.encode(), "$")


def test_nesting_deeper_than_the_format(ws: Workspace, small: dict[str, Any]) -> None:
    document = copy.deepcopy(small)
    document["retraining_plans"][0]["triggers"] = [[[[["data_drift"]]]]]
    path = "$.retraining_plans[0].triggers[0][0][0]"
    assert "nested deeper" in refuse(ws, encode(document), path)


def mutate(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return changed


FRESH = "8b0e8f4e-3c59-4d43-9c1e-3f1a3e4b5c6d"
MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str, str]] = {
    "unknown top-level field": (lambda d: {**d, "colour": "red"}, "$.colour", "Extra inputs"),
    "unknown record field": (
        lambda d: mutate(d, ("people", 0, "nickname"), "A"),
        "$.people[0].nickname",
        "Extra inputs",
    ),
    "unknown settings field": (
        lambda d: mutate(d, ("workspace", "theme"), "dark"),
        "$.workspace.theme",
        "Extra inputs",
    ),
    "string for int": (
        lambda d: mutate(d, ("escalation_levels", 0, "delay_minutes"), "5"),
        "$.escalation_levels[0].delay_minutes",
        "integer",
    ),
    "float for int": (
        lambda d: mutate(d, ("escalation_levels", 0, "delay_minutes"), 5.5),
        "$.escalation_levels[0].delay_minutes",
        "integer",
    ),
    "whole float for int": (
        lambda d: mutate(d, ("support_tiers", 0, "position"), 0.0),
        "$.support_tiers[0].position",
        "integer",
    ),
    "int for bool": (
        lambda d: mutate(d, ("people", 0, "active"), 1),
        "$.people[0].active",
        "boolean",
    ),
    "string for bool": (
        lambda d: mutate(d, ("systems", 0, "regulated"), "false"),
        "$.systems[0].regulated",
        "boolean",
    ),
    "null for required": (
        lambda d: mutate(d, ("people", 0, "name"), None),
        "$.people[0].name",
        "string",
    ),
    "over-long name": (
        lambda d: mutate(d, ("people", 0, "name"), "x" * 201),
        "$.people[0].name",
        "at most 200",
    ),
    "over-long generator": (lambda d: {**d, "generator": "g" * 201}, "$.generator", "at most"),
    "empty name": (lambda d: mutate(d, ("teams", 0, "name"), ""), "$.teams[0].name", "at least"),
    "bad uuid": (
        lambda d: mutate(d, ("people", 0, "id"), "not-a-uuid"),
        "$.people[0].id",
        "pattern",
    ),
    "upper-case uuid": (
        lambda d: mutate(d, ("people", 0, "id"), str(uuid.uuid4()).upper()),
        "$.people[0].id",
        "pattern",
    ),
    "bad enum": (
        lambda d: mutate(d, ("raci", 0, "role"), "Z"),
        "$.raci[0].role",
        "Input should be",
    ),
    "bad e-mail": (
        lambda d: mutate(d, ("people", 0, "email"), "nope"),
        "$.people[0].email",
        "not an e-mail address",
    ),
    "bad time zone": (
        lambda d: mutate(d, ("people", 0, "timezone"), "Mars/Base"),
        "$.people[0].timezone",
        "not a known time zone",
    ),
    "bad date": (
        lambda d: mutate(d, ("systems", 0, "go_live"), "2026-02-30"),
        "$.systems[0].go_live",
        "date",
    ),
    "negative delay": (
        lambda d: mutate(d, ("escalation_levels", 0, "delay_minutes"), -1),
        "$.escalation_levels[0].delay_minutes",
        "greater than or equal to 0",
    ),
    "missing timestamp": (
        lambda d: {**d, "teams": [{k: v for k, v in d["teams"][0].items() if k != "created_at"}]},
        "$.teams[0].created_at",
        "Field required",
    ),
    "missing workspace": (
        lambda d: {k: v for k, v in d.items() if k != "workspace"},
        "$.workspace",
        "Field required",
    ),
    "section not a list": (lambda d: {**d, "people": {}}, "$.people", "array"),
    "format_version too new": (
        lambda d: {**d, "format_version": 99},
        "$.format_version",
        "less than",
    ),
    "format_version 0": (lambda d: {**d, "format_version": 0}, "$.format_version", "greater"),
    "format_version string": (
        lambda d: {**d, "format_version": "1"},
        "$.format_version",
        "integer",
    ),
    "both assignees on raci": (
        lambda d: mutate(d, ("raci", 0, "team_id"), d["teams"][0]["id"]),
        "$.raci[0]",
        "exactly one person or one team",
    ),
    "dangling raci person": (
        lambda d: mutate(d, ("raci", 0, "person_id"), FRESH),
        "$.raci[0].person_id",
        "names no person",
    ),
    "dangling deputy": (
        lambda d: mutate(d, ("people", 1, "deputy_id"), FRESH),
        "$.people[1].deputy_id",
        "names no person",
    ),
    "dangling system": (
        lambda d: mutate(d, ("documents", 0, "system_id"), FRESH),
        "$.documents[0].system_id",
        "names no AI system",
    ),
    "dangling level": (
        lambda d: mutate(d, ("escalation_levels", 0, "chain_id"), FRESH),
        "$.escalation_levels[0].chain_id",
        "names no escalation chain",
    ),
    "duplicate id in a section": (
        lambda d: {**d, "people": [*d["people"], {**d["people"][0], "name": "Twin"}]},
        "$.people[2].id",
        "the same id appears twice",
    ),
    "duplicate system names": (
        lambda d: mutate(d, ("systems", 1, "name"), d["systems"][0]["name"]),
        "$.systems[1].name",
        "already taken",
    ),
    "duplicate team names": (
        lambda d: {**d, "teams": [*d["teams"], {**d["teams"][0], "id": FRESH}]},
        "$.teams[1].name",
        "already taken",
    ),
    "own deputy": (
        lambda d: mutate(d, ("people", 0, "deputy_id"), d["people"][0]["id"]),
        "$.people[0].deputy_id",
        "own deputy",
    ),
    "audit record with unknown field": (
        lambda d: {**d, "audit": [{"seq": 1}]},
        "$.audit[0].at",
        "Field required",
    ),
}


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_invalid_documents_are_refused_naming_the_path(
    ws: Workspace, small: dict[str, Any], case: str
) -> None:
    change, path, words = MUTATIONS[case]
    message = refuse(ws, encode(change(small)), path)
    assert words in message


def test_every_mutation_is_otherwise_valid(ws: Workspace, small: dict[str, Any]) -> None:
    """The mutations start from a document that imports: only the mutation is at fault."""
    import_bytes(ws, encode(small))


def test_ids_already_in_the_workspace_are_refused(ws: Workspace, small: dict[str, Any]) -> None:
    import_bytes(ws, encode(small))
    message = refuse(ws, encode(small), "$.teams[0].id")
    assert "already in this workspace" in message
    only_people = {"format_version": 1, "workspace": {}, "people": small["people"][:1]}
    assert "already in this workspace" in refuse(ws, encode(only_people), "$.people[0].id")


def test_system_name_already_in_the_workspace_is_refused(
    ws: Workspace, small: dict[str, Any]
) -> None:
    create(ws, "system", {"name": small["systems"][0]["name"]})
    assert "already taken" in refuse(ws, encode(small), "$.systems[0].name")


def test_reference_to_a_row_already_in_the_workspace_is_accepted(
    ws: Workspace, small: dict[str, Any]
) -> None:
    person = create(ws, "person", {"name": "Already here"})
    document = mutate(small, ("raci", 0, "person_id"), person)
    import_bytes(ws, encode(document))
    raci = {r["id"]: r for r in export_document(ws)["raci"]}
    assert raci[small["raci"][0]["id"]]["person_id"] == person


def test_a_deputy_later_in_the_file_is_accepted(ws: Workspace, small: dict[str, Any]) -> None:
    document = copy.deepcopy(small)
    document["people"].reverse()
    import_bytes(ws, encode(document))
    people = {p["name"]: p for p in export_document(ws)["people"]}
    assert people["Bo"]["deputy_id"] == people["Ada"]["id"]


def test_a_locked_system_in_the_file_stays_locked(ws: Workspace, small: dict[str, Any]) -> None:
    """Importing a signed-off plan is not a change to it: its lock and hash come along."""
    document = mutate(small, ("systems", 0, "locked"), True)
    document["systems"][0]["signed_hash"] = "ab" * 32
    document["systems"][0]["signed_at"] = "2026-03-01T10:00:00"
    raw = encode(document)
    import_bytes(ws, raw)
    systems = {s["id"]: s for s in export_document(ws)["systems"]}
    landed = systems[document["systems"][0]["id"]]
    assert (landed["locked"], landed["signed_hash"]) == (True, "ab" * 32)


def test_rows_for_a_locked_system_already_in_the_workspace_are_refused(
    ws: Workspace, small: dict[str, Any]
) -> None:
    system = create(ws, "system", {"name": "Signed elsewhere"})
    execute(ws, "UPDATE ai_system SET locked = TRUE WHERE id = :id", id=system)
    document = {"format_version": 1, "workspace": {}, "documents": small["documents"][:1]}
    document["documents"][0]["system_id"] = system
    before, before_dump = export_document(ws, include_audit=True), dump(ws)
    with pytest.raises(LockedError, match="Signed elsewhere"):
        import_bytes(ws, encode(document))
    assert export_document(ws, include_audit=True) == before
    assert dump(ws) == before_dump


def test_parse_document_alone_raises_interchange_error(small: dict[str, Any]) -> None:
    with pytest.raises(InterchangeError, match=r"^\$\.format_version: "):
        parse_document(encode({**small, "format_version": 99}))
    assert parse_document(encode(small)).format_version == FORMAT_VERSION  # type: ignore[attr-defined]


def _older(small: dict[str, Any], version: int) -> dict[str, Any]:
    """``small`` as a file of an older format ``version`` had it: without the later fields."""
    from planner.domain.interchange import ADDED_IN

    old = json.loads(json.dumps(small))
    old["format_version"] = version
    for added_in, kinds in ADDED_IN.items():
        if added_in <= version:
            continue
        for name in kinds.get("workspace_info", ()):
            old["workspace"].pop(name, None)
        for section, kind_name in SECTIONS.items():
            for record in old.get(section, []):
                for name in kinds.get(kind_name, ()):
                    record.pop(name, None)
    return old


def _version_one(small: dict[str, Any]) -> dict[str, Any]:
    return _older(small, 1)


def test_a_version_one_file_imports_with_the_new_fields_at_their_defaults(
    small: dict[str, Any],
) -> None:
    document = parse_document(encode(_version_one(small)))
    assert document.format_version == FORMAT_VERSION  # type: ignore[attr-defined]
    system = document.systems[0]  # type: ignore[attr-defined]
    assert system.processes_personal_data is False
    assert system.fallback_procedure == ""
    assert system.overseer_id is None


def test_a_version_one_file_may_not_carry_version_two_fields(small: dict[str, Any]) -> None:
    old = _version_one(small)
    old["systems"][0]["customer_facing"] = True
    with pytest.raises(InterchangeError, match=r"^\$\.systems\[0\]\.customer_facing: not a field"):
        parse_document(encode(old))


def test_a_version_two_file_imports_with_the_reader_fields_at_their_defaults(
    small: dict[str, Any], other: Workspace
) -> None:
    from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS

    old = _older(small, 2)
    assert "dashboards" not in old["systems"][0]
    assert "resolution_minutes" not in old["support_tiers"][0]
    assert "sev1_definition" not in old["workspace"]
    import_bytes(other, encode(old))
    plan = load_plan(other)
    system = next(iter(plan))
    assert system.system.dashboards == ""
    assert {(t.resolution_minutes, t.escalate_when) for t in system.support_tiers} == {(None, "")}
    for severity, text in DEFAULT_SEVERITY_DEFINITIONS.items():
        assert plan.info.severity_definition(severity) == text
    assert json.loads(exported(other))["format_version"] == 3


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("systems", "dashboards"),
        ("support_tiers", "resolution_minutes"),
        ("support_tiers", "escalate_when"),
        ("workspace", "sev2_definition"),
    ],
)
def test_a_version_two_file_may_not_carry_version_three_fields(
    small: dict[str, Any], where: str, field: str
) -> None:
    old = _older(small, 2)
    record = old[where] if where == "workspace" else old[where][0]
    record[field] = 5 if field == "resolution_minutes" else "text"
    path = r"\$\.workspace" if where == "workspace" else rf"\$\.{where}\[0\]"
    with pytest.raises(
        InterchangeError, match=rf"^{path}\.{field}: not a field of format version 2"
    ):
        parse_document(encode(old))


def test_the_reader_fields_round_trip(small: dict[str, Any], other: Workspace) -> None:
    data = json.loads(json.dumps(small))
    data["systems"][0]["dashboards"] = "https://grafana.example/d/abc"
    data["support_tiers"][0]["resolution_minutes"] = 480
    data["support_tiers"][0]["escalate_when"] = "Not fixed within 4 hours"
    data["workspace"]["sev1_definition"] = "توقف الخدمة بالكامل"
    import_bytes(other, encode(data))
    again = json.loads(exported(other))
    assert again["systems"][0]["dashboards"] == "https://grafana.example/d/abc"
    tier = next(t for t in again["support_tiers"] if t["id"] == data["support_tiers"][0]["id"])
    assert (tier["resolution_minutes"], tier["escalate_when"]) == (480, "Not fixed within 4 hours")
    assert again["workspace"]["sev1_definition"] == "توقف الخدمة بالكامل"


def test_interchange_error_is_a_domain_error() -> None:
    from planner.domain.errors import DomainError

    assert issubclass(InterchangeError, DomainError)


# --- the published schema -------------------------------------------------------------


SCHEMA_FILE = "workspace.schema.json"


def test_the_schema_file_matches_the_models() -> None:
    path = resource_path("schema") / SCHEMA_FILE
    generated = json_schema()
    assert path.is_file(), (
        f"{path} is missing: write json_schema() there (json.dumps(indent=2, sort_keys=True))"
    )
    assert json.loads(path.read_text(encoding="utf-8")) == generated, (
        f"{path} is out of date: regenerate it from planner.domain.interchange.json_schema()"
    )


def test_the_schema_describes_every_section() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(interchange.SECTIONS) <= set(schema["properties"])
    assert schema.get("additionalProperties") is False
    assert "format_version" in schema["required"]


# --- bounds, offsets and keys (found by fault injection) ------------------------------

# (escalation targets have the same bound; the schema test below checks every integer)
POSITIONED = ("activities", "support_tiers", "escalation_levels")


@pytest.mark.parametrize("section", POSITIONED)
@pytest.mark.parametrize("value", [2**63, 2**64 + 1, 10**30, -1])
def test_positions_out_of_range_are_refused_with_their_path(
    ws: Workspace, small: dict[str, Any], section: str, value: int
) -> None:
    assert small[section], section
    refuse(ws, encode(mutate(small, (section, 0, "position"), value)), f"$.{section}[0].position")


def test_every_integer_in_the_schema_has_a_range() -> None:
    def walk(node: Any, where: str) -> Iterator[str]:
        if isinstance(node, dict):
            bounded = "maximum" in node or "exclusiveMaximum" in node
            if node.get("type") == "integer" and not bounded and "AuditRecord" not in where:
                yield where
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{where}[{index}]")

    schema = json_schema()
    unbounded = list(walk(schema.get("$defs", {}), "$"))
    assert unbounded == []


def test_a_utc_offset_is_converted_and_round_trips_exactly(
    ws: Workspace, small: dict[str, Any], tmp_path: Path
) -> None:
    document = mutate(small, ("people", 0, "created_at"), "2026-01-01T10:00:00+05:00")
    import_bytes(ws, encode(document))
    person = next(p for p in export_document(ws)["people"] if p["id"] == small["people"][0]["id"])
    assert person["created_at"] == "2026-01-01T05:00:00"

    first = exported(ws)
    again = create_workspace(tmp_path / "again.handover", actor="tester")
    try:
        import_bytes(again, first)
        assert exported(again) == first
    finally:
        again.close()


def test_two_activities_with_one_key_are_refused_naming_the_second(
    ws: Workspace, small: dict[str, Any]
) -> None:
    activity = small["activities"][0]
    twin = {**activity, "id": FRESH, "name": "Another"}
    document = {**small, "activities": [*small["activities"], twin]}
    message = refuse(ws, encode(document), f"$.activities[{len(small['activities'])}].key")
    assert "appears twice" in message

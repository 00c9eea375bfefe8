"""RACI cells, escalation level ordering, and whole-system operations (templates, copies).

Each operation is checked against the workspace file itself and the audit trail, and each
is undone exactly by ``revert``: the full export before the operation equals the export
after reverting it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from workspace_sql import audit_rows, dump, execute, select_rows

from planner.domain.errors import DomainError, NotFoundError
from planner.domain.registry import KINDS
from planner.domain.templates import load_templates
from planner.export.json_export import export_document
from planner.operations import (
    Change,
    add_escalation_level,
    add_system,
    apply_template,
    assign_raci,
    create_entity,
    delete_escalation_level,
    duplicate_system,
    move_escalation_level,
    revert,
    update_entity,
)
from planner.store.workspace import Workspace

TEMPLATE_KEYS = list(load_templates())
ID_COLUMNS = {"id", "created_at", "updated_at"}


# --- reading the file directly --------------------------------------------------------


def rows(ws: Workspace, kind_name: str, order: str = "id", **where: Any) -> list[dict[str, Any]]:
    return select_rows(ws, KINDS[kind_name].tablename, order=order, **where)


def count(ws: Workspace, kind_name: str, **where: Any) -> int:
    return len(rows(ws, kind_name, **where))


def audit(ws: Workspace) -> list[dict[str, Any]]:
    return audit_rows(ws)


def assert_refused(
    ws: Workspace, action: Callable[[], object], match: str, error: type[Exception] = DomainError
) -> None:
    before = dump(ws)
    with pytest.raises(error, match=match):
        action()
    assert dump(ws) == before, "a refused operation must write nothing"


def assert_reverts_exactly(ws: Workspace, operation: Callable[[], Change]) -> Change:
    """Run ``operation``; its revert restores the full export, its redo the result."""
    before = export_document(ws)
    change = operation()
    after = export_document(ws)
    assert after != before
    undo = revert(ws, change=change)
    assert export_document(ws) == before
    revert(ws, change=undo)
    assert export_document(ws) == after
    return change


def create(ws: Workspace, kind_name: str, values: dict[str, Any]) -> str:
    created = create_entity(ws, kind_name=kind_name, values=values).first_id(kind_name)
    assert created is not None
    return created


def activity(ws: Workspace, key: str = "support") -> str:
    return str(rows(ws, "activity", key=key)[0]["id"])


@pytest.fixture
def cast(ws: Workspace) -> dict[str, str]:
    system = create(ws, "system", {"name": "Claims Triage"})
    return {
        "system": system,
        "ada": create(ws, "person", {"name": "Ada"}),
        "bo": create(ws, "person", {"name": "Bo"}),
        "cy": create(ws, "person", {"name": "Cy"}),
        "desk": create(ws, "team", {"name": "Service Desk"}),
        "chain": create(ws, "escalation_chain", {"system_id": system, "severity": "sev1"}),
    }


# --- RACI -----------------------------------------------------------------------------


def cell(ws: Workspace, system: str, activity_id: str, **assignee: str) -> list[dict[str, Any]]:
    return rows(ws, "raci", system_id=system, activity_id=activity_id, **assignee)


def test_assign_raci_sets_replaces_and_clears_one_row_per_cell(
    ws: Workspace, cast: dict[str, str]
) -> None:
    system, ada, support = cast["system"], cast["ada"], activity(ws)

    first = assign_raci(ws, system_id=system, activity_id=support, role="R", person_id=ada)
    landed = cell(ws, system, support, person_id=ada)
    assert [r["role"] for r in landed] == ["R"]
    event = audit(ws)[-1]
    assert (event["operation"], event["actor"], event["seq"]) == (
        "assign_raci",
        "tester",
        first.seq,
    )
    assert event["system_id"] == system
    assert event["entity_id"] == landed[0]["id"]
    assert event["before"] == {"activity": "support", "assignee": "Ada", "role": None}
    assert event["after"] == {"activity": "support", "assignee": "Ada", "role": "R"}

    assign_raci(ws, system_id=system, activity_id=support, role="A", person_id=ada)
    replaced = cell(ws, system, support, person_id=ada)
    assert [(r["id"], r["role"]) for r in replaced] == [(landed[0]["id"], "A")]
    assert audit(ws)[-1]["before"]["role"] == "R"
    assert audit(ws)[-1]["after"]["role"] == "A"

    clear = assign_raci(ws, system_id=system, activity_id=support, role=None, person_id=ada)
    assert cell(ws, system, support, person_id=ada) == []
    assert clear.operation == "unassign_raci"
    assert audit(ws)[-1]["operation"] == "unassign_raci"
    assert count(ws, "raci") == 0


def test_cells_are_per_assignee_and_per_activity(ws: Workspace, cast: dict[str, str]) -> None:
    system, support, monitoring = cast["system"], activity(ws), activity(ws, "monitoring")
    assign_raci(ws, system_id=system, activity_id=support, role="A", person_id=cast["ada"])
    assign_raci(ws, system_id=system, activity_id=support, role="R", person_id=cast["bo"])
    assign_raci(ws, system_id=system, activity_id=monitoring, role="C", person_id=cast["ada"])
    assign_raci(ws, system_id=system, activity_id=support, role="I", team_id=cast["desk"])
    assert count(ws, "raci") == 4
    team_row = cell(ws, system, support, team_id=cast["desk"])
    assert [(r["role"], r["person_id"]) for r in team_row] == [("I", None)]
    assign_raci(ws, system_id=system, activity_id=support, role="C", team_id=cast["desk"])
    assert [r["role"] for r in cell(ws, system, support, team_id=cast["desk"])] == ["C"]
    assert count(ws, "raci") == 4


@pytest.mark.parametrize(
    ("role", "assignee"),
    [("R", "person"), ("I", "team"), (None, "person")],
    ids=["set", "team", "clear"],
)
def test_assign_raci_is_undone_exactly(
    ws: Workspace, cast: dict[str, str], role: str | None, assignee: str
) -> None:
    system, support = cast["system"], activity(ws)
    who = {"person_id": cast["ada"]} if assignee == "person" else {"team_id": cast["desk"]}
    if role is None:
        assign_raci(ws, system_id=system, activity_id=support, role="A", **who)
    assert_reverts_exactly(
        ws, lambda: assign_raci(ws, system_id=system, activity_id=support, role=role, **who)
    )


def test_replacing_a_raci_letter_is_undone_exactly(ws: Workspace, cast: dict[str, str]) -> None:
    system, support = cast["system"], activity(ws)
    assign_raci(ws, system_id=system, activity_id=support, role="R", person_id=cast["ada"])
    assert_reverts_exactly(
        ws,
        lambda: assign_raci(
            ws, system_id=system, activity_id=support, role="A", person_id=cast["ada"]
        ),
    )


RACI_ERRORS: dict[str, tuple[Callable[[dict[str, str], str], dict[str, Any]], str, type]] = {
    "no assignee": (lambda c, a: {"role": "R"}, "exactly one person or one team", DomainError),
    "two assignees": (
        lambda c, a: {"role": "R", "person_id": c["ada"], "team_id": c["desk"]},
        "exactly one person or one team",
        DomainError,
    ),
    "unknown system": (
        lambda c, a: {"role": "R", "person_id": c["ada"], "system_id": str(uuid.uuid4())},
        "no AI system with id",
        NotFoundError,
    ),
    "unknown activity": (
        lambda c, a: {"role": "R", "person_id": c["ada"], "activity_id": str(uuid.uuid4())},
        "no activity with id",
        NotFoundError,
    ),
    "unknown person": (
        lambda c, a: {"role": "R", "person_id": str(uuid.uuid4())},
        "no person with id",
        NotFoundError,
    ),
    "unknown team": (
        lambda c, a: {"role": "R", "team_id": str(uuid.uuid4())},
        "no team with id",
        NotFoundError,
    ),
    "unknown letter": (lambda c, a: {"role": "X", "person_id": c["ada"]}, "X", DomainError),
}


@pytest.mark.parametrize("case", list(RACI_ERRORS))
def test_assign_raci_errors_write_nothing(ws: Workspace, cast: dict[str, str], case: str) -> None:
    make, message, error = RACI_ERRORS[case]
    values = {"system_id": cast["system"], "activity_id": activity(ws), **make(cast, "")}
    assert_refused(ws, lambda: assign_raci(ws, **values), message, error)


# --- escalation levels ----------------------------------------------------------------


def levels(ws: Workspace, chain: str) -> list[dict[str, Any]]:
    return rows(ws, "escalation_level", order="position", chain_id=chain)


def positions(ws: Workspace, chain: str) -> list[tuple[int, str]]:
    return [(lv["position"], lv["note"]) for lv in levels(ws, chain)]


def add_levels(ws: Workspace, chain: str, notes: str) -> list[str]:
    made = []
    for note in notes:
        change = add_escalation_level(ws, chain_id=chain, note=note, delay_minutes=10)
        level_id = change.first_id("escalation_level")
        assert level_id is not None
        made.append(level_id)
    return made


def test_add_level_at_the_end_with_targets(ws: Workspace, cast: dict[str, str]) -> None:
    chain = cast["chain"]
    add_levels(ws, chain, "ab")
    change = add_escalation_level(
        ws,
        chain_id=chain,
        delay_minutes=30,
        response_minutes=15,
        note="c",
        person_ids=[cast["bo"], cast["ada"]],
        team_ids=[cast["desk"]],
    )
    assert positions(ws, chain) == [(0, "a"), (1, "b"), (2, "c")]
    new = levels(ws, chain)[2]
    assert (new["delay_minutes"], new["response_minutes"]) == (30, 15)
    targets = rows(ws, "escalation_target", order="position", level_id=new["id"])
    assert [(t["position"], t["person_id"], t["team_id"]) for t in targets] == [
        (0, cast["bo"], None),
        (1, cast["ada"], None),
        (2, None, cast["desk"]),
    ]
    event = audit(ws)[-1]
    assert event["operation"] == "add_escalation_level"
    assert event["entity_id"] == new["id"] == change.first_id("escalation_level")
    assert event["system_id"] == cast["system"]
    assert event["after"]["position"] == 2
    assert event["after"]["targets"] == [cast["bo"], cast["ada"], cast["desk"]]


@pytest.mark.parametrize(
    ("position", "expected"),
    [(0, "xabc"), (1, "axbc"), (3, "abcx"), (99, "abcx"), (-4, "xabc")],
)
def test_add_level_at_a_position_renumbers(
    ws: Workspace, cast: dict[str, str], position: int, expected: str
) -> None:
    chain = cast["chain"]
    add_levels(ws, chain, "abc")
    add_escalation_level(ws, chain_id=chain, note="x", position=position)
    assert positions(ws, chain) == list(enumerate(expected))


def test_add_level_is_undone_exactly(ws: Workspace, cast: dict[str, str]) -> None:
    chain = cast["chain"]
    add_levels(ws, chain, "ab")
    assert_reverts_exactly(
        ws,
        lambda: add_escalation_level(
            ws, chain_id=chain, note="x", position=0, person_ids=[cast["ada"]]
        ),
    )
    assert positions(ws, chain) == [(0, "x"), (1, "a"), (2, "b")]


def test_add_level_errors_write_nothing(ws: Workspace, cast: dict[str, str]) -> None:
    chain = cast["chain"]
    add_levels(ws, chain, "a")
    assert_refused(
        ws,
        lambda: add_escalation_level(ws, chain_id=chain, person_ids=[cast["ada"], cast["ada"]]),
        "the same target is named twice",
    )
    assert_refused(
        ws,
        lambda: add_escalation_level(ws, chain_id=str(uuid.uuid4())),
        "no escalation chain",
        NotFoundError,
    )
    assert_refused(
        ws,
        lambda: add_escalation_level(ws, chain_id=chain, delay_minutes=-1),
        "delay_minutes",
    )
    assert_refused(
        ws,
        lambda: add_escalation_level(ws, chain_id=chain, person_ids=[str(uuid.uuid4())]),
        "person names no person",
    )


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [(0, 3, "bcda"), (3, 0, "dabc"), (1, 2, "acbd"), (2, 2, "abcd"), (0, 1, "bacd")],
)
def test_move_level_renumbers_and_keeps_order(
    ws: Workspace, cast: dict[str, str], source: int, target: int, expected: str
) -> None:
    chain = cast["chain"]
    made = add_levels(ws, chain, "abcd")
    change = move_escalation_level(ws, level_id=made[source], position=target)
    assert positions(ws, chain) == list(enumerate(expected))
    event = audit(ws)[-1]
    assert event["seq"] == change.seq
    assert event["operation"] == "move_escalation_level"
    assert (event["before"], event["after"]) == ({"position": source}, {"position": target})


def test_move_level_is_undone_exactly(ws: Workspace, cast: dict[str, str]) -> None:
    chain = cast["chain"]
    made = add_levels(ws, chain, "abcd")
    assert_reverts_exactly(ws, lambda: move_escalation_level(ws, level_id=made[0], position=2))
    assert positions(ws, chain) == list(enumerate("bcad"))


@pytest.mark.parametrize("position", [4, 5, -1])
def test_move_level_out_of_range_is_refused(
    ws: Workspace, cast: dict[str, str], position: int
) -> None:
    made = add_levels(ws, cast["chain"], "abcd")
    assert_refused(
        ws,
        lambda: move_escalation_level(ws, level_id=made[1], position=position),
        r"Escalation level: position -?\d+ is outside 1\.\.4",
    )


def test_move_of_a_missing_level_is_refused(ws: Workspace, cast: dict[str, str]) -> None:
    assert_refused(
        ws,
        lambda: move_escalation_level(ws, level_id=str(uuid.uuid4()), position=0),
        "no escalation level",
        NotFoundError,
    )


@pytest.mark.parametrize(("index", "expected"), [(0, "bcd"), (1, "acd"), (3, "abc")])
def test_delete_level_closes_the_gap(
    ws: Workspace, cast: dict[str, str], index: int, expected: str
) -> None:
    chain = cast["chain"]
    made = add_levels(ws, chain, "abc")
    last = add_escalation_level(ws, chain_id=chain, note="d", person_ids=[cast["ada"]])
    made.append(str(last.first_id("escalation_level")))
    change = delete_escalation_level(ws, level_id=made[index])
    assert positions(ws, chain) == list(enumerate(expected))
    assert count(ws, "escalation_level", id=made[index]) == 0
    assert count(ws, "escalation_target", level_id=made[index]) == 0
    assert count(ws, "escalation_target") == (0 if index == 3 else 1)
    event = audit(ws)[-1]
    assert (event["operation"], event["seq"]) == ("delete_escalation_level", change.seq)
    assert event["before"]["id"] == made[index]


def test_delete_level_is_undone_exactly(ws: Workspace, cast: dict[str, str]) -> None:
    chain = cast["chain"]
    add_levels(ws, chain, "a")
    middle = add_escalation_level(ws, chain_id=chain, note="b", team_ids=[cast["desk"]])
    add_levels(ws, chain, "c")
    level_id = str(middle.first_id("escalation_level"))
    assert_reverts_exactly(ws, lambda: delete_escalation_level(ws, level_id=level_id))
    assert positions(ws, chain) == list(enumerate("ac"))


# --- systems from templates -----------------------------------------------------------


OWNER_COLUMNS = {
    "document": ("owner_id",),
    "support_tier": ("team_id",),
    "retraining_plan": ("owner_id", "approver_id"),
    "monitoring_signal": ("owner_id", "alert_person_id", "alert_team_id"),
    "governance_control": ("owner_id",),
    "readiness_criterion": ("owner_id",),
}


def template_counts(key: str) -> dict[str, int]:
    t = load_templates()[key]
    return {
        "document": len(t.documents),
        "support_tier": len(t.support_tiers),
        "escalation_chain": len(t.escalation_chains),
        "escalation_level": sum(len(c.levels) for c in t.escalation_chains),
        "escalation_target": 0,
        "retraining_plan": int(t.retraining is not None),
        "monitoring_signal": len(t.monitoring_signals),
        "human_review_rule": len(t.human_review_rules),
        "governance_control": len(t.governance_controls),
        "readiness_criterion": len(t.readiness_criteria),
        "baseline": len(t.baselines),
        "raci": 0,
        "data_source": 0,
        "sign_off": 0,
        "action_item": 0,
    }


def system_counts(ws: Workspace, system: str) -> dict[str, int]:
    counts = {
        name: count(ws, name, system_id=system)
        for name, k in KINDS.items()
        if k.parent == "system_id"
    }
    chains = [c["id"] for c in rows(ws, "escalation_chain", system_id=system)]
    level_ids = [lv["id"] for c in chains for lv in rows(ws, "escalation_level", chain_id=c)]
    counts["escalation_level"] = len(level_ids)
    counts["escalation_target"] = sum(
        count(ws, "escalation_target", level_id=lv) for lv in level_ids
    )
    return counts


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_add_system_from_each_template(ws: Workspace, key: str) -> None:
    template = load_templates()[key]
    change = add_system(ws, name=f"From {key}", template=key)
    system = change.first_id("system")
    assert system is not None

    counts = system_counts(ws, system)
    assert counts == template_counts(key)
    landed = rows(ws, "system", id=system)[0]
    assert landed["template"] == key
    assert landed["locked"] == 0
    for field, value in template.system.model_dump(mode="json").items():
        assert landed[field] == (int(value) if isinstance(value, bool) else value), field
    for kind_name, columns in OWNER_COLUMNS.items():
        for r in rows(ws, kind_name, system_id=system):
            assert all(r[c] is None for c in columns), (kind_name, r)
    assert sorted(r["title"] for r in rows(ws, "document", system_id=system)) == sorted(
        d.title for d in template.documents
    )
    chains = rows(ws, "escalation_chain", system_id=system)
    assert sorted(c["severity"] for c in chains) == sorted(
        c.severity.value for c in template.escalation_chains
    )
    for chain in template.escalation_chains:
        chain_id = next(c["id"] for c in chains if c["severity"] == chain.severity.value)
        got = [(lv["position"], lv["delay_minutes"], lv["note"]) for lv in levels(ws, chain_id)]
        assert got == [(i, lv.delay_minutes, lv.note) for i, lv in enumerate(chain.levels)]
    tiers = rows(ws, "support_tier", order="position", system_id=system)
    assert [
        (t["position"], t["level"], t["resolution_minutes"], t["escalate_when"]) for t in tiers
    ] == [
        (i, tier.level.value, tier.resolution_minutes, tier.escalate_when)
        for i, tier in enumerate(template.support_tiers)
    ]

    events = audit(ws)
    assert [e["operation"] for e in events] == ["create_workspace", "add_system"]
    assert events[-1]["entity_id"] == system
    assert events[-1]["after"]["rows_from_template"] == sum(counts.values())
    assert len(change.created) == sum(counts.values()) + 1


def test_add_system_without_template_and_with_fields(ws: Workspace) -> None:
    change = add_system(ws, name="Plain", risk_tier="high", regulated=True)
    system = change.first_id("system")
    landed = rows(ws, "system", id=system)[0]
    assert (landed["template"], landed["risk_tier"], landed["regulated"]) == (None, "high", 1)
    assert sum(system_counts(ws, str(system)).values()) == 0


def test_add_system_errors_write_nothing(ws: Workspace) -> None:
    add_system(ws, name="Taken")
    assert_refused(ws, lambda: add_system(ws, name="X", template="no_such"), "no template")
    assert_refused(
        ws, lambda: add_system(ws, name="Taken", template=TEMPLATE_KEYS[0]), "already one"
    )
    assert_refused(ws, lambda: add_system(ws, name=""), "AI system: name")


@pytest.mark.parametrize("key", TEMPLATE_KEYS[:2])
def test_add_system_is_undone_exactly(ws: Workspace, key: str) -> None:
    assert_reverts_exactly(ws, lambda: add_system(ws, name="Undo me", template=key))
    assert [r["name"] for r in rows(ws, "system")] == ["Undo me"]


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_apply_template_to_a_blank_system(ws: Workspace, key: str) -> None:
    system = create(ws, "system", {"name": "Blank"})
    change = apply_template(ws, system_id=system, template=key)
    assert system_counts(ws, system) == template_counts(key)
    assert rows(ws, "system", id=system)[0]["template"] == key
    event = audit(ws)[-1]
    assert (event["operation"], event["entity_id"], event["seq"]) == (
        "apply_template",
        system,
        change.seq,
    )
    assert event["after"] == {"template": key, "rows_added": sum(template_counts(key).values())}


def test_apply_template_keeps_an_existing_template_and_chain(ws: Workspace) -> None:
    first, second = TEMPLATE_KEYS[0], TEMPLATE_KEYS[1]
    system = str(add_system(ws, name="S", template=first).first_id("system"))
    chains_before = rows(ws, "escalation_chain", system_id=system)
    levels_before = system_counts(ws, system)["escalation_level"]
    apply_template(ws, system_id=system, template=second)
    assert rows(ws, "system", id=system)[0]["template"] == first
    # one chain per severity: the existing ones (and their levels) are kept as they were
    assert rows(ws, "escalation_chain", system_id=system) == chains_before
    assert system_counts(ws, system)["escalation_level"] == levels_before
    assert count(ws, "retraining_plan", system_id=system) == 1


def test_apply_template_is_undone_exactly(ws: Workspace) -> None:
    system = create(ws, "system", {"name": "Blank"})
    assert_reverts_exactly(
        ws, lambda: apply_template(ws, system_id=system, template=TEMPLATE_KEYS[2])
    )
    assert rows(ws, "system", id=system)[0]["template"] == TEMPLATE_KEYS[2]


def test_apply_template_errors_write_nothing(ws: Workspace) -> None:
    system = create(ws, "system", {"name": "Blank"})
    assert_refused(
        ws, lambda: apply_template(ws, system_id=system, template="nope"), "no template 'nope'"
    )
    assert_refused(
        ws,
        lambda: apply_template(ws, system_id=str(uuid.uuid4()), template=TEMPLATE_KEYS[0]),
        "no AI system",
        NotFoundError,
    )


# --- duplicating ----------------------------------------------------------------------


@pytest.fixture
def source(ws: Workspace, cast: dict[str, str]) -> str:
    """A filled-in, signed and locked system to copy."""
    system = str(add_system(ws, name="Original", template="document_extraction").first_id("system"))
    ada, bo, desk = cast["ada"], cast["bo"], cast["desk"]
    for document in rows(ws, "document", system_id=system):
        update_entity(ws, kind_name="document", entity_id=document["id"], values={"owner_id": ada})
    create(ws, "data_source", {"system_id": system, "name": "Warehouse", "owner_id": bo})
    assign_raci(ws, system_id=system, activity_id=activity(ws), role="A", person_id=ada)
    assign_raci(ws, system_id=system, activity_id=activity(ws), role="R", team_id=desk)
    for chain in rows(ws, "escalation_chain", system_id=system):
        add_escalation_level(
            ws, chain_id=chain["id"], position=0, person_ids=[ada, bo], team_ids=[desk]
        )
    create(
        ws,
        "sign_off",
        {"system_id": system, "role": "data_owner", "person_id": ada, "signed_on": "2026-03-01"},
    )
    create(ws, "action_item", {"text": "Open point", "system_id": system})
    execute(
        ws,
        "UPDATE ai_system SET locked = TRUE, signed_hash = :digest, signed_at = :at WHERE id = :id",
        digest="ab" * 32,
        at=dt.datetime(2026, 3, 1, 10, 0),
        id=system,
    )
    return system


def comparable(row: dict[str, Any], *remapped: str) -> dict[str, Any]:
    # A copy is a new row (version 1), whatever the version of the row it copies.
    return {k: v for k, v in row.items() if k not in ID_COLUMNS | {"version"} | set(remapped)}


def test_duplicate_system_copies_the_plan_but_not_sign_offs(ws: Workspace, source: str) -> None:
    original = system_counts(ws, source)
    change = duplicate_system(ws, system_id=source, name="Copy")
    assert {record.values["version"] for record in change.created} == {1}
    copy = change.first_id("system")
    assert copy is not None
    assert copy != source

    copied = system_counts(ws, copy)
    assert copied == {**original, "sign_off": 0, "action_item": 0}
    assert original["sign_off"] == 1
    assert original["action_item"] == 1
    assert original["escalation_target"] > 0
    assert system_counts(ws, source) == original  # the original is untouched

    new_system = rows(ws, "system", id=copy)[0]
    old_system = rows(ws, "system", id=source)[0]
    assert new_system["name"] == "Copy"
    assert (new_system["locked"], new_system["signed_hash"], new_system["signed_at"]) == (
        0,
        None,
        None,
    )
    assert comparable(new_system, "name", "locked", "signed_hash", "signed_at") == comparable(
        old_system, "name", "locked", "signed_hash", "signed_at"
    )

    for kind_name in ("document", "data_source", "raci", "support_tier", "monitoring_signal"):
        old = rows(ws, kind_name, system_id=source)
        new = rows(ws, kind_name, system_id=copy)
        assert not {r["id"] for r in old} & {r["id"] for r in new}
        key = lambda r: json.dumps(comparable(r, "system_id"), sort_keys=True)  # noqa: E731
        assert sorted(map(key, new)) == sorted(map(key, old)), kind_name

    old_chains = {c["severity"]: c for c in rows(ws, "escalation_chain", system_id=source)}
    new_chains = {c["severity"]: c for c in rows(ws, "escalation_chain", system_id=copy)}
    assert old_chains.keys() == new_chains.keys()
    for severity, old_chain in old_chains.items():
        new_chain = new_chains[severity]
        assert new_chain["id"] != old_chain["id"]
        old_levels, new_levels = levels(ws, old_chain["id"]), levels(ws, new_chain["id"])
        assert [comparable(lv, "chain_id") for lv in new_levels] == [
            comparable(lv, "chain_id") for lv in old_levels
        ]
        for old_level, new_level in zip(old_levels, new_levels, strict=True):
            assert new_level["id"] != old_level["id"]
            old_targets = rows(ws, "escalation_target", "position", level_id=old_level["id"])
            new_targets = rows(ws, "escalation_target", "position", level_id=new_level["id"])
            assert [comparable(t, "level_id") for t in new_targets] == [
                comparable(t, "level_id") for t in old_targets
            ]
            assert not {t["id"] for t in old_targets} & {t["id"] for t in new_targets}

    event = audit(ws)[-1]
    assert (event["operation"], event["entity_id"], event["seq"]) == (
        "duplicate_system",
        copy,
        change.seq,
    )
    assert event["before"] == {"source": source}
    assert event["after"] == {"name": "Copy", "rows_copied": sum(copied.values()) + 1}


def test_the_copy_is_editable_while_the_original_is_locked(ws: Workspace, source: str) -> None:
    copy = str(duplicate_system(ws, system_id=source, name="Copy").first_id("system"))
    update_entity(ws, kind_name="system", entity_id=copy, values={"purpose": "Edited"})
    assert rows(ws, "system", id=copy)[0]["purpose"] == "Edited"


def test_duplicate_system_is_undone_exactly(ws: Workspace, source: str) -> None:
    assert_reverts_exactly(ws, lambda: duplicate_system(ws, system_id=source, name="Copy"))
    names = [r["name"] for r in rows(ws, "system", order="name")]
    assert names == ["Claims Triage", "Copy", "Original"]


def test_duplicate_system_errors_write_nothing(ws: Workspace, source: str) -> None:
    assert_refused(
        ws,
        lambda: duplicate_system(ws, system_id=source, name="Claims Triage"),
        "there is already one with name 'Claims Triage'",
    )
    assert_refused(
        ws,
        lambda: duplicate_system(ws, system_id=str(uuid.uuid4()), name="Copy"),
        "no AI system",
        NotFoundError,
    )
    assert_refused(ws, lambda: duplicate_system(ws, system_id=source, name=" "), "AI system: name")

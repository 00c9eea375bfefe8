"""Generic entity operations: create, update, delete, revert; validation, cascades, locks.

Every check reads the database back with plain SQL (tests/workspace_sql.py), so it asserts
on what landed in the tables and in the audit trail, not on what the operation says it did;
with HANDOVER_TEST_BACKEND=postgresql the same checks run on a server workspace.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest
from workspace_sql import audit_rows, dump, execute, select_rows

from planner.domain.errors import DomainError, LockedError, NotFoundError
from planner.domain.registry import KINDS
from planner.export.json_export import export_document
from planner.operations import (
    add_escalation_level,
    add_system,
    apply_template,
    assign_raci,
    create_entity,
    delete_entity,
    revert,
    update_entity,
)
from planner.store.workspace import Workspace

ENTITY_KINDS = [name for name in KINDS if name != "workspace_info"]


# --- reading the file directly --------------------------------------------------------


def rows(ws: Workspace, kind_name: str, **where: Any) -> list[dict[str, Any]]:
    return select_rows(ws, KINDS[kind_name].tablename, **where)


def row(ws: Workspace, kind_name: str, entity_id: str) -> dict[str, Any] | None:
    found = rows(ws, kind_name, id=entity_id)
    return found[0] if found else None


def count(ws: Workspace, kind_name: str, **where: Any) -> int:
    return len(rows(ws, kind_name, **where))


def audit(ws: Workspace) -> list[dict[str, Any]]:
    return audit_rows(ws)


def set_locked(ws: Workspace, system_id: str) -> None:
    execute(ws, "UPDATE ai_system SET locked = TRUE WHERE id = :id", id=system_id)


def jsonable(value: Any) -> Any:
    """A value as the audit trail records it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def stored(value: Any) -> Any:
    """A value as sqlite3 returns it from the file."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def assert_refused(
    ws: Workspace,
    action: Callable[[], object],
    match: str,
    error: type[Exception] = DomainError,
) -> None:
    before = dump(ws)
    with pytest.raises(error, match=match):
        action()
    assert dump(ws) == before, "a refused operation must write nothing"


# --- building minimal valid rows -------------------------------------------------------


def create(ws: Workspace, kind_name: str, values: dict[str, Any]) -> str:
    change = create_entity(ws, kind_name=kind_name, values=values)
    created = change.first_id(kind_name)
    assert created is not None
    return created


def activity_id(ws: Workspace, key: str = "support") -> str:
    return str(rows(ws, "activity", key=key)[0]["id"])


class World:
    """Parents built on demand, each once per test."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._cache: dict[str, str] = {}

    def _once(self, key: str, make: Callable[[], str]) -> str:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @property
    def system(self) -> str:
        return self._once("system", lambda: create(self.ws, "system", {"name": "Parent system"}))

    @property
    def person(self) -> str:
        return self._once("person", lambda: create(self.ws, "person", {"name": "Parent person"}))

    @property
    def team(self) -> str:
        return self._once("team", lambda: create(self.ws, "team", {"name": "Parent team"}))

    @property
    def chain(self) -> str:
        return self._once(
            "chain", lambda: create(self.ws, "escalation_chain", {"system_id": self.system})
        )

    @property
    def level(self) -> str:
        return self._once(
            "level", lambda: create(self.ws, "escalation_level", {"chain_id": self.chain})
        )


# kind -> (minimal values, an edit that changes one field)
Factory = Callable[[World], dict[str, Any]]
FACTORIES: dict[str, tuple[Factory, dict[str, Any]]] = {
    "team": (lambda w: {"name": "Service Desk"}, {"description": "First line"}),
    "person": (lambda w: {"name": "Ada Lovelace"}, {"title": "Service owner"}),
    "activity": (lambda w: {"key": "vendor_review", "name": "Vendor review"}, {"position": 42}),
    "system": (lambda w: {"name": "Claims Triage"}, {"purpose": "Sort incoming claims"}),
    "data_source": (
        lambda w: {"system_id": w.system, "name": "Warehouse"},
        {"refresh_cadence": "daily"},
    ),
    "raci": (
        lambda w: {
            "system_id": w.system,
            "activity_id": activity_id(w.ws),
            "person_id": w.person,
            "role": "R",
        },
        {"role": "A"},
    ),
    "support_tier": (lambda w: {"system_id": w.system}, {"address": "desk@example.com"}),
    "escalation_chain": (lambda w: {"system_id": w.system}, {"repeat_loops": 2}),
    "escalation_level": (lambda w: {"chain_id": w.chain}, {"note": "Call the on-call lead"}),
    "escalation_target": (
        lambda w: {"level_id": w.level, "person_id": w.person},
        {"position": 3},
    ),
    "document": (
        lambda w: {"system_id": w.system, "title": "Runbook"},
        {"location": "https://wiki.example/runbook"},
    ),
    "retraining_plan": (lambda w: {"system_id": w.system}, {"cadence": "quarterly"}),
    "monitoring_signal": (
        lambda w: {"system_id": w.system, "kind": "usage"},
        {"metric": "requests per day"},
    ),
    "human_review_rule": (
        lambda w: {"system_id": w.system, "outputs": "Low-confidence fields"},
        {"trigger": "confidence < 0.8"},
    ),
    "governance_control": (
        lambda w: {"system_id": w.system, "kind": "audit_trail"},
        {"evidence": "Audit log retained 7 years"},
    ),
    "readiness_criterion": (
        lambda w: {"system_id": w.system, "area": "security"},
        {"evidence": "Pen test passed"},
    ),
    "baseline": (lambda w: {"system_id": w.system, "metric": "Handling time"}, {"unit": "min"}),
    "sign_off": (
        lambda w: {
            "system_id": w.system,
            "role": "business_owner",
            "person_id": w.person,
            "signed_on": dt.date(2026, 1, 31),
        },
        {"comment": "Approved at the board"},
    ),
    "action_item": (lambda w: {"text": "Agree the review date"}, {"status": "done"}),
}


def test_every_kind_has_a_factory() -> None:
    assert sorted(FACTORIES) == sorted(ENTITY_KINDS)


@pytest.fixture
def world(ws: Workspace) -> World:
    return World(ws)


# --- create, update, delete -----------------------------------------------------------


@pytest.mark.parametrize("kind_name", ENTITY_KINDS)
def test_create_writes_the_row_and_one_audit_event(
    ws: Workspace, world: World, kind_name: str
) -> None:
    values = FACTORIES[kind_name][0](world)
    rows_before = count(ws, kind_name)
    events_before = len(audit(ws))

    change = create_entity(ws, kind_name=kind_name, values=values)

    new_id = change.first_id(kind_name)
    assert new_id is not None
    assert count(ws, kind_name) == rows_before + 1
    landed = row(ws, kind_name, new_id)
    assert landed is not None
    for key, value in values.items():
        assert landed[key] == stored(value), key
    events = audit(ws)
    assert len(events) == events_before + 1
    event = events[-1]
    assert event["seq"] == change.seq
    assert event["operation"] == f"create_{kind_name}"
    assert event["actor"] == "tester"
    assert event["entity_type"] == kind_name
    assert event["entity_id"] == new_id
    assert event["before"] is None
    assert event["after"]["id"] == new_id
    for key, value in values.items():
        assert event["after"][key] == jsonable(value), key


@pytest.mark.parametrize("kind_name", ENTITY_KINDS)
def test_update_changes_the_row_and_audits_only_changed_fields(
    ws: Workspace, world: World, kind_name: str
) -> None:
    values, edit = FACTORIES[kind_name][0](world), FACTORIES[kind_name][1]
    entity_id = create(ws, kind_name, values)
    old = row(ws, kind_name, entity_id)
    assert old is not None
    (field, new_value) = next(iter(edit.items()))
    unchanged_field, unchanged_value = next(iter(values.items()))
    events_before = len(audit(ws))

    # An unchanged field passed along must not show up in the audit event.
    change = update_entity(
        ws,
        kind_name=kind_name,
        entity_id=entity_id,
        values={field: new_value, unchanged_field: unchanged_value},
    )

    new = row(ws, kind_name, entity_id)
    assert new is not None
    assert new[field] == stored(new_value)
    assert {k: v for k, v in new.items() if k not in (field, "updated_at", "version")} == {
        k: v for k, v in old.items() if k not in (field, "updated_at", "version")
    }
    assert new["version"] == old["version"] + 1
    events = audit(ws)
    assert len(events) == events_before + 1
    event = events[-1]
    assert event["seq"] == change.seq > 0
    assert event["operation"] == f"update_{kind_name}"
    assert event["actor"] == "tester"
    assert event["entity_id"] == entity_id
    assert event["before"] == {field: jsonable(old[field])}
    assert event["after"] == {field: jsonable(new_value)}


@pytest.mark.parametrize("kind_name", ENTITY_KINDS)
def test_update_that_changes_nothing_records_nothing(
    ws: Workspace, world: World, kind_name: str
) -> None:
    values = FACTORIES[kind_name][0](world)
    entity_id = create(ws, kind_name, values)
    before = dump(ws)

    change = update_entity(ws, kind_name=kind_name, entity_id=entity_id, values=values)

    assert change.seq == 0
    assert change.is_empty
    assert dump(ws) == before


@pytest.mark.parametrize("kind_name", ENTITY_KINDS)
def test_delete_removes_the_row_and_audits_it(ws: Workspace, world: World, kind_name: str) -> None:
    entity_id = create(ws, kind_name, FACTORIES[kind_name][0](world))
    events_before = len(audit(ws))

    change = delete_entity(ws, kind_name=kind_name, entity_id=entity_id)

    assert row(ws, kind_name, entity_id) is None
    events = audit(ws)
    assert len(events) == events_before + 1
    assert events[-1]["operation"] == f"delete_{kind_name}"
    assert events[-1]["entity_id"] == entity_id
    assert events[-1]["before"]["id"] == entity_id
    assert events[-1]["seq"] == change.seq


@pytest.mark.parametrize("kind_name", ENTITY_KINDS)
def test_revert_of_create_update_delete_restores_each_step(
    ws: Workspace, world: World, kind_name: str
) -> None:
    values, edit = FACTORIES[kind_name][0](world), FACTORIES[kind_name][1]
    empty = export_document(ws)
    created = create_entity(ws, kind_name=kind_name, values=values)
    entity_id = created.first_id(kind_name)
    assert entity_id is not None
    after_create = export_document(ws)
    updated = update_entity(ws, kind_name=kind_name, entity_id=entity_id, values=edit)
    after_update = export_document(ws)
    deleted = delete_entity(ws, kind_name=kind_name, entity_id=entity_id)

    revert(ws, change=deleted)
    assert export_document(ws) == after_update
    revert(ws, change=updated)
    assert export_document(ws) == after_create
    undo = revert(ws, change=created)
    assert export_document(ws) == empty
    assert audit(ws)[-1]["operation"] == "undo"
    revert(ws, change=undo)
    assert export_document(ws) == after_create
    assert audit(ws)[-1]["operation"] == "redo"


def test_update_and_delete_of_a_missing_row_raise_not_found(ws: Workspace) -> None:
    missing = str(uuid.uuid4())
    assert_refused(
        ws,
        lambda: update_entity(ws, kind_name="team", entity_id=missing, values={"name": "x"}),
        "no team with id",
        NotFoundError,
    )
    assert_refused(
        ws, lambda: delete_entity(ws, kind_name="team", entity_id=missing), "no team", NotFoundError
    )


# --- validation -----------------------------------------------------------------------


INVALID: list[tuple[str, str, Callable[[World], dict[str, Any]], str]] = [
    ("empty name", "team", lambda w: {"name": "   "}, r"Team: name: .*at least 1"),
    ("empty system name", "system", lambda w: {"name": ""}, r"AI system: name"),
    ("name too long", "person", lambda w: {"name": "x" * 201}, r"Person: name: .*at most 200"),
    (
        "bad e-mail",
        "person",
        lambda w: {"name": "Ada", "email": "ada-at-example"},
        r"Person: email: 'ada-at-example' is not an e-mail address",
    ),
    (
        "bad team e-mail",
        "team",
        lambda w: {"name": "Desk", "email": "desk@"},
        r"Team: email: 'desk@' is not an e-mail address",
    ),
    (
        "unknown time zone",
        "person",
        lambda w: {"name": "Ada", "timezone": "Mars/Olympus_Mons"},
        r"Person: timezone: 'Mars/Olympus_Mons' is not a known time zone",
    ),
    (
        "unknown tier time zone",
        "support_tier",
        lambda w: {"system_id": w.system, "timezone": "Europe/Atlantis"},
        r"Support tier: timezone: 'Europe/Atlantis' is not a known time zone",
    ),
    (
        "negative delay",
        "escalation_level",
        lambda w: {"chain_id": w.chain, "delay_minutes": -5},
        r"Escalation level: delay_minutes: .*greater than or equal to 0",
    ),
    (
        "response_minutes 0 (level)",
        "escalation_level",
        lambda w: {"chain_id": w.chain, "response_minutes": 0},
        r"Escalation level: response_minutes: .*greater than 0",
    ),
    (
        "response_minutes 0 (tier)",
        "support_tier",
        lambda w: {"system_id": w.system, "response_minutes": 0},
        r"Support tier: response_minutes: .*greater than 0",
    ),
    (
        "unknown field",
        "person",
        lambda w: {"name": "Ada", "nickname": "A"},
        r"Person: unknown field 'nickname'",
    ),
    (
        "both person and team on a RACI row",
        "raci",
        lambda w: {
            "system_id": w.system,
            "activity_id": activity_id(w.ws),
            "person_id": w.person,
            "team_id": w.team,
            "role": "R",
        },
        r"RACI assignment: .*exactly one person or one team",
    ),
    (
        "neither person nor team on a target",
        "escalation_target",
        lambda w: {"level_id": w.level},
        r"Escalation target: .*exactly one person or one team",
    ),
    (
        "unknown enum value",
        "system",
        lambda w: {"name": "S", "risk_tier": "apocalyptic"},
        r"AI system: risk_tier",
    ),
    (
        "dangling system id",
        "document",
        lambda w: {"system_id": "00000000-0000-4000-8000-000000000000", "title": "Runbook"},
        r"Document: system names no AI system",
    ),
    (
        "dangling owner id",
        "document",
        lambda w: {
            "system_id": w.system,
            "title": "Runbook",
            "owner_id": "00000000-0000-4000-8000-000000000000",
        },
        r"Document: owner names no person",
    ),
    (
        "dangling RACI person",
        "raci",
        lambda w: {
            "system_id": w.system,
            "activity_id": activity_id(w.ws),
            "person_id": "00000000-0000-4000-8000-000000000000",
            "role": "R",
        },
        r"RACI assignment: person names no person",
    ),
    (
        "sampling over 100 percent",
        "human_review_rule",
        lambda w: {"system_id": w.system, "outputs": "All", "sampling_percent": 100.5},
        r"Human review rule: sampling_percent",
    ),
    (
        "NaN baseline",
        "baseline",
        lambda w: {"system_id": w.system, "metric": "m", "baseline_value": float("nan")},
        r"Baseline: baseline_value",
    ),
    (
        "activity key with spaces",
        "activity",
        lambda w: {"key": "Vendor Review", "name": "Vendor review"},
        r"Activity: key",
    ),
]


@pytest.mark.parametrize(
    ("kind_name", "make", "message"),
    [pytest.param(k, mk, msg, id=case) for case, k, mk, msg in INVALID],
)
def test_invalid_input_raises_and_writes_nothing(
    ws: Workspace, world: World, kind_name: str, make: Factory, message: str
) -> None:
    values = make(world)  # builds the parents first, so only the refused create is compared
    assert_refused(ws, lambda: create_entity(ws, kind_name=kind_name, values=values), message)


def test_invalid_edit_raises_and_writes_nothing(ws: Workspace) -> None:
    person = create(ws, "person", {"name": "Ada"})
    for values, message in [
        ({"name": ""}, r"Person: name"),
        ({"email": "nope"}, r"Person: email: 'nope' is not an e-mail address"),
        ({"timezone": "Nowhere/Land"}, r"not a known time zone"),
        ({"shoe_size": 44}, r"Person: unknown field 'shoe_size'"),
        ({"team_id": str(uuid.uuid4())}, r"Person: team names no team"),
    ]:
        assert_refused(
            ws,
            lambda v=values: update_entity(ws, kind_name="person", entity_id=person, values=v),
            message,
        )


def test_valid_email_and_time_zone_are_accepted(ws: Workspace) -> None:
    person = create(
        ws, "person", {"name": "Ada", "email": "ada@example.com", "timezone": "Europe/Berlin"}
    )
    landed = row(ws, "person", person)
    assert landed is not None
    assert (landed["email"], landed["timezone"]) == ("ada@example.com", "Europe/Berlin")


def test_duplicate_system_name_is_refused(ws: Workspace) -> None:
    create(ws, "system", {"name": "Claims Triage"})
    other = create(ws, "system", {"name": "Invoice Capture"})
    assert_refused(
        ws,
        lambda: create_entity(ws, kind_name="system", values={"name": "Claims Triage"}),
        r"AI system: there is already one with name 'Claims Triage'",
    )
    assert_refused(
        ws,
        lambda: update_entity(
            ws, kind_name="system", entity_id=other, values={"name": "Claims Triage"}
        ),
        r"already one with name 'Claims Triage'",
    )
    assert count(ws, "system") == 2


def test_second_escalation_chain_of_one_severity_is_refused(ws: Workspace, world: World) -> None:
    create(ws, "escalation_chain", {"system_id": world.system, "severity": "sev2"})
    assert_refused(
        ws,
        lambda: create_entity(
            ws, kind_name="escalation_chain", values={"system_id": world.system, "severity": "sev2"}
        ),
        r"Escalation chain: there is already one",
    )


def test_person_cannot_be_their_own_deputy(ws: Workspace) -> None:
    person = create(ws, "person", {"name": "Ada"})
    assert_refused(
        ws,
        lambda: update_entity(
            ws, kind_name="person", entity_id=person, values={"deputy_id": person}
        ),
        r"Person: a person cannot be their own deputy",
    )
    own_id = str(uuid.uuid4())
    assert_refused(
        ws,
        lambda: create_entity(
            ws, kind_name="person", values={"id": own_id, "name": "Bo", "deputy_id": own_id}
        ),
        r"Person: ",
    )


def test_same_assignee_twice_in_one_raci_cell_is_refused(ws: Workspace, world: World) -> None:
    values = FACTORIES["raci"][0](world)
    create(ws, "raci", values)
    assert_refused(
        ws,
        lambda: create_entity(ws, kind_name="raci", values={**values, "role": "C"}),
        r"RACI assignment: this assignee already has a role in this activity",
    )


def test_same_target_twice_on_a_level_is_refused(ws: Workspace, world: World) -> None:
    create(ws, "escalation_target", {"level_id": world.level, "person_id": world.person})
    assert_refused(
        ws,
        lambda: create_entity(
            ws,
            kind_name="escalation_target",
            values={"level_id": world.level, "person_id": world.person, "position": 1},
        ),
        r"Escalation target: already a target of this level",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("locked", True), ("signed_hash", "ab" * 32), ("signed_at", dt.datetime(2026, 1, 1))],
)
def test_protected_system_fields_cannot_be_edited(ws: Workspace, field: str, value: Any) -> None:
    system = create(ws, "system", {"name": "Claims Triage"})
    assert_refused(
        ws,
        lambda: update_entity(ws, kind_name="system", entity_id=system, values={field: value}),
        rf"AI system: {field} is set by sign-off, not by editing",
    )
    landed = row(ws, "system", system)
    assert landed is not None
    assert landed["locked"] == 0
    assert landed["signed_hash"] is None


# --- cascades and their undo ----------------------------------------------------------


def build_full_system(ws: Workspace, name: str = "Claims Triage") -> dict[str, str]:
    """A system from a template plus owners, RACI, targets, sign-off and action item."""
    change = add_system(ws, name=name, template="claims_review_support")
    system = change.first_id("system")
    assert system is not None
    team = create(ws, "team", {"name": f"{name} desk"})
    owner = create(ws, "person", {"name": f"{name} owner", "team_id": team})
    deputy = create(ws, "person", {"name": f"{name} deputy", "deputy_id": owner})
    update_entity(ws, kind_name="person", entity_id=owner, values={"deputy_id": deputy})
    for document in rows(ws, "document", system_id=system):
        update_entity(
            ws, kind_name="document", entity_id=document["id"], values={"owner_id": owner}
        )
    create(ws, "data_source", {"system_id": system, "name": "Core", "owner_id": owner})
    for key, role in (("support", "A"), ("monitoring", "R")):
        assign_raci(
            ws, system_id=system, activity_id=activity_id(ws, key), role=role, person_id=owner
        )
    assign_raci(ws, system_id=system, activity_id=activity_id(ws), role="I", team_id=team)
    chain = rows(ws, "escalation_chain", system_id=system)[0]["id"]
    add_escalation_level(
        ws, chain_id=chain, delay_minutes=15, person_ids=[owner, deputy], team_ids=[team]
    )
    create(
        ws,
        "sign_off",
        {"system_id": system, "role": "data_owner", "person_id": owner, "signed_on": "2026-02-01"},
    )
    create(ws, "action_item", {"text": "Book the review", "system_id": system, "owner_id": owner})
    create(ws, "action_item", {"text": "General item", "owner_id": deputy})
    plan = rows(ws, "retraining_plan", system_id=system)[0]["id"]
    update_entity(
        ws,
        kind_name="retraining_plan",
        entity_id=plan,
        values={"owner_id": owner, "approver_id": deputy},
    )
    return {"system": system, "team": team, "owner": owner, "deputy": deputy, "chain": chain}


SYSTEM_CHILDREN = [k.name for k in KINDS.values() if k.parent == "system_id"]


def children_of(ws: Workspace, system: str) -> dict[str, int]:
    counts = {name: count(ws, name, system_id=system) for name in SYSTEM_CHILDREN}
    chains = [c["id"] for c in rows(ws, "escalation_chain", system_id=system)]
    levels = [lv["id"] for c in chains for lv in rows(ws, "escalation_level", chain_id=c)]
    counts["escalation_level"] = len(levels)
    counts["escalation_target"] = sum(count(ws, "escalation_target", level_id=lv) for lv in levels)
    return counts


def test_deleting_a_system_removes_all_its_children_and_revert_restores_them(
    ws: Workspace,
) -> None:
    built = build_full_system(ws)
    keep = build_full_system(ws, "Invoice Capture")
    system = built["system"]
    full = children_of(ws, system)
    assert all(full[k] > 0 for k in ("document", "raci", "escalation_level", "escalation_target"))
    kept_before = children_of(ws, keep["system"])
    before = export_document(ws)
    events_before = len(audit(ws))

    change = delete_entity(ws, kind_name="system", entity_id=system)

    assert row(ws, "system", system) is None
    assert all(n == 0 for n in children_of(ws, system).values()), children_of(ws, system)
    orphans = count(ws, "escalation_level") - kept_before["escalation_level"]
    assert orphans == 0
    assert count(ws, "escalation_target") == kept_before["escalation_target"]
    assert children_of(ws, keep["system"]) == kept_before
    assert row(ws, "person", built["owner"]) is not None  # people outlive systems
    assert count(ws, "action_item", system_id=None) == 2  # general items stay
    events = audit(ws)
    assert len(events) == events_before + 1
    assert events[-1]["before"]["cascaded_rows"] == sum(full.values())
    assert len(change.deleted) == sum(full.values()) + 1

    undo = revert(ws, change=change)
    assert export_document(ws) == before
    assert children_of(ws, system) == full
    assert audit(ws)[-1]["operation"] == "undo"

    after_delete_again = revert(ws, change=undo)
    assert after_delete_again.operation == "redo"
    assert row(ws, "system", system) is None
    assert all(n == 0 for n in children_of(ws, system).values())


def test_deleting_a_person_removes_assignments_and_detaches_references(ws: Workspace) -> None:
    built = build_full_system(ws)
    owner, deputy, system = built["owner"], built["deputy"], built["system"]
    owner_columns = [
        ("document", "owner_id"),
        ("data_source", "owner_id"),
        ("retraining_plan", "owner_id"),
        ("action_item", "owner_id"),
        ("person", "deputy_id"),
    ]
    for kind_name, column in owner_columns:
        assert count(ws, kind_name, **{column: owner}) > 0, kind_name
    assert count(ws, "raci", person_id=owner) == 2
    assert count(ws, "escalation_target", person_id=owner) == 1
    assert count(ws, "sign_off", person_id=owner) == 1
    before = export_document(ws)
    documents = count(ws, "document", system_id=system)

    change = delete_entity(ws, kind_name="person", entity_id=owner)

    after_delete = export_document(ws)
    assert row(ws, "person", owner) is None
    assert count(ws, "raci", person_id=owner) == 0
    assert count(ws, "escalation_target", person_id=owner) == 0
    assert count(ws, "sign_off", person_id=owner) == 0
    for kind_name, column in owner_columns:
        assert count(ws, kind_name, **{column: owner}) == 0, kind_name
    # Rows that only pointed at the person survive, with the reference emptied.
    assert count(ws, "document", system_id=system) == documents
    deputy_row = row(ws, "person", deputy)
    assert deputy_row is not None
    assert deputy_row["deputy_id"] is None
    assert count(ws, "action_item", system_id=system) == 1
    assert count(ws, "raci", team_id=built["team"]) == 1
    assert count(ws, "escalation_target", person_id=deputy) == 1

    undo = revert(ws, change=change)
    assert export_document(ws) == before
    restored = row(ws, "person", deputy)
    assert restored is not None
    assert restored["deputy_id"] == owner

    revert(ws, change=undo)
    assert export_document(ws) == after_delete
    assert [e["operation"] for e in audit(ws)[-3:]] == ["delete_person", "undo", "redo"]


def test_deleting_a_team_detaches_people_and_removes_its_assignments(ws: Workspace) -> None:
    built = build_full_system(ws)
    before = export_document(ws)
    change = delete_entity(ws, kind_name="team", entity_id=built["team"])
    owner = row(ws, "person", built["owner"])
    assert owner is not None
    assert owner["team_id"] is None
    assert count(ws, "raci", team_id=built["team"]) == 0
    assert count(ws, "escalation_target", team_id=built["team"]) == 0
    revert(ws, change=change)
    assert export_document(ws) == before


def test_revert_is_refused_when_the_row_changed_since(ws: Workspace) -> None:
    team = create(ws, "team", {"name": "Desk"})
    change = update_entity(ws, kind_name="team", entity_id=team, values={"name": "Service Desk"})
    update_entity(ws, kind_name="team", entity_id=team, values={"name": "Help Desk"})
    assert_refused(
        ws,
        lambda: revert(ws, change=change),
        r"^The team 'Help Desk' was changed since \(by tester at \d\d:\d\d\); this step can "
        "no longer be undone$",
    )


# --- locked systems -------------------------------------------------------------------


@pytest.fixture
def locked(ws: Workspace) -> dict[str, str]:
    built = build_full_system(ws)
    level = next(
        lv["id"]
        for lv in rows(ws, "escalation_level", chain_id=built["chain"])
        if count(ws, "escalation_target", level_id=lv["id"])
    )
    built["level"] = level
    built["target"] = rows(ws, "escalation_target", level_id=level)[0]["id"]
    built["document"] = rows(ws, "document", system_id=built["system"])[0]["id"]
    built["raci"] = rows(ws, "raci", system_id=built["system"])[0]["id"]
    built["spare"] = create(ws, "person", {"name": "Spare"})
    set_locked(ws, built["system"])
    return built


LOCKED_CHANGES: dict[str, Callable[[Workspace, dict[str, str]], object]] = {
    "edit system": lambda ws, b: update_entity(
        ws, kind_name="system", entity_id=b["system"], values={"purpose": "changed"}
    ),
    "delete system": lambda ws, b: delete_entity(ws, kind_name="system", entity_id=b["system"]),
    "add document": lambda ws, b: create_entity(
        ws, kind_name="document", values={"system_id": b["system"], "title": "New"}
    ),
    "edit document": lambda ws, b: update_entity(
        ws, kind_name="document", entity_id=b["document"], values={"title": "Changed"}
    ),
    "delete document": lambda ws, b: delete_entity(
        ws, kind_name="document", entity_id=b["document"]
    ),
    "add level": lambda ws, b: create_entity(
        ws, kind_name="escalation_level", values={"chain_id": b["chain"], "position": 5}
    ),
    "edit level": lambda ws, b: update_entity(
        ws, kind_name="escalation_level", entity_id=b["level"], values={"note": "x"}
    ),
    "delete level": lambda ws, b: delete_entity(
        ws, kind_name="escalation_level", entity_id=b["level"]
    ),
    "add target": lambda ws, b: create_entity(
        ws, kind_name="escalation_target", values={"level_id": b["level"], "person_id": b["spare"]}
    ),
    "edit target": lambda ws, b: update_entity(
        ws, kind_name="escalation_target", entity_id=b["target"], values={"position": 9}
    ),
    "edit raci": lambda ws, b: update_entity(
        ws, kind_name="raci", entity_id=b["raci"], values={"role": "C"}
    ),
    "assign raci": lambda ws, b: assign_raci(
        ws,
        system_id=b["system"],
        activity_id=activity_id(ws, "retraining"),
        role="R",
        person_id=b["deputy"],
    ),
    "add level op": lambda ws, b: add_escalation_level(ws, chain_id=b["chain"], delay_minutes=5),
    "apply template": lambda ws, b: apply_template(
        ws, system_id=b["system"], template="ai_copilot"
    ),
    "delete assigned person": lambda ws, b: delete_entity(
        ws, kind_name="person", entity_id=b["owner"]
    ),
}


@pytest.mark.parametrize("name", list(LOCKED_CHANGES))
def test_changes_to_a_locked_system_raise_and_write_nothing(
    ws: Workspace, locked: dict[str, str], name: str
) -> None:
    action = LOCKED_CHANGES[name]
    before = dump(ws)
    with pytest.raises(LockedError, match=r"'Claims Triage' is signed off and locked"):
        action(ws, locked)
    assert dump(ws) == before
    assert row(ws, "system", locked["system"]) is not None


def test_revert_of_an_earlier_change_to_a_now_locked_system_is_refused(ws: Workspace) -> None:
    system = create(ws, "system", {"name": "Claims Triage"})
    change = update_entity(ws, kind_name="system", entity_id=system, values={"purpose": "p"})
    set_locked(ws, system)
    assert_refused(ws, lambda: revert(ws, change=change), r"signed off and locked", LockedError)


def test_other_systems_stay_editable_while_one_is_locked(ws: Workspace) -> None:
    locked_system = create(ws, "system", {"name": "Locked"})
    open_system = create(ws, "system", {"name": "Open"})
    set_locked(ws, locked_system)
    update_entity(ws, kind_name="system", entity_id=open_system, values={"purpose": "fine"})
    landed = row(ws, "system", open_system)
    assert landed is not None
    assert landed["purpose"] == "fine"


def test_workspace_is_a_new_one(ws: Workspace) -> None:
    assert [e["operation"] for e in audit(ws)] == ["create_workspace"]

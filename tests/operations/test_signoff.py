"""Sign-off locks a system's plan once every required role has signed; reopening unlocks it."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlmodel import select
from workspace_sql import execute

from planner.analysis import analyse
from planner.domain.errors import DomainError, LockedError
from planner.domain.models import AuditEvent
from planner.domain.plan_hash import plan_hash
from planner.operations import (
    create_entity,
    reopen_system,
    revert,
    sign_off,
    update_entity,
)
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parents[1] / "analysis"))
from analysis_plans import TODAY, build_complete  # noqa: E402

ROLES = ("business_owner", "it_operations", "data_owner", "support_lead")


def _person(ws: Workspace, name: str, **values: object) -> str:
    change = create_entity(ws, kind_name="person", values={"name": name, **values})
    person_id = change.first_id("person")
    assert person_id is not None
    return person_id


def _system(ws: Workspace) -> str:
    change = create_entity(ws, kind_name="system", values={"name": "Claims Triage"})
    system_id = change.first_id("system")
    assert system_id is not None
    return system_id


def _sign_all(
    ws: Workspace, system_id: str, person_id: str, roles: tuple[str, ...] = ROLES
) -> None:
    for role in roles:
        sign_off(ws, system_id=system_id, role=role, person_id=person_id, signed_on=TODAY)


def _system_row(ws: Workspace, system_id: str) -> object:
    return load_plan(ws, system_ids=[system_id]).systems[system_id].system


def _events(ws: Workspace, operation: str) -> list[AuditEvent]:
    with ws.read() as session:
        query = select(AuditEvent).where(AuditEvent.operation == operation)
        return list(session.exec(query))


def test_partial_sign_off_does_not_lock(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person, ROLES[:3])
    row = _system_row(ws, system_id)
    assert not row.locked
    assert row.signed_hash is None
    update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "still editable"})


def test_last_required_sign_off_locks_and_stores_the_hash(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person)
    plan = load_plan(ws)
    row = plan.systems[system_id].system
    assert row.locked
    assert row.signed_at is not None
    assert row.signed_hash == plan_hash(plan, plan.systems[system_id])
    events = _events(ws, "sign_off")
    assert len(events) == 4
    assert all(e.system_id == system_id and e.actor == "tester" for e in events)
    assert '"locked": true' in (events[-1].after or "")


def test_locked_system_refuses_edits(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person)
    with pytest.raises(LockedError, match="reopen it"):
        update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "x"})
    with pytest.raises(LockedError):
        create_entity(ws, kind_name="document", values={"system_id": system_id, "title": "Runbook"})
    with pytest.raises(DomainError, match="already signed off"):
        sign_off(ws, system_id=system_id, role="risk_compliance", person_id=person, signed_on=TODAY)


def test_reopen_unlocks_clears_sign_offs_and_is_audited(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person)
    change = reopen_system(ws, system_id=system_id, reason="Scope changed")
    plan = load_plan(ws)
    row = plan.systems[system_id].system
    assert (row.locked, row.signed_hash, row.signed_at) == (False, None, None)
    assert plan.systems[system_id].sign_offs == ()
    assert len(change.deleted) == 4
    (event,) = _events(ws, "reopen_system")
    assert event.system_id == system_id
    assert "Scope changed" in (event.after or "")
    update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "editable"})


def test_undoing_a_locking_sign_off_is_refused_in_favour_of_reopen(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person, ROLES[:3])
    last = sign_off(ws, system_id=system_id, role=ROLES[3], person_id=person, signed_on=TODAY)
    with pytest.raises(DomainError, match="only by Reopen"):
        revert(ws, change=last)
    row = _system_row(ws, system_id)
    assert row.locked
    assert len(load_plan(ws).systems[system_id].sign_offs) == 4
    assert _events(ws, "undo") == []


def test_a_sign_off_that_does_not_lock_is_undone(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    first = sign_off(ws, system_id=system_id, role=ROLES[0], person_id=person, signed_on=TODAY)
    revert(ws, change=first)
    assert load_plan(ws).systems[system_id].sign_offs == ()


def test_sign_off_validates_its_input(ws: Workspace) -> None:
    system_id = _system(ws)
    person = _person(ws, "Ann")
    gone = _person(ws, "Ben", active=False)
    with pytest.raises(DomainError, match="unknown role"):
        sign_off(ws, system_id=system_id, role="janitor", person_id=person, signed_on=TODAY)
    with pytest.raises(DomainError, match="inactive"):
        sign_off(ws, system_id=system_id, role="data_owner", person_id=gone, signed_on=TODAY)
    sign_off(ws, system_id=system_id, role="data_owner", person_id=person, signed_on=TODAY)
    with pytest.raises(DomainError, match="already signed"):
        sign_off(ws, system_id=system_id, role="data_owner", person_id=person, signed_on=TODAY)
    with pytest.raises(DomainError, match="say why"):
        reopen_system(ws, system_id=system_id, reason=" ")


def test_reopen_of_an_unsigned_system_is_refused(ws: Workspace) -> None:
    with pytest.raises(DomainError, match="nothing to reopen"):
        reopen_system(ws, system_id=_system(ws), reason="why not")


def test_raw_sql_edit_of_a_signed_plan_is_detected(ws: Workspace) -> None:
    system_id = build_complete(ws, stage="production")
    for number, role in enumerate(ROLES):
        signer = _person(ws, f"Signer {number}")
        sign_off(ws, system_id=system_id, role=role, person_id=signer, signed_on=TODAY)
    analysis = analyse(load_plan(ws), today=TODAY)
    assert [f.message for f in analysis.findings] == []

    execute(
        ws,
        "UPDATE document SET location = 'https://elsewhere' WHERE system_id = :id",
        id=system_id,
    )
    analysis = analyse(load_plan(ws), today=TODAY)
    assert [f.rule_id for f in analysis.findings] == ["SIGN-002"]


def test_signed_at_uses_the_workspace_clock(ws: Workspace) -> None:
    moment = dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC)
    ws.clock = lambda: moment
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person)
    assert _system_row(ws, system_id).signed_at.replace(tzinfo=dt.UTC) == moment


def test_undoing_a_reopening_restores_the_sign_offs_and_the_lock(ws: Workspace) -> None:
    system_id, person = _system(ws), _person(ws, "Ann")
    _sign_all(ws, system_id, person)
    signed = _system_row(ws, system_id)
    change = reopen_system(ws, system_id=system_id, reason="Scope changed")
    revert(ws, change=change)
    row = _system_row(ws, system_id)
    assert (row.locked, row.signed_hash) == (True, signed.signed_hash)
    assert len(load_plan(ws).systems[system_id].sign_offs) == 4


def test_a_plan_with_open_blockers_is_locked_only_with_a_recorded_override(
    ws: Workspace,
) -> None:
    system_id = _system(ws)
    person = _person(ws, "Ada")
    blockers = ["DOC-001 no runbook", "SUP-001 the support model has no L1 tier"]
    for role in ROLES[:3]:
        # Signing that does not lock needs no override.
        sign_off(
            ws,
            system_id=system_id,
            role=role,
            person_id=person,
            signed_on=TODAY,
            open_blockers=blockers,
        )
    with pytest.raises(DomainError, match=r"2 blockers \(first: DOC-001 no runbook\)"):
        sign_off(
            ws,
            system_id=system_id,
            role=ROLES[3],
            person_id=person,
            signed_on=TODAY,
            open_blockers=blockers,
            override_reason="   ",
        )
    assert not _system_row(ws, system_id).locked  # type: ignore[attr-defined]

    sign_off(
        ws,
        system_id=system_id,
        role=ROLES[3],
        person_id=person,
        signed_on=TODAY,
        open_blockers=blockers,
        override_reason=" Board accepted the gaps until the Q3 release ",
    )
    system = load_plan(ws, system_ids=[system_id]).systems[system_id]
    assert system.system.locked
    reasons = {s.role: s.override_reason for s in system.sign_offs}
    assert reasons[ROLES[3]] == "Board accepted the gaps until the Q3 release"
    assert [r for role, r in reasons.items() if role != ROLES[3]] == ["", "", ""]
    (event,) = [e for e in _events(ws, "sign_off") if "override_reason" in (e.after or "")]
    assert "Q3 release" in event.after  # type: ignore[operator]
    assert "SUP-001" in event.after  # type: ignore[operator]


def test_an_override_reason_without_blockers_is_not_stored(ws: Workspace) -> None:
    system_id = _system(ws)
    person = _person(ws, "Ada")
    for role in ROLES:
        sign_off(
            ws,
            system_id=system_id,
            role=role,
            person_id=person,
            signed_on=TODAY,
            override_reason="nothing to override",
        )
    system = load_plan(ws, system_ids=[system_id]).systems[system_id]
    assert {s.override_reason for s in system.sign_offs} == {""}

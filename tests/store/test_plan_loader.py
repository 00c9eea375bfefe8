"""Loading the typed plan: real enums, dates and bools, and damaged values refused by name."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from planner.demo import create_demo
from planner.domain.enums import LifecycleStage, RaciRole
from planner.store.plan_loader import DamagedContentError, load_plan
from planner.store.workspace import create_workspace, open_workspace


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, today=dt.date(2026, 12, 6))
    return path


def test_values_are_typed(demo_file: Path) -> None:
    with open_workspace(demo_file, read_only=True) as ws:
        plan = load_plan(ws)
    system = next(iter(plan))
    assert isinstance(system.stage, LifecycleStage)
    assert all(isinstance(r.role, RaciRole) for r in system.raci)
    assert all(type(p.active) is bool for p in plan.people.values())
    assert all(isinstance(d.last_reviewed, dt.date) for d in system.documents if d.last_reviewed)
    assert isinstance(plan.info.required_signoff_roles, tuple)


@pytest.mark.parametrize(
    ("table", "column", "value", "says"),
    [
        ("raci_assignment", "role", "Q", "'Q' is not a known RaciRole value"),
        ("ai_system", "go_live", "2026-13-45", "is not a date"),
        ("person", "active", 7, "is not a yes/no value"),
        ("retraining_plan", "triggers", '["nonsense"]', "RetrainingTrigger"),
    ],
)
def test_a_damaged_value_is_refused_naming_table_row_and_column(
    demo_file: Path, table: str, column: str, value: object, says: str
) -> None:
    conn = sqlite3.connect(demo_file)
    (row_id,) = conn.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()
    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, row_id))
    conn.commit()
    conn.close()
    with open_workspace(demo_file, read_only=True) as ws, pytest.raises(DamagedContentError) as err:
        load_plan(ws)
    message = str(err.value)
    assert f"table {table}, row {row_id}, column {column}" in message
    assert says in message
    assert "\n" not in message

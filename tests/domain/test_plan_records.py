"""The typed plan's records mirror the tables: a column added to one must be added to both."""

from __future__ import annotations

import dataclasses

import pytest

from planner.domain.plan import RECORDS
from planner.domain.registry import KINDS

# Row timestamps are for the interchange and the audit trail; no reader of a plan needs them.
_NOT_IN_RECORDS = {"created_at", "updated_at"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_record_with_its_tables_columns(kind: str) -> None:
    table = KINDS[kind].table.__table__  # type: ignore[attr-defined]
    columns = {c.name for c in table.columns} - _NOT_IN_RECORDS
    fields = {f.name for f in dataclasses.fields(RECORDS[kind])}
    assert fields == columns


def test_records_are_immutable() -> None:
    for record in RECORDS.values():
        params = record.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen
        assert hasattr(record, "__slots__")

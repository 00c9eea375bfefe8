"""The JSON Schema shipped in resources/ is the one the interchange models generate."""

from __future__ import annotations

import json

from planner.domain.interchange import SCHEMA_FILE, schema_text
from planner.resources import resource_path


def test_shipped_schema_is_up_to_date() -> None:
    shipped = resource_path("schema", SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: python -m planner.domain.interchange"


def test_schema_forbids_unknown_fields_everywhere() -> None:
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, name

"""The JSON interchange format: its models, its limits, and the checks raw input must pass.

A document lists every entity kind as a flat array of records (the table's fields plus
id and timestamps), so references are plain ids and a round trip is lossless. The JSON
Schema in ``resources/schema/`` is generated from these models.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from planner.domain.errors import DomainError
from planner.domain.models import as_utc
from planner.domain.registry import KINDS, EntityKind

FORMAT_VERSION = 3
# Fields each later version added, by kind: an older document may not carry them, and they
# take their defaults when it is imported (that is the whole upgrade from version 1).
ADDED_IN: dict[int, dict[str, frozenset[str]]] = {
    2: {
        "system": frozenset(
            {
                "processes_personal_data",
                "customer_facing",
                "fallback_procedure",
                "decommissioning_plan",
                "transparency_notice",
                "log_retention_days",
                "overseer_id",
                "overseer_training",
                "overseer_can_stop",
            }
        ),
        "sign_off": frozenset({"override_reason"}),
    },
    3: {
        "workspace_info": frozenset(
            {"sev1_definition", "sev2_definition", "sev3_definition", "sev4_definition"}
        ),
        "system": frozenset({"dashboards"}),
        "support_tier": frozenset({"resolution_minutes", "escalate_when"}),
    },
}
MAX_FILE_BYTES = 64 * 1024 * 1024
# The deepest a valid document nests: document > list > record > list (triggers) > value.
MAX_DEPTH = 6
MAX_RECORDS = 2_000_000

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

# Kinds in the order a document lists them: referenced kinds before those referring to them.
SECTIONS: dict[str, str] = {
    "teams": "team",
    "people": "person",
    "activities": "activity",
    "systems": "system",
    "data_sources": "data_source",
    "raci": "raci",
    "support_tiers": "support_tier",
    "escalation_chains": "escalation_chain",
    "escalation_levels": "escalation_level",
    "escalation_targets": "escalation_target",
    "documents": "document",
    "retraining_plans": "retraining_plan",
    "monitoring_signals": "monitoring_signal",
    "human_review_rules": "human_review_rule",
    "governance_controls": "governance_control",
    "readiness_criteria": "readiness_criterion",
    "baselines": "baseline",
    "sign_offs": "sign_off",
    "action_items": "action_item",
}


class InterchangeError(DomainError):
    """Input that is not a valid interchange document; names the JSON path at fault."""


def _utc(value: Any) -> Any:
    """Timestamps with an offset become the UTC time they mean (stored without offset)."""
    return as_utc(value) if isinstance(value, dt.datetime) else value


_TO_UTC = field_validator("*", mode="after")(_utc)


def _record_model(entity: EntityKind) -> type[BaseModel]:
    model = create_model(
        f"{entity.table.__name__}Record",
        __base__=entity.fields,
        __doc__=f"One {entity.noun}.",
        __validators__={"to_utc": _TO_UTC},
        id=(str, Field(pattern=UUID_PATTERN)),
        created_at=(dt.datetime, ...),
        updated_at=(dt.datetime, ...),
    )
    model.model_config["extra"] = "forbid"
    model.model_config["ser_json_bytes"] = "base64"
    model.model_config["val_json_bytes"] = "base64"
    model.model_rebuild(force=True)
    return model


RECORD_MODELS: dict[str, type[BaseModel]] = {
    name: _record_model(KINDS[name]) for name in SECTIONS.values()
}


def _settings_model() -> type[BaseModel]:
    fields = KINDS["workspace_info"].fields
    model = create_model("WorkspaceSettings", __base__=fields, __doc__="Workspace settings.")
    model.model_config["extra"] = "forbid"
    model.model_config["ser_json_bytes"] = "base64"
    model.model_config["val_json_bytes"] = "base64"
    model.model_rebuild(force=True)
    return model


WorkspaceSettings = _settings_model()


class AuditRecord(BaseModel):
    """One audit event, exported on request (never imported)."""

    model_config = ConfigDict(extra="forbid")

    seq: int
    at: dt.datetime
    actor: str
    operation: str
    entity_type: str
    entity_id: str | None
    system_id: str | None
    before: Any
    after: Any
    app_version: str
    hash: str | None = Field(default=None, description="the audit chain hash of this event")


def _document_model() -> type[BaseModel]:
    sections: dict[str, Any] = {
        section: (list[RECORD_MODELS[kind_name]], Field(default_factory=list))  # type: ignore[valid-type]
        for section, kind_name in SECTIONS.items()
    }
    model = create_model(
        "HandoverWorkspace",
        __doc__="A Handover Planner workspace in the interchange format.",
        format_version=(int, Field(ge=1, le=FORMAT_VERSION)),
        generator=(str, Field(default="", max_length=200)),
        workspace=(WorkspaceSettings, ...),
        **sections,
        audit=(list[AuditRecord] | None, None),
    )
    model.model_config["extra"] = "forbid"
    model.model_config["ser_json_bytes"] = "base64"
    model.model_config["val_json_bytes"] = "base64"
    model.model_rebuild(force=True)
    return model


InterchangeDocument = _document_model()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format (written to resources/schema/ by a test-checked tool)."""
    schema = InterchangeDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://handover-planner.invalid/schema/workspace-v1.json"
    return schema


def json_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's error location as a JSON path such as ``$.systems[3].name``."""
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


class _Object(dict[str, Any]):
    """A parsed JSON object that remembers a key it saw twice."""

    duplicate: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    for key, value in pairs:
        if key in obj and obj.duplicate is None:
            obj.duplicate = key
        obj[key] = value
    return obj


class _NonFinite(str):
    """Where the parser met NaN or Infinity: kept, so the error can name its path."""


def _mark_constant(name: str) -> _NonFinite:
    return _NonFinite(name)


def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any, int]]:
    stack = [(value, path, depth)]
    while stack:
        item, where, level = stack.pop()
        yield where, item, level
        if isinstance(item, dict):
            stack.extend((v, f"{where}.{k}", level + 1) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]", level + 1) for i, v in enumerate(item))


def check_raw(raw: bytes) -> None:
    """Refuse what a JSON parser would quietly accept: duplicate keys, NaN, deep nesting."""
    if len(raw) > MAX_FILE_BYTES:
        raise InterchangeError(
            f"$: the file is {len(raw) / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MiB"
        )
    try:
        parsed = json.loads(raw, object_pairs_hook=_pairs, parse_constant=_mark_constant)
    except RecursionError:
        raise InterchangeError("$: the JSON nests too deeply") from None
    except UnicodeDecodeError:
        raise InterchangeError("$: the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"$: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:
        raise InterchangeError(f"$: {exc}") from None
    if not isinstance(parsed, dict):
        raise InterchangeError("$: the document must be a JSON object")
    for path, item, depth in _walk(parsed, "$", 1):
        if depth > MAX_DEPTH:
            raise InterchangeError(f"{path}: nested deeper than the format allows")
        if isinstance(item, _Object) and item.duplicate is not None:
            raise InterchangeError(f"{path}: the key {item.duplicate!r} appears twice")
        if isinstance(item, _NonFinite) or (isinstance(item, float) and not math.isfinite(item)):
            raise InterchangeError(f"{path}: numbers must be finite, not {item}")


def _twin(model: type[BaseModel]) -> type[BaseModel]:
    """A plain-pydantic copy of a model's fields: SQLModel's own __init__ loses strictness."""
    from typing import Annotated

    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = _twin(annotation)
        metadata = [m for m in info.metadata if type(m).__name__ != "FieldInfoMetadata"]
        typed = Annotated[(annotation, *metadata)] if metadata else annotation
        if info.default_factory is not None:
            fields[name] = (typed, Field(default_factory=info.default_factory))
        elif info.is_required():
            fields[name] = (typed, ...)
        else:
            fields[name] = (typed, info.default)
    return create_model(
        f"Strict{model.__name__}", __config__=ConfigDict(extra="forbid", strict=True), **fields
    )


def _strict_document() -> type[BaseModel]:
    sections: dict[str, Any] = {
        section: (list[_twin(RECORD_MODELS[kind_name])], Field(default_factory=list))  # type: ignore[misc]
        for section, kind_name in SECTIONS.items()
    }
    return create_model(
        "StrictDocument",
        __config__=ConfigDict(extra="allow", strict=True),
        workspace=(_twin(WorkspaceSettings), ...),
        **sections,
    )


_STRICT = _strict_document()


def parse_document(raw: bytes) -> BaseModel:
    """Check and validate a whole document; raise InterchangeError naming the JSON path."""
    check_raw(raw)
    try:
        # Types first, strictly ("5" is no number); then the field rules of the domain.
        _STRICT.model_validate_json(raw, strict=True)
        document = InterchangeDocument.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        message = str(error["msg"]).removeprefix("Value error, ")
        raise InterchangeError(f"{json_path(tuple(error['loc']))}: {message}") from None
    count = sum(len(getattr(document, section)) for section in SECTIONS)
    if count > MAX_RECORDS:
        raise InterchangeError(f"$: {count} records; the limit is {MAX_RECORDS}")
    return upgrade_document(document)


def upgrade_document(document: BaseModel) -> BaseModel:
    """Bring a document of an older format version to the current one.

    Fields a later version added must not appear in an older document (they would mean the
    file claims the wrong version); absent, they keep their defaults.
    """
    version: int = document.format_version  # type: ignore[attr-defined]
    for added_in, kinds in sorted(ADDED_IN.items()):
        if version >= added_in:
            continue
        settings = document.workspace  # type: ignore[attr-defined]
        places = [("$.workspace", settings, kinds.get("workspace_info", frozenset()))]
        for section, kind_name in SECTIONS.items():
            fields = kinds.get(kind_name, frozenset())
            places += [
                (f"$.{section}[{index}]", record, fields)
                for index, record in enumerate(getattr(document, section))
            ]
        for path, record, fields in places:
            if late := sorted(fields & record.model_fields_set):
                raise InterchangeError(
                    f"{path}.{late[0]}: not a field of format version {version} "
                    f"(it arrived in version {added_in})"
                )
    document.format_version = FORMAT_VERSION  # type: ignore[attr-defined]
    return document


SCHEMA_FILE = "workspace.schema.json"


def schema_text() -> str:
    """The schema as it is stored in resources/schema/ (stable formatting)."""
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m planner.domain.interchange regenerates the schema
    from planner.resources import resource_path

    resource_path("schema", SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")

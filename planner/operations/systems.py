"""Whole-system operations: starting from a template, and duplicating a system."""

from __future__ import annotations

from typing import Any

from planner.domain.errors import DomainError
from planner.domain.models import new_id
from planner.domain.registry import KINDS
from planner.domain.templates import Template, get_template
from planner.operations.change import Change
from planner.operations.transaction import Transaction, transaction
from planner.store.workspace import Workspace

# Kinds that hang directly off a system, copied by duplicate_system. Sign-offs and open
# actions belong to the original's history, not to a plan that starts from it.
_SYSTEM_CHILDREN = tuple(
    k.name
    for k in KINDS.values()
    if k.parent == "system_id" and k.name not in ("sign_off", "action_item")
)


def _template(key: str) -> Template:
    try:
        return get_template(key)
    except KeyError as exc:
        raise DomainError(str(exc.args[0])) from None


def _fill_from_template(tx: Transaction, system_id: str, template: Template) -> None:
    """Create the rows a template prescribes for a system; owners stay empty."""
    for document in template.documents:
        tx.insert("document", {"system_id": system_id, **document.model_dump()})
    for position, tier in enumerate(template.support_tiers):
        tx.insert(
            "support_tier", {"system_id": system_id, "position": position, **tier.model_dump()}
        )
    for chain in template.escalation_chains:
        if tx.rows("escalation_chain", system_id=system_id, severity=chain.severity):
            continue
        chain_row = tx.insert(
            "escalation_chain",
            {
                "system_id": system_id,
                "severity": chain.severity,
                "repeat_loops": chain.repeat_loops,
            },
        )
        for position, level in enumerate(chain.levels):
            tx.insert(
                "escalation_level",
                {"chain_id": chain_row.id, "position": position, **level.model_dump()},
            )
    if template.retraining is not None and not tx.rows("retraining_plan", system_id=system_id):
        values = template.retraining.model_dump()
        tx.insert("retraining_plan", {"system_id": system_id, **values})
    for signal in template.monitoring_signals:
        tx.insert("monitoring_signal", {"system_id": system_id, **signal.model_dump()})
    for rule in template.human_review_rules:
        tx.insert("human_review_rule", {"system_id": system_id, **rule.model_dump()})
    for control in template.governance_controls:
        tx.insert("governance_control", {"system_id": system_id, **control.model_dump()})
    for criterion in template.readiness_criteria:
        tx.insert("readiness_criterion", {"system_id": system_id, **criterion.model_dump()})
    for baseline in template.baselines:
        tx.insert("baseline", {"system_id": system_id, **baseline.model_dump()})


def add_system(ws: Workspace, *, name: str, template: str | None = None, **fields: Any) -> Change:
    """Add an AI system, optionally pre-filled from a starter template."""
    chosen = _template(template) if template else None
    with transaction(ws, "add_system") as tx:
        values: dict[str, Any] = {"name": name, "template": template}
        if chosen is not None:
            values.update(chosen.system.model_dump())
        values.update(fields)
        system = tx.insert("system", values)
        if chosen is not None:
            _fill_from_template(tx, system.id, chosen)
        return tx.done(
            f"Add system '{name}'" + (f" from template {chosen.name}" if chosen else ""),
            entity_type="system",
            entity_id=system.id,
            after={**system.values, "rows_from_template": len(tx.created) - 1},
        )


def apply_template(ws: Workspace, *, system_id: str, template: str) -> Change:
    """Add a template's documents, tiers, chains, signals ... to an existing system."""
    chosen = _template(template)
    with transaction(ws, "apply_template") as tx:
        system = tx.require("system", system_id)
        _fill_from_template(tx, system_id, chosen)
        if system["template"] is None:
            tx.update("system", system_id, {"template": template})
        return tx.done(
            f"Apply template {chosen.name} to '{system['name']}'",
            entity_type="system",
            entity_id=system_id,
            after={"template": template, "rows_added": len(tx.created)},
        )


def _copy(values: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    skip = {"id", "created_at", "updated_at", "version"}
    return {**{k: v for k, v in values.items() if k not in skip}, **overrides}


def duplicate_system(ws: Workspace, *, system_id: str, name: str) -> Change:
    """Copy a system's whole plan under a new name, as a starting point for a similar one.

    Sign-offs are not copied and the copy starts unlocked: it has not been signed.
    """
    with transaction(ws, "duplicate_system") as tx:
        source = tx.require("system", system_id)
        copy_values = _copy(source, name=name, locked=False, signed_hash=None, signed_at=None)
        copy = tx.insert("system", copy_values)
        new_system = copy.id
        chain_ids: dict[str, str] = {}
        for kind_name in _SYSTEM_CHILDREN:
            for row in tx.rows(kind_name, system_id=system_id):
                new_row_id = new_id()
                if kind_name == "escalation_chain":
                    chain_ids[row["id"]] = new_row_id
                tx.insert(kind_name, {"id": new_row_id, **_copy(row, system_id=new_system)})
        for old_chain, new_chain in chain_ids.items():
            for level in tx.rows("escalation_level", chain_id=old_chain):
                level_copy = tx.insert("escalation_level", _copy(level, chain_id=new_chain))
                for target in tx.rows("escalation_target", level_id=level["id"]):
                    tx.insert("escalation_target", _copy(target, level_id=level_copy.id))
        return tx.done(
            f"Duplicate '{source['name']}' as '{name}'",
            entity_type="system",
            entity_id=new_system,
            before={"source": system_id},
            after={"name": name, "rows_copied": len(tx.created)},
        )

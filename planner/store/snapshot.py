"""Loading a workspace (or some of its systems) into memory as plain, read-only rows.

Analysis, export and the GUI's models work on a ``Plan``: rows are SQLAlchemy ``Row``
objects (immutable tuples with attribute access), read with one query per table, which
keeps loading close to raw sqlite3 speed.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Table, select
from sqlmodel import Session

from planner.domain.registry import KINDS, EntityKind
from planner.store.audit import latest_seq
from planner.store.workspace import Workspace


@dataclass(frozen=True)
class LevelPlan:
    level: Row[Any]
    targets: tuple[Row[Any], ...]


@dataclass(frozen=True)
class ChainPlan:
    chain: Row[Any]
    levels: tuple[LevelPlan, ...]


@dataclass(frozen=True)
class SystemPlan:
    """Everything recorded about one AI system."""

    system: Row[Any]
    data_sources: tuple[Row[Any], ...] = ()
    raci: tuple[Row[Any], ...] = ()
    support_tiers: tuple[Row[Any], ...] = ()
    chains: tuple[ChainPlan, ...] = ()
    documents: tuple[Row[Any], ...] = ()
    retraining: Row[Any] | None = None
    signals: tuple[Row[Any], ...] = ()
    review_rules: tuple[Row[Any], ...] = ()
    controls: tuple[Row[Any], ...] = ()
    criteria: tuple[Row[Any], ...] = ()
    baselines: tuple[Row[Any], ...] = ()
    sign_offs: tuple[Row[Any], ...] = ()
    actions: tuple[Row[Any], ...] = ()

    @property
    def id(self) -> str:
        return str(self.system.id)

    @property
    def name(self) -> str:
        return str(self.system.name)


@dataclass(frozen=True)
class Plan:
    """A workspace in memory: the shared directory plus the systems asked for."""

    info: Row[Any]
    people: dict[str, Row[Any]]
    teams: dict[str, Row[Any]]
    activities: tuple[Row[Any], ...]
    systems: dict[str, SystemPlan]
    # Action items not tied to any system (the workshop's general parking lot).
    general_actions: tuple[Row[Any], ...] = ()
    audit_seq: int = 0

    def __iter__(self) -> Iterator[SystemPlan]:
        return iter(self.systems.values())

    def name_of(self, person_id: str | None = None, team_id: str | None = None) -> str:
        """Display name of a person or a team id ("" for None, "(unknown)" if dangling)."""
        if person_id is not None:
            row = self.people.get(person_id)
        elif team_id is not None:
            row = self.teams.get(team_id)
        else:
            return ""
        return str(row.name) if row is not None else "(unknown)"

    def system_named(self, name: str) -> SystemPlan | None:
        folded = name.casefold()
        return next((s for s in self.systems.values() if s.name.casefold() == folded), None)


# Row timestamps are for the interchange and the audit trail; no reader of a Plan needs
# them, and parsing two datetimes per row was a third of the loading time.
_SKIPPED = frozenset({"created_at", "updated_at"})


def _table(kind_name: str) -> Table:
    return KINDS[kind_name].table.__table__  # type: ignore[attr-defined, no-any-return]


def _rows(
    session: Session,
    entity: EntityKind,
    column: str | None = None,
    ids: Collection[str] | None = None,
) -> list[Row[Any]]:
    table = _table(entity.name)
    columns = [c for c in table.c if c.name not in _SKIPPED]
    query = select(*columns).order_by(*(table.c[c] for c in entity.order_by))
    if column is not None and ids is not None:
        query = query.where(table.c[column].in_(ids))
    return list(session.execute(query).all())


def _group(rows: list[Row[Any]], column: str) -> dict[str, list[Row[Any]]]:
    grouped: dict[str, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, column)].append(row)
    return grouped


def load_plan(ws: Workspace, *, system_ids: Collection[str] | None = None) -> Plan:
    """Load the directory and the given systems (all systems when ``system_ids`` is None)."""
    with ws.read() as session:
        return read_plan(session, system_ids=system_ids)


def refresh_plan(
    ws: Workspace, plan: Plan, *, system_ids: Collection[str], directory: bool
) -> Plan:
    """``plan`` with the given systems re-read (or dropped if gone), in name order.

    The directory (people, teams, activities, settings, general actions) is re-read only
    when ``directory`` is true: after an edit of one system, that is all that changed.
    """
    with ws.read() as session:
        fresh = read_systems(session, system_ids)
        base = read_plan(session, system_ids=()) if directory else plan
        seq = latest_seq(session)
    systems = dict(plan.systems)
    for system_id in system_ids:
        systems.pop(system_id, None)
    systems.update(fresh)
    order = sorted(systems.values(), key=lambda s: (s.name.casefold(), s.id))
    return dataclasses.replace(base, systems={s.id: s for s in order}, audit_seq=seq)


def read_plan(session: Session, *, system_ids: Collection[str] | None = None) -> Plan:
    """``load_plan`` inside an existing session (for operations that hash a plan)."""
    actions = _table("action_item")
    general = session.execute(
        select(*(c for c in actions.c if c.name not in _SKIPPED))
        .where(actions.c.system_id.is_(None))
        .order_by(actions.c.created_at, actions.c.id)
    ).all()
    info = _rows(session, KINDS["workspace_info"])[0]
    return Plan(
        info=info,
        people={p.id: p for p in _rows(session, KINDS["person"])},
        teams={t.id: t for t in _rows(session, KINDS["team"])},
        activities=tuple(_rows(session, KINDS["activity"])),
        systems=read_systems(session, system_ids),
        general_actions=tuple(general),
        audit_seq=latest_seq(session),
    )


def read_systems(
    session: Session, system_ids: Collection[str] | None = None
) -> dict[str, SystemPlan]:
    """The plans of the given systems (all when None), by id in name order."""
    ids = None if system_ids is None else list(system_ids)
    subset = ids is not None
    column = "system_id" if subset else None
    systems = _rows(session, KINDS["system"], "id" if subset else None, ids)
    per_kind = {
        name: _group(_rows(session, KINDS[name], column, ids), "system_id")
        for name in (
            "data_source",
            "raci",
            "support_tier",
            "escalation_chain",
            "document",
            "retraining_plan",
            "monitoring_signal",
            "human_review_rule",
            "governance_control",
            "readiness_criterion",
            "baseline",
            "sign_off",
            "action_item",
        )
    }
    chain_ids = [row.id for rows in per_kind["escalation_chain"].values() for row in rows]
    levels = _rows(session, KINDS["escalation_level"], "chain_id", chain_ids if subset else None)
    level_ids = [lv.id for lv in levels] if subset else None
    targets_of = _group(
        _rows(session, KINDS["escalation_target"], "level_id", level_ids), "level_id"
    )
    levels_of = _group(levels, "chain_id")

    def chain_plan(chain: Row[Any]) -> ChainPlan:
        return ChainPlan(
            chain,
            tuple(
                LevelPlan(level, tuple(targets_of.get(level.id, ())))
                for level in levels_of.get(chain.id, ())
            ),
        )

    plans: dict[str, SystemPlan] = {}
    for system in systems:
        sid = system.id
        retraining = per_kind["retraining_plan"].get(sid)
        plans[sid] = SystemPlan(
            system=system,
            data_sources=tuple(per_kind["data_source"].get(sid, ())),
            raci=tuple(per_kind["raci"].get(sid, ())),
            support_tiers=tuple(per_kind["support_tier"].get(sid, ())),
            chains=tuple(chain_plan(c) for c in per_kind["escalation_chain"].get(sid, ())),
            documents=tuple(per_kind["document"].get(sid, ())),
            retraining=retraining[0] if retraining else None,
            signals=tuple(per_kind["monitoring_signal"].get(sid, ())),
            review_rules=tuple(per_kind["human_review_rule"].get(sid, ())),
            controls=tuple(per_kind["governance_control"].get(sid, ())),
            criteria=tuple(per_kind["readiness_criterion"].get(sid, ())),
            baselines=tuple(per_kind["baseline"].get(sid, ())),
            sign_offs=tuple(per_kind["sign_off"].get(sid, ())),
            actions=tuple(per_kind["action_item"].get(sid, ())),
        )
    return plans

"""Loading a workspace (or some of its systems) into the domain's typed, immutable ``Plan``.

One query per table reads the columns a record holds without SQLAlchemy's type processing
(which costs more than the query), and each value is converted to its record's type here:
enums by value, dates from ISO text, bools from 0/1, JSON lists to tuples. A value that
cannot be converted means the file's content is damaged: loading refuses it with one line
naming the table, the row and the column, instead of handing a wrong value to every layer.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnClause, Select, column, select, table
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from planner.domain import plan as p
from planner.domain.registry import KINDS
from planner.store.audit import latest_seq
from planner.store.workspace import Workspace, WorkspaceError


class DamagedContentError(WorkspaceError):
    """A stored value that no version of the app could have written; nothing was loaded."""


Converter = Callable[[Any], Any]


class _BadValue(ValueError):
    """A stored value of the wrong shape (the loader names the row and column)."""


def _enum_converter(enum: type[Enum]) -> Converter:
    members = enum._value2member_map_

    def convert(value: Any) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise _BadValue(f"{value!r} is not a known {enum.__name__} value") from None

    return convert


def _bool(value: Any) -> bool:
    if value in (0, 1):  # also True and False, as PostgreSQL returns them
        return bool(value)
    raise _BadValue(f"{value!r} is not a yes/no value")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _BadValue(f"{value!r} is not a date") from None


def _datetime(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _BadValue(f"{value!r} is not a date and time") from None


def _enum_tuple(enum: type[Enum]) -> Converter:
    member = _enum_converter(enum)

    def convert(value: Any) -> tuple[Any, ...]:
        try:
            items = json.loads(value) if isinstance(value, str | bytes) else value
        except ValueError:
            raise _BadValue(f"{value!r} is not a list") from None
        if not isinstance(items, list):
            raise _BadValue(f"{value!r} is not a list")
        return tuple(member(item) for item in items)

    return convert


def _converter(annotation: Any) -> Converter | None:
    """How to turn a stored value into a field of this type (None: it is stored as is)."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType):
        (inner,) = (a for a in args if a is not type(None))
        convert = _converter(inner)
        return None if convert is None else (lambda v: None if v is None else convert(v))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _enum_converter(annotation)
    if annotation is bool:
        return _bool
    if annotation is dt.datetime:
        return _datetime
    if annotation is dt.date:
        return _date
    if typing.get_origin(annotation) is tuple:
        return _enum_tuple(args[0])
    return None


@dataclass(frozen=True)
class _Reader:
    """How one entity kind is read: its table, columns, order and value converters."""

    kind: str
    tablename: str
    record: type
    columns: tuple[str, ...]
    converters: tuple[tuple[int, Converter], ...]
    order_by: tuple[str, ...]

    @classmethod
    def of(cls, kind: str) -> _Reader:
        record = p.RECORDS[kind]
        hints = typing.get_type_hints(record)
        names = tuple(f.name for f in dataclasses.fields(record))
        converters = tuple(
            (index, convert)
            for index, name in enumerate(names)
            if (convert := _converter(hints[name])) is not None
        )
        entity = KINDS[kind]
        return cls(kind, entity.tablename, record, names, converters, entity.order_by)

    def rows(
        self,
        session: Session,
        where: str | None = None,
        ids: Collection[str] | None = None,
        *,
        general_only: bool = False,
    ) -> list[Any]:
        """The records of this kind (those whose ``where`` column is in ``ids``, if given)."""
        columns: list[ColumnClause[Any]] = [column(name) for name in self.columns]
        query: Select[Any] = select(*columns).select_from(table(self.tablename))
        if where is not None and ids is not None:
            query = query.where(column(where).in_(list(ids)))
        if general_only:
            query = query.where(column("system_id").is_(None))
        query = query.order_by(*(column(c) for c in self.order_by))
        # The driver's own errors too: rows are fetched from its cursor, past SQLAlchemy.
        driver_error = session.get_bind().dialect.loaded_dbapi.Error
        try:
            # Plain tuples from the driver: SQLAlchemy's rows would cost more than the query.
            result = session.connection().execute(query)
            raw = result.cursor.fetchall() if result.cursor is not None else []
            result.close()
        except (DBAPIError, UnicodeDecodeError, driver_error) as exc:
            # SQLite raises this for text that is not valid UTF-8, naming the column.
            raise DamagedContentError(
                f"the workspace is damaged: table {self.tablename} cannot be read "
                f"({getattr(exc, 'orig', exc)})"
            ) from exc
        return [self._record(values) for values in raw]

    def _record(self, values: Sequence[Any]) -> Any:
        if not self.converters:
            return self.record(*values)
        converted = list(values)
        for index, convert in self.converters:
            try:
                converted[index] = convert(converted[index])
            except _BadValue as exc:
                raise DamagedContentError(
                    f"the workspace is damaged: table {self.tablename}, row {values[0]}, "
                    f"column {self.columns[index]}: {exc}"
                ) from None
        return self.record(*converted)


_READERS = {kind: _Reader.of(kind) for kind in p.RECORDS}
_SYSTEM_CHILDREN = (
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


def _group(rows: list[Any], attribute: str) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, attribute)].append(row)
    return grouped


def load_plan(ws: Workspace, *, system_ids: Collection[str] | None = None) -> p.Plan:
    """Load the directory and the given systems (all systems when ``system_ids`` is None)."""
    with _named(ws), ws.read() as session:
        return read_plan(session, system_ids=system_ids)


@contextlib.contextmanager
def _named(ws: Workspace) -> Iterator[None]:
    """Damage is reported with the workspace it is in (the loader reads a bare session)."""
    try:
        yield
    except DamagedContentError as exc:
        raise DamagedContentError(f"{ws.display}: {exc}") from exc


def refresh_plan(
    ws: Workspace, plan: p.Plan, *, system_ids: Collection[str], directory: bool
) -> p.Plan:
    """``plan`` with the given systems re-read (or dropped if gone), in name order.

    The directory (people, teams, activities, settings, general actions) is re-read only
    when ``directory`` is true: after an edit of one system, that is all that changed.
    """
    with _named(ws), ws.read() as session:
        fresh = read_systems(session, system_ids)
        base = read_plan(session, system_ids=()) if directory else plan
        seq = latest_seq(session)
    systems = dict(plan.systems)
    for system_id in system_ids:
        systems.pop(system_id, None)
    systems.update(fresh)
    order = sorted(systems.values(), key=lambda s: (s.name.casefold(), s.id))
    return dataclasses.replace(base, systems={s.id: s for s in order}, audit_seq=seq)


def read_plan(session: Session, *, system_ids: Collection[str] | None = None) -> p.Plan:
    """``load_plan`` inside an existing session (for operations that hash a plan)."""
    info = _READERS["workspace_info"].rows(session)
    if not info:
        raise DamagedContentError("the workspace is damaged: its settings row is missing")
    activities = _READERS["activity"].rows(session)
    return p.Plan(
        info=info[0],
        people={person.id: person for person in _READERS["person"].rows(session)},
        teams={team.id: team for team in _READERS["team"].rows(session)},
        activities=tuple(activities),
        systems=read_systems(session, system_ids),
        general_actions=tuple(_READERS["action_item"].rows(session, general_only=True)),
        audit_seq=latest_seq(session),
    )


def read_systems(
    session: Session, system_ids: Collection[str] | None = None
) -> dict[str, p.SystemPlan]:
    """The plans of the given systems (all when None), by id in name order."""
    ids = None if system_ids is None else list(system_ids)
    subset = ids is not None
    where = "system_id" if subset else None
    systems = _READERS["system"].rows(session, "id" if subset else None, ids)
    children = {
        kind: _group(_READERS[kind].rows(session, where, ids), "system_id")
        for kind in _SYSTEM_CHILDREN
    }
    chain_ids = [chain.id for rows in children["escalation_chain"].values() for chain in rows]
    levels = _READERS["escalation_level"].rows(session, "chain_id" if subset else None, chain_ids)
    targets = _READERS["escalation_target"].rows(
        session, "level_id" if subset else None, [level.id for level in levels]
    )
    targets_of = _group(targets, "level_id")
    levels_of = _group(levels, "chain_id")

    def chain_plan(chain: p.EscalationChain) -> p.ChainPlan:
        return p.ChainPlan(
            chain,
            tuple(
                p.LevelPlan(level, tuple(targets_of.get(level.id, ())))
                for level in levels_of.get(chain.id, ())
            ),
        )

    def of(kind: str, system_id: str) -> tuple[Any, ...]:
        return tuple(children[kind].get(system_id, ()))

    plans: dict[str, p.SystemPlan] = {}
    for system in systems:
        sid = system.id
        retraining = of("retraining_plan", sid)
        plans[sid] = p.SystemPlan(
            system=system,
            data_sources=of("data_source", sid),
            raci=of("raci", sid),
            support_tiers=of("support_tier", sid),
            chains=tuple(chain_plan(c) for c in of("escalation_chain", sid)),
            documents=of("document", sid),
            retraining=retraining[0] if retraining else None,
            signals=of("monitoring_signal", sid),
            review_rules=of("human_review_rule", sid),
            controls=of("governance_control", sid),
            criteria=of("readiness_criterion", sid),
            baselines=of("baseline", sid),
            sign_offs=of("sign_off", sid),
            actions=of("action_item", sid),
        )
    return plans

"""Importing an interchange document: all or nothing, every reference checked first."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from planner.domain.interchange import SECTIONS, InterchangeError
from planner.domain.registry import KIND_BY_TABLE, KINDS
from planner.operations.change import Change, Record
from planner.operations.transaction import Transaction, table_of, transaction
from planner.store.workspace import Workspace

_INSERT_BATCH = 5_000


def _table(kind_name: str) -> Table:
    return table_of(KINDS[kind_name])


class _Importer:
    """Checks a validated document against itself and the workspace, then inserts it."""

    def __init__(self, tx: Transaction, document: BaseModel) -> None:
        self.tx = tx
        self.document = document
        self.records: dict[str, list[dict[str, Any]]] = {
            kind_name: [r.model_dump() for r in getattr(document, section)]
            for section, kind_name in SECTIONS.items()
        }
        self.section_of = {kind_name: section for section, kind_name in SECTIONS.items()}
        self.ids: dict[str, set[str]] = {}
        # File activity id -> the workspace's own activity with the same key.
        self.activity_alias: dict[str, str] = {}

    def fail(self, kind_name: str, index: int, field: str, message: str) -> InterchangeError:
        return InterchangeError(f"$.{self.section_of[kind_name]}[{index}].{field}: {message}")

    def existing_ids(self, kind_name: str, ids: list[str]) -> set[str]:
        table = _table(kind_name)
        found: set[str] = set()
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            found.update(
                self.tx.session.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars()
            )
        return found

    def check_ids(self) -> None:
        for kind_name, rows in self.records.items():
            seen: set[str] = set()
            for index, row in enumerate(rows):
                if row["id"] in seen:
                    raise self.fail(kind_name, index, "id", "the same id appears twice")
                seen.add(row["id"])
            self.ids[kind_name] = seen

    def check_activity_keys(self) -> None:
        """Keys match activities across workspaces, so one file may use each key once."""
        seen: set[str] = set()
        for index, row in enumerate(self.records["activity"]):
            if row["key"] in seen:
                raise self.fail("activity", index, "key", f"the key {row['key']!r} appears twice")
            seen.add(row["key"])

    def map_activities(self) -> None:
        """Activities are matched by key: a fresh workspace's unused built-ins give way."""
        table = _table("activity")
        raci = _table("raci")
        existing = {
            row.key: row for row in self.tx.session.execute(select(table.c.id, table.c.key))
        }
        keep: list[dict[str, Any]] = []
        for row in self.records["activity"]:
            mine = existing.get(row["key"])
            if mine is None:
                keep.append(row)
            elif mine.id == row["id"]:
                self.activity_alias[row["id"]] = mine.id
            elif (
                self.tx.session.execute(
                    select(raci.c.id).where(raci.c.activity_id == mine.id).limit(1)
                ).first()
                is None
            ):
                self.tx.delete("activity", mine.id)
                keep.append(row)
            else:
                self.activity_alias[row["id"]] = mine.id
        self.records["activity"] = keep
        self.ids["activity"] = {row["id"] for row in keep}

    def check_not_present(self) -> None:
        for kind_name, rows in self.records.items():
            clash = self.existing_ids(kind_name, [row["id"] for row in rows])
            if clash:
                index = next(i for i, row in enumerate(rows) if row["id"] in clash)
                raise self.fail(kind_name, index, "id", "already in this workspace")

    def check_references(self) -> None:
        for kind_name, rows in self.records.items():
            table = _table(kind_name)
            for fk in table.foreign_keys:
                column = fk.parent.name
                target = KIND_BY_TABLE[fk.column.table.name].name
                known = self.ids.get(target, set())
                wanted = {row[column] for row in rows if row[column] is not None}
                if target == "activity":
                    for row in rows:
                        alias = self.activity_alias.get(row[column])
                        if alias is not None:
                            row[column] = alias
                    wanted = {row[column] for row in rows}
                missing = wanted - known
                if missing:
                    missing -= self.existing_ids(target, sorted(missing))
                if missing:
                    index = next(i for i, row in enumerate(rows) if row[column] in missing)
                    raise self.fail(kind_name, index, column, f"names no {KINDS[target].noun}")

    def check_unique(self) -> None:
        for kind_name, rows in self.records.items():
            table = _table(kind_name)
            for constraint in table.constraints:
                if constraint.__class__.__name__ != "UniqueConstraint":
                    continue
                names = [c.name for c in constraint.columns]  # type: ignore[attr-defined]
                existing = {
                    tuple(r) for r in self.tx.session.execute(select(*(table.c[n] for n in names)))
                }
                seen: set[tuple[Any, ...]] = set()
                for index, row in enumerate(rows):
                    key = tuple(row[n] for n in names)
                    if key in seen or key in existing:
                        field = names[-1]
                        raise self.fail(kind_name, index, field, f"{row[field]!r} is already taken")
                    seen.add(key)

    def check_people(self) -> None:
        for index, row in enumerate(self.records["person"]):
            if row["deputy_id"] == row["id"]:
                raise self.fail("person", index, "deputy_id", "a person cannot be their own deputy")

    def insert(self) -> list[Record]:
        created: list[Record] = []
        for kind_name in SECTIONS.values():
            rows = self.records[kind_name]
            table = _table(kind_name)
            # A row may point at a row of its own table that comes later in the file (a
            # deputy): insert those columns empty, then fill them in once all rows exist.
            own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
            first = [{**row, **dict.fromkeys(own)} for row in rows] if own else rows
            try:
                for start in range(0, len(first), _INSERT_BATCH):
                    self.tx.session.execute(insert(table), first[start : start + _INSERT_BATCH])
                for column in own:
                    links = [{"_id": r["id"], "_to": r[column]} for r in rows if r[column]]
                    if links:
                        self.tx.session.execute(
                            update(table)
                            .where(table.c.id == bindparam("_id"))
                            .values({column: bindparam("_to")}),
                            links,
                        )
            except IntegrityError as exc:
                raise InterchangeError(
                    f"$.{self.section_of[kind_name]}: conflicts with the workspace ({exc.orig})"
                ) from None
            created.extend(Record(kind_name, row) for row in rows)
        return created

    def apply_settings(self) -> Record | None:
        """A workspace with no systems yet takes the file's organisation and branding."""
        systems = _table("system")
        if self.tx.session.execute(select(systems.c.id).limit(1)).first() is not None:
            return None
        info = self.tx.rows("workspace_info")[0]
        settings = self.document.workspace.model_dump()  # type: ignore[attr-defined]
        pair = self.tx.update("workspace_info", info["id"], settings)
        return pair[1] if pair else None


def import_workspace(ws: Workspace, *, document: BaseModel) -> Change:
    """Add everything in a validated interchange document to the workspace, or nothing.

    Ids are kept, so an export imported into an empty workspace exports identically.
    Activities are matched by key. Organisation settings are taken only by a workspace
    that has no systems yet.
    """
    with transaction(ws, "import_workspace") as tx:
        importer = _Importer(tx, document)
        importer.check_ids()
        importer.check_activity_keys()
        importer.map_activities()
        importer.check_not_present()
        importer.check_references()
        importer.check_unique()
        importer.check_people()
        importer.apply_settings()
        created = importer.insert()
        tx.created.extend(created)
        counts: dict[str, int] = defaultdict(int)
        for record in created:
            counts[record.kind] += 1
        # Signed plans arrive locked; the audit chain learns of their locks from here.
        locked = sorted(r.id for r in created if r.kind == "system" and r.values["locked"])
        return tx.done(
            f"Import {counts.get('system', 0)} systems and {counts.get('person', 0)} people",
            entity_type="workspace",
            after={**counts, "locked_systems": locked} if locked else dict(counts),
        )

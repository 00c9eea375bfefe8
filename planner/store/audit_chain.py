"""The audit trail as a hash chain: each event's hash covers its content and the previous
event's hash, so editing, deleting or renumbering an event breaks every link after it.

``verify`` walks the chain and replays what the trail says about sign-offs and locks, and
compares that with the plan rows: a lock cleared, a sign-off deleted or reassigned, or a
signature hash replaced outside the app each show up as a ``Tamper`` finding. A file is
not a notary: someone with the file and this code can rebuild the whole chain. The chain
head (``head``), printed by ``handover-planner audit-head`` and in signed packs, is the
anchor to keep elsewhere: a rebuilt chain has a different head.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session

if TYPE_CHECKING:
    from planner.store.workspace import Workspace

GENESIS = "0" * 64
# How far from its place a renumbered event is looked for (to name what happened).
_RENUMBER_SEARCH = 64


def _at_text(value: dt.datetime | str) -> str:
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def event_digest(previous: str, event: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of one event's recorded content, chained to ``previous``."""
    content = [
        int(event["seq"]),
        _at_text(event["at"]),
        event["actor"],
        event["operation"],
        event["entity_type"],
        event["entity_id"],
        event["system_id"],
        event["before"],
        event["after"],
        event["app_version"],
    ]
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The newest event of the trail and its hash: an anchor to keep outside the file."""

    seq: int
    hash: str

    def __str__(self) -> str:
        return f"{self.seq} {self.hash}"


def head(session: Session) -> ChainHead:
    """The chain head of the workspace (event 0 and the genesis hash for an empty trail)."""
    row = session.execute(
        text("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
    ).first()
    if row is None:
        return ChainHead(0, GENESIS)
    return ChainHead(int(row.seq), str(row.hash or ""))


def workspace_head(ws: Workspace) -> ChainHead:
    """The chain head of an open workspace: what a signed pack prints as its anchor."""
    with ws.read() as session:
        return head(session)


def hash_at(session: Session, seq: int) -> str:
    if seq == 0:
        return GENESIS
    value = session.execute(text("SELECT hash FROM audit_event WHERE seq = :s"), {"s": seq})
    return str(value.scalar() or "")


def seal(*, plan_hash: str, seq: int, head_hash: str, sign_offs: Mapping[str, str]) -> str:
    """The sign-off hash: the plan's content hash, the audit position it was signed at
    (event number and chain hash) and who signed for which role."""
    body = json.dumps(
        {"plan": plan_hash, "seq": seq, "head": head_hash, "sign_offs": dict(sign_offs)},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class Tamper:
    """One sign that the file was changed outside the app."""

    kind: str
    message: str
    system_id: str | None = None
    seq: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "system_id": self.system_id,
            "seq": self.seq,
            "message": self.message,
        }


_EVENT_COLUMNS = (
    "seq, at, actor, operation, entity_type, entity_id, system_id, before, after, app_version, hash"
)


def events(session: Session) -> list[dict[str, Any]]:
    """Every event as recorded, oldest first (plain values, as hashed)."""
    result = session.execute(text(f"SELECT {_EVENT_COLUMNS} FROM audit_event ORDER BY seq"))
    return [dict(row) for row in result.mappings()]


def _renumbered_from(previous: str, event: Mapping[str, Any]) -> int | None:
    """The number an event was recorded under, if it now sits under another."""
    for offset in range(1, _RENUMBER_SEARCH):
        for seq in (event["seq"] + offset, event["seq"] - offset):
            if seq > 0 and event_digest(previous, {**event, "seq": seq}) == event["hash"]:
                return int(seq)
    return None


def _link_findings(events: Iterable[dict[str, Any]]) -> Iterator[Tamper]:
    """Each broken link on its own (``verify_chain`` merges the runs)."""
    previous, last = GENESIS, 0
    for event in events:
        seq = int(event["seq"])
        if seq != last + 1:
            missing = f"event {last + 1}" if seq == last + 2 else f"events {last + 1}-{seq - 1}"
            yield Tamper("events-deleted", f"audit trail: {missing} deleted", seq=seq)
        elif not event["hash"]:
            message = f"audit trail: event {seq} was added outside the app"
            yield Tamper("event-unchained", message, seq=seq)
        elif event_digest(previous, event) != event["hash"]:
            was = _renumbered_from(previous, event)
            if was is not None:
                message = f"audit trail: events from {seq} on were renumbered ({was} is now {seq})"
                yield Tamper("events-renumbered", message, seq=seq)
            else:
                message = f"audit trail: event {seq} was edited after it was recorded"
                yield Tamper("event-edited", message, seq=seq)
        previous, last = str(event["hash"] or ""), seq


def verify_chain(events: Iterable[dict[str, Any]]) -> list[Tamper]:
    """Every link of the chain: content matches its hash, no numbers missing.

    A renumbered run is one finding; the link just before it, which no longer matches
    because an event between was deleted, belongs to that finding.
    """
    found: list[Tamper] = []
    previous_seq = None
    for tamper in _link_findings(events):
        last = found[-1] if found else None
        follows = previous_seq is not None and previous_seq == (tamper.seq or 0) - 1
        previous_seq = tamper.seq
        if tamper.kind == "events-renumbered" and last is not None and follows:
            if last.kind == "event-edited":
                message = (
                    f"audit trail: an event was deleted and those from {last.seq} on renumbered"
                )
                found[-1] = Tamper("events-renumbered", message, seq=last.seq)
            if found[-1].kind == "events-renumbered":
                continue
        found.append(tamper)
    return found


def _load(value: str | None) -> Any:
    try:
        return json.loads(value) if value else None
    except ValueError:
        return None


_LOCK, _UNLOCK = "lock", "unlock"


def _effect(event: Mapping[str, Any], effects: Mapping[int, str | None]) -> str | None:
    """What an event did to its system's lock: lock, unlock or nothing."""
    after, before = _load(event["after"]), _load(event["before"])
    operation = event["operation"]
    if operation == "sign_off" and isinstance(after, dict) and after.get("locked"):
        return _LOCK
    if operation == "reopen_system":
        return _UNLOCK
    if operation in ("undo", "redo") and isinstance(before, dict):
        undone = effects.get(int(before.get("seq") or 0))
        return {_LOCK: _UNLOCK, _UNLOCK: _LOCK}.get(undone or "")
    return None


@dataclass
class _LockHistory:
    """What the trail says about one system's lock."""

    locked: bool = False
    seq: int = 0
    signing: dict[str, Any] | None = None  # the sign-off event that locked it last
    imported: bool = False


def replay_locks(events: Iterable[dict[str, Any]]) -> dict[str, _LockHistory]:
    histories: dict[str, _LockHistory] = {}
    effects: dict[int, str | None] = {}
    for event in events:
        effect = effects[event["seq"]] = _effect(event, effects)
        if event["operation"] == "import_workspace":
            after = _load(event["after"]) or {}
            for system_id in after.get("locked_systems", []) if isinstance(after, dict) else []:
                histories[system_id] = _LockHistory(True, event["seq"], None, True)
        if effect is None or event["system_id"] is None:
            continue
        history = histories.setdefault(event["system_id"], _LockHistory())
        history.locked, history.seq = effect == _LOCK, event["seq"]
        if event["operation"] == "sign_off":
            history.signing = {**event, "after": _load(event["after"])}
    return histories


def _check_lock(system: Any, history: _LockHistory) -> Tamper | None:
    """The lock against what the trail says the app last did to it."""
    if history.locked and not system.locked:
        message = (
            f"'{system.name}': unlocked outside the app (the trail says it was signed off "
            f"and locked at event {history.seq})"
        )
        return Tamper("lock-cleared", message, system.id, history.seq)
    if system.locked and not history.locked:
        message = f"'{system.name}': locked outside the app (no sign-off in the trail locked it)"
        return Tamper("lock-set", message, system.id)
    return None


def _check_signatures(session: Session, system: Any, signing: dict[str, Any]) -> list[Tamper]:
    """The signed hash and the sign-off rows against the event that locked the plan."""
    recorded, seq = signing["after"] or {}, signing["seq"]
    name, sid = system.name, system.id
    found: list[Tamper] = []
    if system.signed_hash != recorded.get("signed_hash"):
        message = (
            f"'{name}': the signed hash was replaced after signing (the trail recorded "
            f"another at event {seq})"
        )
        found.append(Tamper("signature-replaced", message, sid, seq))
    if "sign_offs" not in recorded:
        # Locked by a version before the chain: its event names no signatories to compare.
        return found
    signed = dict(recorded.get("sign_offs") or {})
    rows = session.execute(
        text("SELECT role, person_id FROM sign_off WHERE system_id = :s"), {"s": sid}
    ).all()
    current = {row.role: row.person_id for row in rows}
    for role, person in sorted(signed.items()):
        if role not in current:
            message = f"'{name}': the {role} sign-off was deleted outside the app"
            found.append(Tamper("sign-off-deleted", message, sid, seq))
        elif current[role] != person:
            message = f"'{name}': who signed as {role} was changed outside the app"
            found.append(Tamper("signatory-changed", message, sid, seq))
    for role in sorted(set(current) - set(signed)):
        message = f"'{name}': a {role} sign-off was added outside the app"
        found.append(Tamper("sign-off-added", message, sid, seq))
    return found


def _seal_holds(session: Session, signing: dict[str, Any]) -> bool:
    """Whether the seal recorded at signing matches the trail position it names."""
    recorded = signing["after"] or {}
    if "seal" not in recorded:
        return True
    position = int(recorded.get("signed_seq", 0))
    expected = seal(
        plan_hash=recorded.get("signed_hash") or "",
        seq=position,
        head_hash=hash_at(session, position),
        sign_offs=dict(recorded.get("sign_offs") or {}),
    )
    return bool(recorded["seal"] == expected)


def _check_system(
    session: Session, system: Any, history: _LockHistory, *, chain_broken: bool
) -> list[Tamper]:
    lock = _check_lock(system, history)
    if lock is not None:
        return [lock]
    signing = history.signing
    if not system.locked or signing is None:
        return []
    found = _check_signatures(session, system, signing)
    # With the chain intact the seal always holds; with it broken, that is already said.
    if not chain_broken and not _seal_holds(session, signing):
        message = (
            f"'{system.name}': the sign-off seal at event {signing['seq']} does not match "
            "the trail it was signed at"
        )
        found.append(Tamper("seal-broken", message, system.id, signing["seq"]))
    return found


def verify(session: Session) -> list[Tamper]:
    """Everything the chain can tell about changes made to the file outside the app."""
    recorded = events(session)
    found = verify_chain(recorded)
    chain_broken = bool(found)
    histories = replay_locks(recorded)
    systems = session.execute(
        text("SELECT id, name, locked, signed_hash FROM ai_system ORDER BY name")
    ).all()
    for system in systems:
        history = histories.get(system.id, _LockHistory())
        found.extend(_check_system(session, system, history, chain_broken=chain_broken))
    return found


def verify_workspace(ws: Workspace) -> list[Tamper]:
    """``verify`` on an open workspace, in one read transaction (for the CLI and the GUI)."""
    with ws.read() as session:
        return verify(session)


def verify_workspace_chain(ws: Workspace) -> list[Tamper]:
    """Only the chain's own links: what ``audit-head`` vouches for."""
    with ws.read() as session:
        return verify_chain(events(session))

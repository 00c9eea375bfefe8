"""Signing off a system's plan, which locks it once all required roles signed, and reopening it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from planner.domain.enums import SignOffRole
from planner.domain.errors import DomainError
from planner.domain.plan_hash import plan_hash
from planner.domain.wording import count_of, in_running_text
from planner.operations.change import Change
from planner.operations.transaction import Transaction, transaction
from planner.store.audit_chain import head as chain_head
from planner.store.audit_chain import seal
from planner.store.plan_loader import read_plan
from planner.store.workspace import Workspace


def _role(role: SignOffRole | str) -> SignOffRole:
    try:
        return SignOffRole(role)
    except ValueError:
        allowed = ", ".join(r.value for r in SignOffRole)
        raise DomainError(f"Sign-off: unknown role {role!r}; choose one of: {allowed}") from None


def _current_hash(tx: Transaction, system_id: str) -> str:
    # Read through the transaction's own session so the hash covers what is being signed.
    plan = read_plan(tx.session, system_ids=[system_id])
    return plan_hash(plan, plan.systems[system_id])


def _lock(tx: Transaction, system_id: str) -> dict[str, object]:
    """Lock the plan; return what the audit event records about the signing.

    The event records the plan's content hash, the audit position it was signed at (the
    chain head before this event), who signed for which role, and a seal over all three;
    the audit chain then protects that record (see store/audit_chain.py).
    """
    digest = _current_hash(tx, system_id)
    tx.update(
        "system",
        system_id,
        {"locked": True, "signed_hash": digest, "signed_at": tx.now},
        protected_ok=True,
    )
    position = chain_head(tx.session)
    signatories = {
        SignOffRole(row["role"]).value: row["person_id"]
        for row in tx.rows("sign_off", system_id=system_id)
    }
    return {
        "locked": True,
        "signed_hash": digest,
        "signed_seq": position.seq,
        "sign_offs": signatories,
        "seal": seal(
            plan_hash=digest, seq=position.seq, head_hash=position.hash, sign_offs=signatories
        ),
    }


def sign_off(
    ws: Workspace,
    *,
    system_id: str,
    role: SignOffRole | str,
    person_id: str,
    signed_on: dt.date,
    comment: str = "",
    open_blockers: Sequence[str] = (),
    override_reason: str = "",
) -> Change:
    """Record that ``person_id`` signs the system's plan for ``role``.

    When this completes the workspace's required roles, the plan is locked and the hash of
    its content is stored with the time of locking, in the same transaction.

    ``open_blockers`` are the blockers the caller's check reports for the system now (the
    operations may not run the analysis themselves). A plan with open blockers is only
    locked with an ``override_reason``, which is kept on the locking sign-off and audited
    together with the blockers it overrode.
    """
    chosen = _role(role)
    reason = override_reason.strip()
    with transaction(ws, "sign_off", allow_locked=True) as tx:
        system = tx.require("system", system_id)
        person = tx.require("person", person_id)
        locks = _completes_sign_off(tx, system, person, chosen)
        overriding = _overrides(system, locks, open_blockers, reason)
        record = tx.insert(
            "sign_off",
            {
                "system_id": system_id,
                "role": chosen,
                "person_id": person_id,
                "signed_on": signed_on,
                "comment": comment,
                "override_reason": reason if overriding else "",
            },
        )
        after: dict[str, object] = {
            "role": chosen.value,
            "person": person["name"],
            "person_id": person_id,
            "signed_on": signed_on,
        }
        if overriding:
            after |= {"override_reason": reason, "open_blockers": list(open_blockers)}
        if locks:
            after |= _lock(tx, system_id)
        locked = " and lock" if after.get("locked") else ""
        return tx.done(
            f"Sign off{locked} '{system['name']}' as {in_running_text(chosen.label)} "
            f"({person['name']})",
            entity_type="sign_off",
            entity_id=record.id,
            system_id=system_id,
            after=after,
        )


def _completes_sign_off(
    tx: Transaction, system: dict[str, Any], person: dict[str, Any], chosen: SignOffRole
) -> bool:
    """Whether ``person`` signing for ``chosen`` completes the required roles.

    Refuses a locked system, an inactive signer and a role that has already signed.
    """
    if system["locked"]:
        raise DomainError(f"'{system['name']}' is already signed off and locked")
    if not person["active"]:
        raise DomainError(f"Sign-off: {person['name']} is inactive and cannot sign")
    signed = {row["role"] for row in tx.rows("sign_off", system_id=system["id"])}
    if chosen in signed:
        raise DomainError(f"Sign-off: {in_running_text(chosen.label)} has already signed this plan")
    info = tx.rows("workspace_info")[0]
    required = {SignOffRole(r) for r in info["required_signoff_roles"]}
    return required <= signed | {chosen}


def _overrides(
    system: dict[str, Any], locks: bool, open_blockers: Sequence[str], reason: str
) -> bool:
    """Whether this sign-off locks the plan over open blockers; refused without a reason."""
    if locks and open_blockers and not reason:
        raise DomainError(
            f"Sign-off: '{system['name']}' still has {count_of(len(open_blockers), 'blocker')} "
            f"(first: {open_blockers[0]}); give a reason to override them, or fix them first"
        )
    return locks and bool(open_blockers)


def reopen_system(ws: Workspace, *, system_id: str, reason: str) -> Change:
    """Unlock a signed-off system for changes; its sign-offs and hash are cleared.

    The sign-offs are deleted row by row so that undoing the reopening restores them.
    """
    if not reason.strip():
        raise DomainError("Reopen: say why the signed plan is being reopened")
    with transaction(ws, "reopen_system", allow_locked=True) as tx:
        system = tx.require("system", system_id)
        sign_offs = tx.rows("sign_off", system_id=system_id)
        if not system["locked"] and not sign_offs:
            raise DomainError(f"'{system['name']}' is not signed off; there is nothing to reopen")
        for row in sign_offs:
            tx.delete("sign_off", row["id"])
        tx.update(
            "system",
            system_id,
            {"locked": False, "signed_hash": None, "signed_at": None},
            protected_ok=True,
        )
        return tx.done(
            f"Reopen '{system['name']}': {reason.strip()}",
            entity_type="system",
            entity_id=system_id,
            system_id=system_id,
            before={
                "locked": system["locked"],
                "signed_hash": system["signed_hash"],
                "sign_offs": [
                    {"role": row["role"], "person_id": row["person_id"]} for row in sign_offs
                ],
            },
            after={"locked": False, "reason": reason.strip()},
        )

"""Sign-off of the demo's complete systems by their accountable people, which locks them."""

from __future__ import annotations

import datetime as dt

from planner.demo.builder import COMPLETE, TEMPLATE_ORDER
from planner.domain.enums import RaciRole
from planner.operations.change import Change
from planner.operations.signoff import sign_off
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

# Who signs for each role in a complete demo system: the Accountable of this activity.
SIGNERS = {
    "business_owner": "change_requests",
    "it_operations": "monitoring",
    "data_owner": "data_quality",
    "support_lead": "support",
    "risk_compliance": "access_control",
}


def sign_complete_systems(ws: Workspace, change: Change, today: dt.date) -> None:
    """Sign off every complete system with its accountable people, which locks it."""
    created = [r.id for r in change.created if r.kind == "system"]
    complete = [
        system_id
        for index, system_id in enumerate(created)
        if index % len(TEMPLATE_ORDER) == COMPLETE
    ]
    if not complete:
        return
    plan = load_plan(ws, system_ids=complete)
    activity_key = {a.id: a.key for a in plan.activities}
    for system in plan:
        accountable = {
            activity_key[row.activity_id]: row.person_id
            for row in system.raci
            if row.role == RaciRole.ACCOUNTABLE and row.person_id is not None
        }
        for role in plan.info.required_signoff_roles:
            sign_off(
                ws,
                system_id=system.id,
                role=role,
                person_id=accountable[SIGNERS[role]],
                signed_on=today - dt.timedelta(days=3),
                comment="Approved at the go-live readiness board",
            )

"""Every change a user can make to a workspace: the only write path.

Each function validates its input, writes in one transaction, appends an audit event and
returns a ``Change``. The GUI, the CLI and the JSON import all call these.
"""

from planner.operations.change import Change, Record
from planner.operations.entities import create_entity, delete_entity, revert, update_entity
from planner.operations.escalation import (
    add_escalation_level,
    delete_escalation_level,
    move_escalation_level,
)
from planner.operations.raci import assign_raci
from planner.operations.signoff import reopen_system, sign_off
from planner.operations.systems import add_system, apply_template, duplicate_system

__all__ = [
    "Change",
    "Record",
    "add_escalation_level",
    "add_system",
    "apply_template",
    "assign_raci",
    "create_entity",
    "delete_entity",
    "delete_escalation_level",
    "duplicate_system",
    "move_escalation_level",
    "reopen_system",
    "revert",
    "sign_off",
    "update_entity",
]

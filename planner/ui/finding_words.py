"""A finding's message as the GUI shows it on its own: a sentence, names as typed.

The rules word a message to follow a rule id or a colon ("RACI-001 nobody is Accountable
for …", as the CLI and the PDF print it); shown alone in a list or after "Blocker:", it
starts a sentence and so takes a capital, unless it starts with a name typed in lower case.
"""

from __future__ import annotations

from typing import Any

from planner.domain.plan import Plan
from planner.domain.wording import as_sentence

# The plan the names were read from, and its people's and teams' names in lower case.
_names: tuple[Plan | None, tuple[str, ...]] = (None, ())


def _lower_case_names(plan: Plan) -> tuple[str, ...]:
    """Names a message may start with that a capital would change ("de Vries")."""
    global _names
    if _names[0] is not plan:
        names = [p.name for p in plan.people.values()] + [t.name for t in plan.teams.values()]
        _names = (plan, tuple(n for n in names if n[:1].islower()))
    return _names[1]


def finding_message(finding: Any, plan: Plan) -> str:
    """ "nobody is Accountable for Access control" -> "Nobody is Accountable for …"."""
    return as_sentence(str(finding.message), _lower_case_names(plan))

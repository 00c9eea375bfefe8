"""The readiness rules, one module per area of the plan; importing them registers them."""

from __future__ import annotations


def load_all() -> None:
    """Import every rule module (each registers its rules as a side effect of importing)."""
    from planner.analysis.rules import (  # noqa: F401
        data,
        documentation,
        escalation,
        governance,
        lifecycle,
        ownership,
        support,
    )

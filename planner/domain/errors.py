"""The errors the core raises for a user to read: each carries a one-line message."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error whose message is meant for the user, not a traceback."""


class DomainError(PlannerError):
    """Input that breaks a rule of the plan; nothing was written."""


class NotFoundError(DomainError):
    """An id that names nothing in this workspace."""


class LockedError(DomainError):
    """A change to a system whose signed-off plan is locked."""


class ReadOnlyError(PlannerError):
    """A change attempted on a workspace opened read-only."""


class ConflictError(DomainError):
    """An edit of a row that another writer changed or deleted first; nothing was written.

    The message says who did what and when; the GUI shows it and reloads the plan.
    """

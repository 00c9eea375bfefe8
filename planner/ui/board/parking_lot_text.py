"""Reading a parking-lot line: its text, an optional "@owner" and an optional "!YYYY-MM-DD" due.

Both markers go at the end, in either order: "Who renews the licence? @Dana Lee !2026-12-01".
Everything before them is the action's text, kept as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DUE = re.compile(r"(?:^|\s)!(\S+)\s*$")
_OWNER = re.compile(r"(?:^|\s)@([^@!]+?)\s*$")


@dataclass(frozen=True)
class ParkedItem:
    text: str
    owner: str | None = None
    due: dt.date | None = None


class ParkingTextError(ValueError):
    """A line the board cannot turn into an action item; the message is for the user."""


def parse_parking_text(line: str) -> ParkedItem:
    """Split a typed line into text, owner name and due date (see the module docstring)."""
    text = " ".join(line.split())
    owner: str | None = None
    due: dt.date | None = None
    for _ in range(2):
        if due is None and (match := _DUE.search(text)):
            try:
                due = dt.date.fromisoformat(match.group(1))
            except ValueError:
                raise ParkingTextError(
                    f"'{match.group(1)}' is not a due date: write !YYYY-MM-DD"
                ) from None
            text = text[: match.start()].rstrip()
        elif owner is None and (match := _OWNER.search(text)):
            owner = match.group(1).strip()
            text = text[: match.start()].rstrip()
    if not text:
        raise ParkingTextError("Type the question or action first, then @owner or !due date")
    return ParkedItem(text, owner or None, due)

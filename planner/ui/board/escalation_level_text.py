"""Reading a new escalation level as typed on the board: "Dana Lee, Service Desk +15".

Names are separated by commas; a "+N" token anywhere means "call them N minutes after the
incident starts" (no token: at once). An empty line adds a level with nobody on it yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DELAY = re.compile(r"(?:^|[\s,])\+(\d{1,6})\s*(?:min|m)?(?=$|[\s,])")


@dataclass(frozen=True)
class TypedLevel:
    names: tuple[str, ...]
    delay_minutes: int = 0


def parse_level_text(line: str) -> TypedLevel:
    """Split a typed level into target names and a delay in minutes."""
    delay = 0
    if match := _DELAY.search(line):
        delay = int(match.group(1))
        line = line[: match.start()] + " " + line[match.end() :]
    names: list[str] = []
    for part in line.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return TypedLevel(tuple(names), delay)

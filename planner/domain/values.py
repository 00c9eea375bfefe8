"""Value rules shared by the entities: text limits, e-mail and time-zone checks."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache

NAME_LENGTH = 200
SHORT_TEXT = 2_000
# Long prose fields; generous so a pasted document never fails, bounded so a file stays sane.
LONG_TEXT = 1_000_000

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(cls: object, value: str) -> str:  # noqa: ARG001 (pydantic passes the class)
    """Accept an empty value or something shaped like an e-mail address."""
    if value and not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


@cache
def known_timezones() -> frozenset[str]:
    """The IANA time-zone names this machine knows (cached: the first call reads tzdata)."""
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def check_timezone(cls: object, value: str) -> str:  # noqa: ARG001 (pydantic passes the class)
    """Accept an empty value or an IANA time-zone name such as Europe/Berlin."""
    if value and value not in known_timezones():
        raise ValueError(f"{value!r} is not a known time zone (use a name like Europe/Berlin)")
    return value

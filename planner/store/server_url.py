"""Server workspace URLs without the database driver: telling them from file paths, and
keeping their passwords out of everything that is shown or saved.

The command line and the window ask this before anything is opened, when SQLAlchemy is not
imported yet (it costs most of a second); store/server.py uses the same rules.
"""

from __future__ import annotations

import re

SCHEMES = ("postgresql://", "postgres://")
# The password in a URL's user part, read as SQLAlchemy and libpq read it: from the ':'
# after the user name up to the '@', so a raw '/', '?' or ':' belongs to the password.
_USER_PASSWORD = re.compile(r"(?P<before>://[^:/@]*):[^@]*@")
# Query parameters (libpq keywords) that hold a secret: ?password=…, ?sslpassword=….
_SECRET_KEYS = frozenset({"password", "sslpassword"})
# The same keywords anywhere in a message: a URL's query, or libpq's "password='…'".
_SECRET_VALUE = re.compile(
    r"(?P<key>\b(?:ssl)?password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^&\s]*)", re.IGNORECASE
)


def is_server_url(location: str) -> bool:
    """Whether ``location`` names a server workspace rather than a file."""
    return location.strip().lower().startswith(SCHEMES)


def without_password(url: str) -> str:
    """A server URL with no password left in it, from the user part or the query: the
    address that recent lists, settings and window titles keep."""

    def user_only(match: re.Match[str]) -> str:
        before = match["before"]
        return before if before.endswith("://") else before + "@"

    url = _USER_PASSWORD.sub(user_only, url, count=1)
    # Split after the user part is gone: a password may hold a '?'.
    address, mark, query = url.partition("?")
    kept = [p for p in query.split("&") if p and _key(p) not in _SECRET_KEYS]
    return address + (mark + "&".join(kept) if kept else "")


def redact_password(text: str) -> str:
    """``text`` (a URL, or a message that may quote one) with every password as ***."""
    text = _USER_PASSWORD.sub(r"\g<before>:***@", text)
    return _SECRET_VALUE.sub(r"\g<key>***", text)


def _key(parameter: str) -> str:
    return parameter.partition("=")[0].strip().lower()

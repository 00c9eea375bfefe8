"""User text shown in Qt as plain text, never as markup (tooltips are rich text by guess)."""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt guesses markup, so force and escape it."""
    escaped = html.escape(text).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"

"""Where the bundled resources (fonts, templates, schema, icons) live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside the bundled ``resources/`` folder."""
    return RESOURCES.joinpath(*parts)

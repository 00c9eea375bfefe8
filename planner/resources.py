"""Where the bundled resources (fonts, templates, schema, icons) live."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find_resources() -> Path:
    """The installed copy (wheel, sdist or frozen bundle: ``planner/_resources``) if there is
    one, else the clone's top-level ``resources/`` folder (source tree, editable install).

    The installed copy is looked at first: beside an installed package, ``../resources``
    is site-packages/resources, which may belong to another distribution.
    """
    installed = _PACKAGE / "_resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


RESOURCES = _find_resources()


def resource_path(*parts: str) -> Path:
    """A path inside the bundled resources folder."""
    return RESOURCES.joinpath(*parts)

"""Registering the bundled fonts with Qt so the app looks the same on a machine without them."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from planner.resources import resource_path

_registered: list[str] = []


def register_fonts() -> list[str]:
    """Add every ``resources/fonts/*.ttf`` to the application's font database, once.

    Returns the font families registered; a font that cannot be loaded is skipped (the
    system fonts still work), which is why this never raises.
    """
    if _registered:
        return list(_registered)
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)

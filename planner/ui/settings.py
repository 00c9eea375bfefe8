"""Window layout kept between runs (geometry, splitter sizes), apart from user preferences.

QSettings stores these in the platform's usual place under the application and
organisation names set in ``planner.app``; resetting them never loses the user's name or
recent files, which live in ``planner.preferences``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

GEOMETRY = "main_window/geometry"
STATE = "main_window/state"
SPLITTER = "main_window/splitter"
LAST_SYSTEM = "main_window/last_system"
LAST_EXPORT_FOLDER = "export/last_folder"


class WindowSettings:
    """Typed access to the few layout values the main window remembers."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes(GEOMETRY)

    def window_state(self) -> QByteArray | None:
        return self._bytes(STATE)

    def splitter(self) -> QByteArray | None:
        return self._bytes(SPLITTER)

    def save(self, *, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._settings.setValue(GEOMETRY, geometry)
        self._settings.setValue(STATE, state)
        self._settings.setValue(SPLITTER, splitter)
        self._settings.sync()

    def last_system(self, workspace: str) -> str | None:
        value = self._settings.value(f"{LAST_SYSTEM}/{_key(workspace)}")
        return value if isinstance(value, str) and value else None

    def set_last_system(self, workspace: str, system_id: str | None) -> None:
        self._settings.setValue(f"{LAST_SYSTEM}/{_key(workspace)}", system_id or "")

    def last_export_folder(self) -> str | None:
        """The folder the last export was written to, if it still exists."""
        value = self._settings.value(LAST_EXPORT_FOLDER)
        if not isinstance(value, str) or not value:
            return None
        from pathlib import Path

        return value if Path(value).is_dir() else None

    def set_last_export_folder(self, folder: str) -> None:
        self._settings.setValue(LAST_EXPORT_FOLDER, folder)


def _key(path: str) -> str:
    """A QSettings-safe key for a file path (slashes would nest groups)."""
    import hashlib

    return hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()[:16]

"""User preferences shared by the CLI and the GUI: declared once, typed, with defaults.

Stored as JSON in the user config folder. Window geometry is not here: the GUI keeps it
apart (QSettings), so resetting the layout never loses the user's name.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from planner.store.server_url import is_server_url, without_password

APP_DIR_NAME = "handover-planner"
MAX_RECENT = 10


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def default_workspace_path() -> Path:
    """Where ``handover-planner`` with no arguments keeps its workspace."""
    return data_dir() / "workspace.handover"


def workspace_to_reopen() -> Path | str | None:
    """The workspace to open when none is named: the one used last, or the default one.

    A server workspace used last is reopened by its address (recent lists never hold a
    password: the window connects as File > Open recent does, and asks for one if the
    server wants it). A file is skipped when it is gone. None when nothing is left (the
    first run): the window shows its start screen.
    """
    for entry in Preferences.load().recent_files:
        if is_server_url(entry):
            return entry
        if Path(entry).is_file():
            return Path(entry)
    default = default_workspace_path()
    return default if default.is_file() else None


@dataclass
class Preferences:
    # The name written into the audit trail; empty means the OS user name.
    actor_name: str = ""
    recent_files: list[str] = field(default_factory=list)
    board_zoom: float = 1.0

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        """Read the preferences file; a missing or unreadable file gives the defaults."""
        path = path or config_dir() / "preferences.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values = {}
        for key, value in data.items():
            if key in known and isinstance(value, type(getattr(cls(), key))):
                values[key] = value
        return cls(**values)

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "preferences.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        os.replace(temporary, path)

    def add_recent(self, workspace: Path | str) -> None:
        """Put a workspace first in the recent list: a file's full path, or a server URL,
        which is kept without any password it carries."""
        text = str(workspace).strip()
        # A password is never written to disk.
        entry = without_password(text) if is_server_url(text) else str(Path(text).resolve())
        self.recent_files = [entry, *(f for f in self.recent_files if f != entry)][:MAX_RECENT]

    def actor(self) -> str | None:
        return self.actor_name.strip() or None

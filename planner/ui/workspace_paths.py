"""Where the window suggests files for a workspace, whether it is a file or on a server.

Beside a workspace file; for a server workspace (which has no folder) the folder of the
last export, else the home folder. Suggested names start with the workspace's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.ui.settings import WindowSettings

if TYPE_CHECKING:
    from planner.store.workspace import Workspace


def default_folder(ws: Workspace | None, settings: WindowSettings | None = None) -> Path:
    """The folder file dialogs start in for ``ws``."""
    if ws is not None and ws.folder is not None:
        return ws.folder
    last = (settings or WindowSettings()).last_export_folder()
    return Path(last) if last else Path.home()


def suggested_file(ws: Workspace, ending: str, settings: WindowSettings | None = None) -> Path:
    """A file named after the workspace, e.g. ``ending="-raci.xlsx"`` gives plan-raci.xlsx."""
    return default_folder(ws, settings) / f"{ws.name}{ending}"

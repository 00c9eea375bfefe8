"""The window's file chores: open, new, save a copy, import and export, recent files.

Every file command of the main window lands here, so the window keeps to layout and slots.
Each method reports a failure to the user in one sentence and leaves the file untouched.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from planner.domain.errors import PlannerError
from planner.store.server_url import is_server_url
from planner.ui.dialogs.message_boxes import confirm, show_error
from planner.ui.workspace_paths import default_folder, suggested_file

if TYPE_CHECKING:
    from planner.operations.change import Change
    from planner.store.workspace import Workspace
    from planner.ui.main_window import MainWindow

WORKSPACE_FILTER = "Handover workspaces (*.handover);;All files (*)"


class WorkspaceFiles(QObject):
    """Opens, creates, copies, imports and exports workspace files for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def ws(self) -> Workspace | None:
        return self.window.ws

    def recent_files(self) -> list[str]:
        """Recent workspace files that still exist, and recent server URLs (no password)."""
        return [f for f in self.window.preferences.recent_files if is_url(f) or Path(f).exists()]

    def remember(self, location: Path | str) -> None:
        self.window.preferences.add_recent(location)
        # A read-only config folder must not stop the user from working.
        with contextlib.suppress(OSError):
            self.window.preferences.save()

    # --- opening and creating ------------------------------------------------------

    def open_location(self, location: Path | str, *, read_only: bool = False) -> bool:
        """Open a workspace file, or a server workspace by its postgresql:// URL."""
        if is_url(str(location)):
            return self.open_server(str(location), read_only=read_only)
        return self.open_path(Path(location), read_only=read_only)

    def open_server(self, url: str, *, read_only: bool = False) -> bool:
        """Open a server workspace; ask for a password only if the server wants one."""
        from planner.store.server import ServerLocation
        from planner.ui.dialogs.connect_server_dialog import connect_to_server

        with contextlib.suppress(PlannerError):  # a bad URL is said by connect_to_server
            if self.ws is not None and self.ws.address == ServerLocation.parse(url).public_url:
                return True

        ws = connect_to_server(
            self.window, url, actor=self.window.preferences.actor(), read_only=read_only
        )
        return ws is not None and self.show_workspace(ws)

    def connect_dialog(self) -> bool:
        """File > Connect to server: the dialog, then the workspace it opened."""
        from planner.ui.dialogs.connect_server_dialog import ConnectServerDialog

        dialog = ConnectServerDialog(self.window, actor=self.window.preferences.actor())
        if dialog.exec() != ConnectServerDialog.DialogCode.Accepted or dialog.workspace is None:
            return False
        return self.show_workspace(dialog.workspace)

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open a workspace file in this window; explain and leave it untouched if it fails."""
        from planner.store.lock import LockHeldError
        from planner.store.workspace import WorkspaceError, open_workspace

        path = Path(path)
        if self.ws is not None and str(path.resolve()) == self.ws.address:
            return True
        actor = self.window.preferences.actor()
        try:
            ws = open_workspace(path, actor=actor, read_only=read_only)
        except LockHeldError as exc:
            if not confirm(
                self.window,
                "Workspace in use",
                f"{exc}\n\nYou can open it read-only to browse and export it.",
                "Open read-only",
            ):
                return False
            return self.open_path(path, read_only=True)
        except WorkspaceError as exc:
            show_error(
                self.window, "Cannot open workspace", str(exc), "The file was left untouched."
            )
            return False
        except PlannerError as exc:
            show_error(self.window, "Cannot open workspace", str(exc))
            return False
        return self.show_workspace(ws)

    def show_workspace(self, ws: Workspace) -> bool:
        """Show an opened workspace in the window (closed again if its plan cannot be read)."""
        from planner.ui.workspace_document import WorkspaceDocument

        document = WorkspaceDocument(ws)
        try:
            document.plan  # noqa: B018  (load now: a damaged file is refused here, in one line)
        except PlannerError as exc:
            ws.close()
            kind = "server" if ws.is_server else "file"
            show_error(
                self.window, "Cannot open workspace", str(exc), f"The {kind} was left untouched."
            )
            return False
        self.window.set_document(document)
        for notice in ws.notices:
            self.window.statusBar().showMessage(notice, 15000)
        self.remember(ws.address)
        self.window.workspace_opened.emit(ws.address if ws.is_server else ws.path)
        return True

    def open_dialog(self) -> None:
        folder = str(self.ws.folder or "") if self.ws is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "Open workspace", folder, WORKSPACE_FILTER
        )
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        from planner.preferences import data_dir
        from planner.ui.dialogs.new_workspace_dialog import DEMO, EMPTY, NewWorkspaceDialog

        folder = (self.ws.folder if self.ws is not None else None) or data_dir()
        dialog = NewWorkspaceDialog(folder, self.window)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        self.create_workspace_file(dialog.path(), dialog.start(), empty=EMPTY, demo=DEMO)

    def start_new(self, start: str, name: str) -> bool:
        """A new workspace in the user's data folder, empty or from a template (the start
        screen): named after its start, never over an existing file; the status bar says where.
        """
        from planner.preferences import data_dir
        from planner.ui.dialogs.new_workspace_dialog import free_path

        stem = "Handover plan" if start == "empty" else name
        path = free_path(data_dir() / f"{stem}.handover")
        if not self._make_folder(path):
            return False
        if not self.create_workspace_file(path, start):
            return False
        self.window.statusBar().showMessage(f"Created {path}", 15000)
        return True

    def open_demo(self, path: Path) -> bool:
        """The demo portfolio at ``path``: opened if it is there, made first if not."""
        if path.exists():
            return self.open_path(path)
        if not self._make_folder(path):
            return False
        if not self.create_workspace_file(path, "demo"):
            return False
        self.window.statusBar().showMessage(f"Created the demo in {path}", 15000)
        return True

    def _make_folder(self, path: Path) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            show_error(self.window, "Cannot create workspace", f"{path.parent}: {exc.strerror}")
            return False
        return True

    def create_workspace_file(
        self, path: Path, start: str = "empty", *, empty: str = "empty", demo: str = "demo"
    ) -> bool:
        from planner.store.workspace import create_workspace
        from planner.ui.workspace_document import WorkspaceDocument

        try:
            ws = create_workspace(path, actor=self.window.preferences.actor())
        except PlannerError as exc:
            show_error(self.window, "Cannot create workspace", str(exc))
            return False
        except OSError as exc:
            show_error(self.window, "Cannot create workspace", f"{path}: {exc.strerror or exc}")
            return False
        try:
            if start == demo:
                from planner.demo import create_demo

                create_demo(ws)
            elif start != empty:
                from planner.domain.templates import get_template
                from planner.operations import add_system

                add_system(ws, name=get_template(start).name, template=start)
        except PlannerError as exc:
            show_error(self.window, "Workspace created without its starting content", str(exc))
        self.window.set_document(WorkspaceDocument(ws))
        self.remember(path)
        self.window.workspace_opened.emit(path)
        return True

    # --- file commands ---------------------------------------------------------------

    def save_copy(self) -> None:
        if self.ws is None:
            return
        suggestion = suggested_file(self.ws, " copy.handover", self.window.window_settings)
        path, _filter = QFileDialog.getSaveFileName(
            self.window, "Save a copy", str(suggestion), WORKSPACE_FILTER
        )
        if not path:
            return
        try:
            self.ws.save_copy(Path(path))
        except (PlannerError, OSError) as exc:
            show_error(self.window, "Cannot save a copy", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved a copy to {path}", 8000)

    def bring_back(self) -> None:
        if self.ws is None or self.ws.read_only:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            "Bring back an offline copy",
            str(self.ws.path.parent) if self.ws.path is not None else "",
            WORKSPACE_FILTER,
        )
        if path:
            self.bring_back_file(Path(path))

    def bring_back_file(self, path: Path) -> bool:
        """Preview merging the offline copy at ``path`` into this workspace; apply if asked."""
        from planner.operations.bring_back import bring_back, offline_origin_summary
        from planner.store.offline import read_origin
        from planner.store.workspace import open_workspace
        from planner.ui.dialogs.bring_back_dialog import BringBackDialog

        document = self.window.document
        assert document is not None
        assert self.ws is not None
        title = "Cannot bring the copy back"
        if self.ws.path is not None and path.resolve() == self.ws.path.resolve():
            show_error(self.window, title, f"{path.name} is this workspace; choose the copy.")
            return False
        try:
            with open_workspace(path, actor=self.window.preferences.actor()) as copy:
                origin = offline_origin_summary(read_origin(copy))
                preview = bring_back(self.ws, copy=copy, dry_run=True)
                dialog = BringBackDialog(preview, origin, self.window)
                if dialog.exec() != BringBackDialog.DialogCode.Accepted:
                    return False
                change = document.run(_bring_back_change, copy=copy)
        except PlannerError as exc:
            show_error(self.window, title, str(exc), "Nothing was changed.")
            return False
        self.window.statusBar().showMessage(change.description, 8000)
        return True

    def import_json(self) -> None:
        if self.ws is None or self.ws.read_only:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            "Import JSON",
            str(default_folder(self.ws, self.window.window_settings)),
            "JSON files (*.json);;All files (*)",
        )
        if path:
            self.import_json_file(Path(path))

    def import_json_file(self, path: Path) -> bool:
        from planner.domain.interchange import MAX_FILE_BYTES, parse_document
        from planner.operations.interchange import import_workspace

        assert self.window.document is not None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PlannerError(
                    f"{path.name}: larger than the {MAX_FILE_BYTES // 2**20} MiB import limit"
                )
            document = parse_document(path.read_bytes())
            change = self.window.document.run(import_workspace, document=document)
        except PlannerError as exc:
            show_error(self.window, "Cannot import", str(exc), "Nothing was imported.")
            return False
        except OSError as exc:
            show_error(self.window, "Cannot import", f"{path.name}: {exc.strerror or exc}")
            return False
        self.window.statusBar().showMessage(change.description, 8000)
        return True

    def export_json(self) -> None:
        if self.ws is None:
            return
        suggestion = suggested_file(self.ws, ".json", self.window.window_settings)
        path, _filter = QFileDialog.getSaveFileName(
            self.window, "Export JSON", str(suggestion), "JSON files (*.json)"
        )
        if path:
            self.export_json_file(Path(path))

    def export_json_file(self, target: Path) -> Any:
        """Export on a worker thread; returns the task (tests wait on its signals)."""
        from planner.ui.background_task import BackgroundTask

        ws = self.ws
        assert ws is not None

        def work(_control: Any) -> int:
            from planner.export.json_export import export_json

            return export_json(ws, target)

        task = BackgroundTask(work, self, writes=True)
        task.succeeded.connect(
            lambda size: self.window.statusBar().showMessage(
                f"Wrote {target} ({size:,} bytes)", 8000
            )
        )
        task.failed.connect(lambda message: show_error(self.window, "Cannot export JSON", message))
        self.window.statusBar().showMessage(f"Exporting to {target}…")
        task.start()
        return task

    def export_pdf(self, system_id: str | None = None, parent: Any = None) -> Any:
        """The Export PDF dialog on ``system_id`` (the selected system when None)."""
        from planner.ui.dialogs.export_pdf_dialog import ExportPdfDialog

        if self.window.document is None:
            return None
        dialog = ExportPdfDialog(
            self.window.document,
            self.window.tracker,
            system_id or self.window.current_system_id(),
            parent or self.window,
        )
        dialog.open()
        return dialog

    def fill_recent_menu(self) -> None:
        self.window.recent_menu.clear()
        files = self.recent_files()
        if not files:
            empty = self.window.recent_menu.addAction("No recent workspaces")
            empty.setEnabled(False)
            return
        for n, path in enumerate(files, start=1):
            name = recent_label(path).replace("&", "&&")
            action = self.window.recent_menu.addAction(f"&{n} {name}" if n < 10 else name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_location(p))


def _bring_back_change(ws: Workspace, *, copy: Workspace) -> Change:
    """bring_back as the undo stack wants it: the Change (empty when nothing was applied)."""
    from planner.operations.bring_back import bring_back

    result = bring_back(ws, copy=copy)
    if result.change is not None:
        return result.change
    from planner.operations.change import Change

    return Change("bring_back", f"Bring back {copy.display}: nothing to apply", seq=0)


def is_url(location: str) -> bool:
    """Whether a recent entry or command-line location names a server, not a file (cheap:
    the window defers SQLAlchemy until it opens one)."""
    return is_server_url(location)


def recent_label(location: str) -> str:
    """How a recent entry is listed: a file's name, or a server's user@host/database."""
    if not is_url(location):
        return Path(location).name
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(location.strip())
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{user}{host}{port}{parts.path}"

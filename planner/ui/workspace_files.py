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
from planner.ui.dialogs.message_boxes import confirm, show_error

if TYPE_CHECKING:
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
        return [f for f in self.window.preferences.recent_files if Path(f).exists()]

    def remember(self, path: Path) -> None:
        self.window.preferences.add_recent(path)
        # A read-only config folder must not stop the user from working.
        with contextlib.suppress(OSError):
            self.window.preferences.save()

    # --- opening and creating ------------------------------------------------------

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open a workspace file in this window; explain and leave it untouched if it fails."""
        from planner.store.lock import LockHeldError
        from planner.store.workspace import WorkspaceError, open_workspace
        from planner.ui.workspace_document import WorkspaceDocument

        path = Path(path)
        if self.ws is not None and path.resolve() == self.ws.file.resolve():
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
        document = WorkspaceDocument(ws)
        try:
            document.plan  # noqa: B018  (load now: a damaged file is refused here, in one line)
        except PlannerError as exc:
            ws.close()
            show_error(
                self.window, "Cannot open workspace", str(exc), "The file was left untouched."
            )
            return False
        self.window.set_document(document)
        for notice in ws.notices:
            self.window.statusBar().showMessage(notice, 15000)
        self.remember(path)
        self.window.workspace_opened.emit(path)
        return True

    def open_dialog(self) -> None:
        folder = str(self.ws.file.parent) if self.ws is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "Open workspace", folder, WORKSPACE_FILTER
        )
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        from planner.preferences import data_dir
        from planner.ui.dialogs.new_workspace_dialog import DEMO, EMPTY, NewWorkspaceDialog

        folder = self.ws.file.parent if self.ws is not None else data_dir()
        dialog = NewWorkspaceDialog(folder, self.window)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        self.create_workspace_file(dialog.path(), dialog.start(), empty=EMPTY, demo=DEMO)

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
        suggestion = self.ws.file.with_name(f"{self.ws.name} copy.handover")
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

    def import_json(self) -> None:
        if self.ws is None or self.ws.read_only:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            "Import JSON",
            str(self.ws.file.parent),
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
        suggestion = self.ws.file.with_suffix(".json")
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
            name = Path(path).name.replace("&", "&&")
            action = self.window.recent_menu.addAction(f"&{n} {name}" if n < 10 else name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(Path(p)))

"""The main window: navigator | system editor or directory | findings, with the menus.

It owns the open WorkspaceDocument and swaps it when the user opens or creates another
workspace. There is no Save: every edit is committed by the operation that made it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
)

from planner import APP_NAME
from planner.domain.errors import PlannerError
from planner.preferences import Preferences
from planner.ui.dialogs.interchange_actions import InterchangeActions
from planner.ui.dialogs.message_boxes import show_error
from planner.ui.settings import WindowSettings
from planner.ui.start_screen import StartScreen
from planner.ui.undo_keys import UndoKeys
from planner.ui.window_actions import ACTIONS, create_actions, create_menus, create_toolbar
from planner.ui.workspace_files import WorkspaceFiles, is_url, recent_label

if TYPE_CHECKING:
    # The store, the analysis and the panes over them pull in SQLAlchemy, SQLModel and
    # pydantic (about half a second): they are imported when a workspace is opened, so the
    # window paints first (see planner.app.run).
    from planner.store.workspace import Workspace
    from planner.ui.findings_panel import FindingsPanel
    from planner.ui.readiness_tracker import ReadinessTracker
    from planner.ui.system_navigator import SystemNavigator
    from planner.ui.workspace_document import WorkspaceDocument


class MainWindow(QMainWindow):
    """The application window around one open workspace (or none)."""

    # Emitted after a workspace was opened or created (its path).
    workspace_opened = Signal(object)
    # Made with the table's actions (planner.ui.window_actions).
    undo_action: QAction
    redo_action: QAction
    recent_menu: QMenu
    # Server workspaces only: other people's changes as they arrive (planner.ui.live_refresh),
    # and the status bar label that says so (made with the first server workspace).
    live: Any = None
    live_label: QLabel | None = None

    def __init__(
        self,
        document: WorkspaceDocument | None = None,
        *,
        preferences: Preferences | None = None,
        settings: WindowSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.preferences = preferences or Preferences.load()
        self.window_settings = settings or WindowSettings()
        self.document: WorkspaceDocument | None = None
        self.tracker: ReadinessTracker | None = None
        self.navigator: SystemNavigator | None = None
        self.findings: FindingsPanel | None = None
        self.editor: Any = None
        self.directory: Any = None
        self.board: Any = None
        self.splitter: QSplitter | None = None
        self._splitter_state: QByteArray | None = self.window_settings.splitter()
        self.undo_group = QUndoGroup(self)
        self._system_separator: QAction | None = None
        self.opening: QLabel | None = None
        self._find_anything: Any = None

        self.files = WorkspaceFiles(self)
        self.pages = QStackedWidget()
        self.welcome = StartScreen(self)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.read_only_label = QLabel()
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.read_only_label)

        self.actions_by_attr = create_actions(self)
        # Spreadsheet, people CSV, PagerDuty, Backstage: their actions and slots live there.
        self.interchange = InterchangeActions(self)
        self.menus = create_menus(self)
        file_menu = self.menus["file"]
        file_menu.insertActions(self.action("export_json"), self.interchange.imports)
        after_exports = file_menu.actions()[
            file_menu.actions().index(self.action("export_pdf")) + 1
        ]
        file_menu.insertActions(after_exports, self.interchange.exports)
        self.system_menu = self.menus["edit"]
        self.toolbar = create_toolbar(self)
        self.undo_keys = UndoKeys(self)
        # The first time: 1400 x 860, but never larger than the screen (1366 x 768 laptops).
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and screen.width() > 0:
            self.resize(min(1400, screen.width()), min(860, screen.height()))
        else:
            self.resize(1400, 860)
        geometry = self.window_settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.window_settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.set_document(document)

    # --- actions -------------------------------------------------------------------

    def action(self, attr: str) -> QAction:
        """The QAction of the table row ``attr`` (also ``self.<attr>_action``)."""
        return self.actions_by_attr[attr]

    def workspace_actions(self) -> list[QAction]:
        """The table's actions that need an open workspace."""
        return [self.actions_by_attr[s.attr] for s in ACTIONS if s.enabled_when != "always"]

    def all_actions(self) -> list[QAction]:
        """Every command of the window, for the shortcuts list."""
        actions = [self.actions_by_attr[s.attr] for s in ACTIONS]
        actions[2:2] = [self.undo_action, self.redo_action]
        if self.navigator is not None:
            actions[2:2] = [
                self.navigator.add_action,
                self.navigator.duplicate_action,
                self.navigator.delete_action,
            ]
        return actions

    # --- the open workspace ----------------------------------------------------------

    @property
    def ws(self) -> Workspace | None:
        return self.document.ws if self.document is not None else None

    def show_opening(self, path: Path | str) -> None:
        """Say which workspace is being opened while the window is up and it is not yet.

        ``planner.app.run`` shows this at the first paint, then opens the file (which
        imports the store and the panes); ``set_document`` or ``cancel_opening`` ends it.
        """
        if self.opening is None:
            self.opening = QLabel()
            self.opening.setObjectName("opening")
            self.opening.setTextFormat(Qt.TextFormat.PlainText)
            self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.opening.setWordWrap(True)
            self.pages.addWidget(self.opening)
        if is_url(str(path)):
            self.opening.setText(f"Connecting to {recent_label(str(path))}…")
            self.setWindowTitle(f"{recent_label(str(path))} — {APP_NAME}")
        else:
            path = Path(path)
            self.opening.setText(f"Opening {path.name}…")
            self.setWindowTitle(f"{path.stem} — {APP_NAME}")
        self.pages.setCurrentWidget(self.opening)

    def cancel_opening(self) -> None:
        """Back to what the window showed before ``show_opening`` (the file did not open)."""
        if self.opening is None:
            return
        self._drop_opening()
        if self.document is None:
            self.welcome.fill(self.files.recent_files())
        self.pages.setCurrentWidget(self.welcome if self.splitter is None else self.splitter)
        self._update_title()

    def _drop_opening(self) -> None:
        if self.opening is not None:
            self.pages.removeWidget(self.opening)
            self.opening.deleteLater()
            self.opening = None

    def set_document(self, document: WorkspaceDocument | None) -> None:
        """Show ``document`` (closing the one shown before), or the welcome pane."""
        self._drop_opening()
        self._teardown()
        self.document = document
        if document is None:
            self.welcome.fill(self.files.recent_files())
            self.pages.setCurrentWidget(self.welcome)
        else:
            self._build(document)
        self._update_title()
        self._update_actions()

    def _build(self, document: WorkspaceDocument) -> None:
        from planner.ui.findings_panel import FindingsPanel
        from planner.ui.system_navigator import SystemNavigator

        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.failed.connect(self._on_document_failed)
        document.changed.connect(self._on_document_changed)
        self.tracker = document.tracker
        self.navigator = SystemNavigator(document, self.tracker)
        self.navigator.system_selected.connect(self._on_navigator_system_selected)
        self.navigator.error.connect(self._on_navigator_error)
        from planner.ui.directory_view import DirectoryView
        from planner.ui.pages.system_editor import SystemEditor

        self.editor, self.directory = SystemEditor(document), DirectoryView(document)
        # The page list counts each page's gaps from the one tracker.
        self.editor.set_tracker(self.tracker)
        self.editor.setObjectName("system_editor")
        self.directory.setObjectName("directory_view")
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.editor)
        self.editor_stack.addWidget(self.directory)
        self.findings = FindingsPanel(document, self.tracker)
        self.findings.finding_activated.connect(self._on_findings_finding_activated)
        self.findings.setVisible(self.action("findings").isChecked())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.addWidget(self.findings)
        # The findings grow with the window too: at a fixed 320 px a portfolio finding
        # showed about twelve characters. So does the system list, whose names were cut.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([380, 606, 380])
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
        self.pages.addWidget(self.splitter)
        self.pages.setCurrentWidget(self.splitter)
        self.setTabOrder(self.navigator.view, self.editor_stack)
        self.setTabOrder(self.editor_stack, self.findings.system_scope)

        self._add_navigator_actions(self.navigator)

        self._start_live(document)
        last = self.window_settings.last_system(document.ws.address)
        plan = document.plan
        if last not in plan.systems:
            last = next(iter(plan.systems), None)
        self.show_systems()
        self.navigator.select_system(last)
        if last is None:
            self._on_navigator_system_selected(None)

    def _add_navigator_actions(self, navigator: SystemNavigator) -> None:
        """The navigator's add, duplicate and delete join the Edit menu, before Find.

        (The navigator shows them as buttons under its list; the toolbar stays short.)
        """
        first = self.action("find")
        for action in (navigator.add_action, navigator.duplicate_action, navigator.delete_action):
            self.system_menu.insertAction(first, action)
        self._system_separator = self.system_menu.insertSeparator(first)

    def _teardown(self) -> None:
        """Close the shown workspace: its panes, its undo stack, its file lock."""
        if self.document is None:
            return
        if self.board is not None:
            self.board.close()
            self.board = None
        if self.splitter is not None:
            if self.navigator is not None and not self.navigator.isHidden():
                self._splitter_state = self.splitter.saveState()
            self.pages.removeWidget(self.splitter)
            self.splitter.deleteLater()
        if self.navigator is not None:
            for action in (
                self.navigator.add_action,
                self.navigator.duplicate_action,
                self.navigator.delete_action,
            ):
                self.system_menu.removeAction(action)
        if self._system_separator is not None:
            self.system_menu.removeAction(self._system_separator)
            self._system_separator = None
        self.window_settings.set_last_system(
            self.document.ws.address, self.navigator.current_system if self.navigator else None
        )
        self._stop_live()
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.changed.disconnect(self._on_document_changed)
        self.document.failed.disconnect(self._on_document_failed)
        self.document.ws.close()
        self.document.deleteLater()
        self.document = None
        self.tracker = self.navigator = self.findings = None
        self.editor = self.directory = self.splitter = None

    # --- live changes on a server workspace ------------------------------------------

    def _start_live(self, document: WorkspaceDocument) -> None:
        """On a server workspace, show other people's changes as they are committed."""
        if not document.ws.is_server:
            return
        from planner.ui.live_refresh import LiveRefresh

        self.live = LiveRefresh(document, self)
        self.live.updated.connect(self._on_live_updated)
        self.live.online_changed.connect(self._on_live_online_changed)
        if self.live_label is None:
            self.live_label = QLabel()
            self.live_label.setObjectName("live_label")
            self.live_label.setTextFormat(Qt.TextFormat.PlainText)
            self.statusBar().addPermanentWidget(self.live_label)
        self.live_label.setText(f"Team workspace: {document.ws.location}")
        self.live_label.setToolTip(
            "A team workspace on a server: several people may edit it at once, and their "
            "changes appear here within a couple of seconds"
        )

    def _stop_live(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        if self.live_label is not None:
            self.live_label.clear()
            self.live_label.setToolTip("")

    def _on_live_updated(self, note: str) -> None:
        if self.live_label is not None:
            self.live_label.setStyleSheet("")
            self.live_label.setText(note)

    def _on_live_online_changed(self, online: bool) -> None:
        from planner.ui.live_refresh import OFFLINE

        if self.live_label is None or (online and self.live_label.text() != OFFLINE):
            return
        self.live_label.setStyleSheet("" if online else "color: #a4262c;")
        label = self.ws.location if self.ws is not None else ""
        self.live_label.setText(f"Team workspace: {label}" if online else OFFLINE)

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            self.read_only_label.clear()
            return
        name = self.document.ws.name
        info = self.document.plan.info
        if info.organisation:
            name = f"{name} ({info.organisation})"
        suffix = " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{name}{suffix} — {APP_NAME}")
        reason = self.document.ws.read_only_reason
        self.read_only_label.setText(
            f"Read-only{f' ({reason})' if reason else ''}: browse and export; changes are off"
            if self.document.read_only
            else ""
        )

    def _update_actions(self) -> None:
        has = self.document is not None
        writable = has and not self.document.read_only  # type: ignore[union-attr]
        allowed = {"always": True, "workspace": has, "writable": writable}
        for spec in ACTIONS:
            self.actions_by_attr[spec.attr].setEnabled(allowed[spec.enabled_when])
        for action in self.interchange.exports:
            action.setEnabled(has)
        self.interchange.set_writable(writable)
        if has and not writable:
            # Nothing can be done, so nothing can be undone (the stack stays empty).
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open a workspace file in this window (see WorkspaceFiles.open_path)."""
        return self.files.open_path(path, read_only=read_only)

    def open_location(self, location: Path | str) -> bool:
        """Open a workspace file or a server workspace URL (see WorkspaceFiles.open_location)."""
        return self.files.open_location(location)

    def create_workspace_file(self, path: Path, start: str = "empty") -> bool:
        """Create a workspace file and show it (see WorkspaceFiles.create_workspace_file)."""
        return self.files.create_workspace_file(path, start)

    def print_pack(self) -> Any:
        """Export PDF, opened on its preview, with printing one click away.

        The window's keys reach the workshop board too: there it prints the board's system,
        over the board.
        """
        board = self.board
        # The board covers the screen while it is open: its system is the one in view.
        if board is not None and board.isVisible():
            return self.print_system(board.system_id or None, board)
        return self.print_system(None, None)

    def print_system(self, system_id: str | None, parent: Any) -> Any:
        """Print pack for ``system_id`` over ``parent`` (the workshop board prints its own)."""
        dialog = self.files.export_pdf(system_id, parent)
        if dialog is not None:
            dialog.preview_for_printing()
        return dialog

    def edit_preferences(self) -> None:
        from planner.operations import update_entity
        from planner.ui.dialogs.preferences_dialog import PreferencesDialog

        info: Any = self.document.plan.info if self.document is not None else _NoBranding()
        dialog = PreferencesDialog(
            self.preferences.actor_name,
            info,
            self.document is None or self.document.read_only,
            self,
        )
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.preferences.actor_name = dialog.actor_name()
        try:
            self.preferences.save()
        except OSError as exc:
            show_error(self, "Cannot save preferences", str(exc))
        if self.ws is not None:
            from planner.store.workspace import default_actor

            self.ws.actor = self.preferences.actor() or default_actor()
        changes = dialog.branding_changes()
        if changes and self.document is not None and not self.document.read_only:
            try:
                self.document.run(
                    update_entity,
                    kind_name="workspace_info",
                    entity_id=self.document.plan.info.id,
                    values=changes,
                    expected_version=self.document.plan.info.version,
                )
            except (PlannerError, ValueError) as exc:
                show_error(self, "Cannot change the branding", str(exc).splitlines()[0])

    # --- view commands ---------------------------------------------------------------

    def current_system_id(self) -> str | None:
        return self.navigator.current_system if self.navigator is not None else None

    def show_systems(self) -> None:
        if self.document is None:
            return
        self.action("systems_view").setChecked(True)
        self.editor_stack.setCurrentWidget(self.editor)
        if self.navigator is not None and self.findings is not None:
            self.navigator.show()
            self.findings.setVisible(self.action("findings").isChecked())

    def show_directory(self) -> None:
        """People & teams across the portfolio: the system panes step aside to give it room."""
        if self.document is None:
            return
        if (
            self.splitter is not None
            and self.navigator is not None
            and not self.navigator.isHidden()
        ):
            self._splitter_state = self.splitter.saveState()
        self.action("directory_view").setChecked(True)
        self.editor_stack.setCurrentWidget(self.directory)
        if self.navigator is not None and self.findings is not None:
            self.navigator.hide()
            self.findings.hide()

    def open_board(self) -> None:
        """The full-screen workshop board on the current system; F11 or Esc leaves it."""
        if self.document is None:
            return
        if self.board is not None:
            self.board.raise_()
            self.board.activateWindow()
            return
        from planner.ui.board.board_window import BoardWindow

        self.board = BoardWindow(self.document, self.current_system_id() or "", self)
        self.board.closed.connect(self._on_board_closed)
        self.board.showFullScreen()

    def show_shortcuts(self) -> None:
        from planner.ui.dialogs.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self.all_actions(), self).exec()

    def show_location(self) -> None:
        from planner.ui.dialogs.help_dialogs import WorkspaceLocationDialog

        if self.ws is not None:
            WorkspaceLocationDialog(self.ws, self).exec()

    def show_about(self) -> None:
        from planner.ui.dialogs.help_dialogs import AboutDialog

        workspace = self.ws.address if self.ws is not None else None
        AboutDialog(self, workspace).exec()

    # --- slots ---------------------------------------------------------------------

    def _on_navigator_system_selected(self, system_id: str | None) -> None:
        if self.editor is not None:
            self.editor.set_system(system_id)
        if self.findings is not None:
            self.findings.set_system(system_id)
        self.action("board").setEnabled(self.document is not None)

    def _on_navigator_error(self, message: str) -> None:
        show_error(self, "Not changed", message)

    def _on_document_failed(self, message: str) -> None:
        if self.board is not None and self.board.isVisible():
            return  # the board says so itself, where the user is looking
        if self.editor.isVisible():
            return  # so does the editor, in its banner: a message box would say it twice
        show_error(self, "Undo history", message)

    def _on_document_changed(self, change: Any) -> None:
        if change is None or change.workspace_wide:
            self._update_title()

    def _on_findings_finding_activated(
        self, system_id: str | None, page: str, entity: tuple[str, str] | None
    ) -> None:
        if self.navigator is None:
            return
        if system_id is not None and system_id != self.navigator.current_system:
            self.navigator.select_system(system_id)
        self.show_systems()
        if system_id is not None:
            self.editor.show_page(page, entity)

    def toggle_findings(self, checked: bool) -> None:
        if self.findings is not None and self.editor_stack.currentWidget() is self.editor:
            self.findings.setVisible(checked)

    def show_portfolio(self) -> None:
        if self.findings is not None:
            self.action("findings").setChecked(True)
            self.show_systems()
            self.findings.show_portfolio(True)
            self.findings.view.setFocus()

    def focus_search(self) -> None:
        if self.navigator is not None:
            self.navigator.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.navigator.search.selectAll()

    def _on_audit_triggered(self) -> None:
        from planner.ui.dialogs.audit_trail_dialog import AuditTrailDialog

        if self.document is not None:
            dialog = AuditTrailDialog(self.document, None, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            # Keys go to the new window at once, so Esc closes it without a click first.
            dialog.raise_()
            dialog.activateWindow()

    def _on_find_anything_triggered(self) -> None:
        from planner.ui.dialogs.find_anything_dialog import FindAnythingDialog

        if self.document is None:
            return
        if self._find_anything is None or self._find_anything.document is not self.document:
            if self._find_anything is not None:  # left from a workspace since closed
                self._find_anything.deleteLater()
            self._find_anything = FindAnythingDialog(self.document, self.tracker, self)
            self._find_anything.hit_activated.connect(self._on_find_anything_hit_activated)
        self._find_anything.open_search()

    def _on_find_anything_hit_activated(self, hit: Any) -> None:
        if hit.page != "directory":  # the same path as a click on a finding
            self._on_findings_finding_activated(hit.system_id, hit.page, hit.entity)
            return
        self.show_directory()
        kind_name, entity_id = hit.entity
        panel = getattr(self.directory, "people" if kind_name == "person" else "teams", None)
        if panel is not None:
            panel.select_entity(entity_id)

    def _on_handover_triggered(self) -> None:
        self.show_directory()
        if not hasattr(self.directory, "hand_over_selected"):
            return
        if self.directory.people.current_id() is None:
            self.statusBar().showMessage("Select the person who hands over, then Hand over…", 5000)
        else:
            self.directory.hand_over_selected()

    def _on_board_closed(self, system_id: str) -> None:
        if self.board is not None:
            self.board.deleteLater()
        self.board = None
        if self.navigator is not None and system_id:
            self.navigator.select_system(system_id)
        self.show_systems()
        self.activateWindow()

    # --- closing -------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        from planner.ui.background_task import BackgroundTask

        # Exports still running finish writing before the workspace closes under them.
        BackgroundTask.wait_for_writers()
        if (
            self.splitter is not None
            and self.navigator is not None
            and not self.navigator.isHidden()
        ):
            self._splitter_state = self.splitter.saveState()
        self.window_settings.save(
            geometry=self.saveGeometry(),
            state=self.saveState(),
            splitter=self._splitter_state or QByteArray(),
        )
        self.set_document(None)
        super().closeEvent(event)


class _NoBranding:
    """Stands in for workspace_info when no workspace is open (branding disabled)."""

    organisation = ""
    accent_colour = "#1F5FAD"
    logo = None
    logo_format = None
    sev1_definition = sev2_definition = sev3_definition = sev4_definition = ""

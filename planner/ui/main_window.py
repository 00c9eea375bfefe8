"""The main window: navigator | system editor or directory | findings, with the menus.

It owns the open WorkspaceDocument and swaps it when the user opens or creates another
workspace. There is no Save: every edit is committed by the operation that made it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.domain.errors import PlannerError
from planner.preferences import Preferences
from planner.ui.dialogs.message_boxes import confirm, show_error, show_info
from planner.ui.settings import WindowSettings

if TYPE_CHECKING:
    # The store, the analysis and the panes over them pull in SQLAlchemy, SQLModel and
    # pydantic (about half a second): they are imported when a workspace is opened, so the
    # window paints first (see planner.app.run).
    from planner.store.workspace import Workspace
    from planner.ui.findings_panel import FindingsPanel
    from planner.ui.readiness_tracker import ReadinessTracker
    from planner.ui.system_navigator import SystemNavigator
    from planner.ui.workspace_document import WorkspaceDocument

WORKSPACE_FILTER = "Handover workspaces (*.handover);;All files (*)"


def make_editor_widgets(document: WorkspaceDocument) -> tuple[QWidget, QWidget]:
    """The system editor and the people & teams directory (built by other modules).

    The one place that guards their import: while a build lacks them, a placeholder says
    so instead of the window failing to open.
    """
    try:
        from planner.ui.pages.system_editor import SystemEditor

        editor: QWidget = SystemEditor(document)
    except ImportError:
        editor = _Placeholder("The system editor is not part of this build yet.")
    try:
        from planner.ui.directory_view import DirectoryView

        directory: QWidget = DirectoryView(document)
    except ImportError:
        directory = _Placeholder("The people & teams directory is not part of this build yet.")
    return editor, directory


class _Placeholder(QWidget):
    """Stands in for a pane this build does not have; keeps the window's API intact."""

    def __init__(self, text: str) -> None:
        super().__init__()
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)
        self.system_id: str | None = None
        self.page: str | None = None
        self.entity: tuple[str, str] | None = None

    def set_system(self, system_id: str | None) -> None:
        self.system_id = system_id

    def show_page(self, page: str, entity: tuple[str, str] | None = None) -> None:
        self.page, self.entity = page, entity


class WelcomePane(QWidget):
    """What the window shows with no workspace open: new, open, or a recent file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("welcome")
        title = QLabel(f"Welcome to {APP_NAME}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Plan who keeps each AI system running after the pilot. Create a workspace "
            "file, or open one a colleague sent you."
        )
        intro.setWordWrap(True)
        new_button = QPushButton("&New workspace…")
        new_button.setAccessibleName("Create a new workspace")
        new_button.clicked.connect(window.new_workspace)
        open_button = QPushButton("&Open workspace…")
        open_button.setAccessibleName("Open a workspace file")
        open_button.clicked.connect(window.open_dialog)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent workspaces")
        self.recent.itemActivated.connect(self._on_recent_item_activated)
        self._window = window
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(intro)
        box.addLayout(buttons)
        self.recent_label = QLabel("Recent workspaces:")
        box.addWidget(self.recent_label)
        box.addWidget(self.recent, 1)
        box.addStretch(0)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(box, 3)
        outer.addStretch(1)

    def fill(self, files: list[str]) -> None:
        self.recent.clear()
        self.recent.setVisible(bool(files))
        self.recent_label.setText("Recent workspaces:" if files else "No recent workspaces yet.")
        for path in files:
            item = QListWidgetItem(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        self._window.open_path(Path(item.data(Qt.ItemDataRole.UserRole)))


class MainWindow(QMainWindow):
    """The application window around one open workspace (or none)."""

    # Emitted after a workspace was opened or created (its path).
    workspace_opened = Signal(object)

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

        self.pages = QStackedWidget()
        self.welcome = WelcomePane(self)
        self.pages.addWidget(self.welcome)
        self.setCentralWidget(self.pages)
        self.read_only_label = QLabel()
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.read_only_label)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self.resize(1400, 860)
        geometry = self.window_settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.window_settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.set_document(document)

    # --- actions -------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            "&New workspace…",
            self.new_workspace,
            key.New,
            "Create a workspace file, empty or from a template",
            "new_workspace",
        )
        self.open_action = self._action(
            "&Open…", self.open_dialog, key.Open, "Open a workspace file", "open_workspace"
        )
        self.save_copy_action = self._action(
            "Save a &copy…",
            self.save_copy,
            "Ctrl+Shift+S",
            "Write a consistent copy of this workspace to another file",
            "save_copy",
        )
        self.import_action = self._action(
            "&Import JSON…",
            self.import_json,
            "Ctrl+I",
            "Add the systems, people and teams of a JSON file to this workspace",
            "import_json",
        )
        self.export_json_action = self._action(
            "Export &JSON…",
            self.export_json,
            "Ctrl+Shift+E",
            "Write the whole workspace as a JSON file",
            "export_json",
        )
        self.export_pdf_action = self._action(
            "Export &PDF…",
            self.export_pdf,
            key.Print,
            "Handover pack, portfolio overview or on-call card as a PDF",
            "export_pdf",
        )
        self.print_action = self._action(
            "P&rint pack…",
            self.print_pack,
            "Ctrl+Shift+P",
            "Preview a handover pack, portfolio or on-call card and print it",
            "print_pack",
        )
        self.preferences_action = self._action(
            "Pre&ferences…",
            self.edit_preferences,
            key.Preferences,
            "Your name for the audit trail, and the organisation's branding",
            "preferences",
        )
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = self._action("&Quit", self.close, key.Quit, "", "quit")
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(key.Undo)
        self.undo_action.setObjectName("undo")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        redo_keys = list(QKeySequence.keyBindings(key.Redo))
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            if QKeySequence(extra) not in redo_keys:
                redo_keys.append(QKeySequence(extra))
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setObjectName("redo")
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

        self.find_action = self._action(
            "&Find system",
            self._on_find_triggered,
            key.Find,
            "Search the AI systems by name",
            "find_system",
        )
        self.view_group = QActionGroup(self)
        self.systems_view_action = self._action(
            "AI &systems",
            self.show_systems,
            "Ctrl+1",
            "Edit the handover plan of the selected system",
            "view_systems",
        )
        self.directory_view_action = self._action(
            "&People && teams",
            self.show_directory,
            "Ctrl+2",
            "The directory of people and teams shared by every system",
            "view_directory",
        )
        for action in (self.systems_view_action, self.directory_view_action):
            action.setCheckable(True)
            self.view_group.addAction(action)
        self.systems_view_action.setChecked(True)
        self.findings_action = self._action(
            "&Findings panel",
            self._on_findings_toggled,
            "Ctrl+3",
            "Show or hide the findings panel",
            "toggle_findings",
        )
        self.findings_action.setCheckable(True)
        self.findings_action.setChecked(True)
        self.portfolio_action = self._action(
            "Portfolio &findings",
            self._on_portfolio_triggered,
            "Ctrl+Shift+F",
            "List the findings of every system",
            "portfolio_findings",
        )
        self.board_action = self._action(
            "Workshop &board",
            self.open_board,
            "F11",
            "Open the full-screen workshop board on the selected system",
            "open_board",
        )
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts",
            self.show_shortcuts,
            "Ctrl+/",
            "List the keyboard shortcuts",
            "shortcuts",
        )
        self.help_action = self._action(
            "Where is my &workspace file",
            self.show_location,
            key.HelpContents,
            "Show the path of the open workspace file",
            "where_is_file",
        )
        self.about_action = self._action("&About", self.show_about, None, "", "about")

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_json_action)
        file_menu.addAction(self.export_pdf_action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.system_menu = edit_menu
        edit_menu.addAction(self.find_action)

        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.systems_view_action)
        view_menu.addAction(self.directory_view_action)
        view_menu.addSeparator()
        view_menu.addAction(self.findings_action)
        view_menu.addAction(self.portfolio_action)
        view_menu.addSeparator()
        view_menu.addAction(self.board_action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar("Main toolbar", self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.systems_view_action)
        self.toolbar.addAction(self.directory_view_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.board_action)
        self.toolbar.addAction(self.export_pdf_action)
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.toolTip() or action.text().replace("&", ""))

    def workspace_actions(self) -> list[QAction]:
        return [
            self.save_copy_action,
            self.import_action,
            self.export_json_action,
            self.export_pdf_action,
            self.print_action,
            self.find_action,
            self.systems_view_action,
            self.directory_view_action,
            self.findings_action,
            self.portfolio_action,
            self.board_action,
            self.help_action,
        ]

    def all_actions(self) -> list[QAction]:
        actions = [
            self.new_action,
            self.open_action,
            *self.workspace_actions(),
            self.undo_action,
            self.redo_action,
            self.preferences_action,
            self.shortcuts_action,
            self.quit_action,
        ]
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

    def show_opening(self, path: Path) -> None:
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
        path = Path(path)
        self.opening.setText(f"Opening {path.name}…")
        self.pages.setCurrentWidget(self.opening)
        self.setWindowTitle(f"{path.stem} — {APP_NAME}")

    def cancel_opening(self) -> None:
        """Back to what the window showed before ``show_opening`` (the file did not open)."""
        if self.opening is None:
            return
        self._drop_opening()
        if self.document is None:
            self.welcome.fill(self._recent_files())
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
            self.welcome.fill(self._recent_files())
            self.pages.setCurrentWidget(self.welcome)
        else:
            self._build(document)
        self._update_title()
        self._update_actions()

    def _build(self, document: WorkspaceDocument) -> None:
        from planner.ui.findings_panel import FindingsPanel
        from planner.ui.readiness_tracker import ReadinessTracker
        from planner.ui.system_navigator import SystemNavigator

        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.failed.connect(self._on_document_failed)
        document.changed.connect(self._on_document_changed)
        self.tracker = ReadinessTracker(document, self)
        self.navigator = SystemNavigator(document, self.tracker)
        self.navigator.system_selected.connect(self._on_navigator_system_selected)
        self.navigator.error.connect(self._on_navigator_error)
        self.editor, self.directory = make_editor_widgets(document)
        self.editor.setObjectName("system_editor")
        self.directory.setObjectName("directory_view")
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.editor)
        self.editor_stack.addWidget(self.directory)
        self.findings = FindingsPanel(document, self.tracker)
        self.findings.finding_activated.connect(self._on_findings_finding_activated)
        self.findings.setVisible(self.findings_action.isChecked())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.addWidget(self.findings)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([390, 690, 320])
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
        self.pages.addWidget(self.splitter)
        self.pages.setCurrentWidget(self.splitter)
        self.setTabOrder(self.navigator.view, self.editor_stack)
        self.setTabOrder(self.editor_stack, self.findings.system_scope)

        # The navigator's actions join the Edit menu and the toolbar.
        first = self.find_action
        for action in (
            self.navigator.add_action,
            self.navigator.duplicate_action,
            self.navigator.delete_action,
        ):
            # (The navigator shows them as buttons under its list; the toolbar stays short.)
            self.system_menu.insertAction(first, action)
        self._system_separator = self.system_menu.insertSeparator(first)

        last = self.window_settings.last_system(str(document.ws.path))
        plan = document.plan
        if last not in plan.systems:
            last = next(iter(plan.systems), None)
        self.show_systems()
        self.navigator.select_system(last)
        if last is None:
            self._on_navigator_system_selected(None)

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
            str(self.document.ws.path), self.navigator.current_system if self.navigator else None
        )
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.changed.disconnect(self._on_document_changed)
        self.document.failed.disconnect(self._on_document_failed)
        if self.tracker is not None:
            self.tracker.deleteLater()
        self.document.ws.close()
        self.document.deleteLater()
        self.document = None
        self.tracker = self.navigator = self.findings = None
        self.editor = self.directory = self.splitter = None

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
        self.read_only_label.setText(
            "Read-only: browse and export; changes are off" if self.document.read_only else ""
        )

    def _update_actions(self) -> None:
        has = self.document is not None
        writable = has and not self.document.read_only  # type: ignore[union-attr]
        for action in self.workspace_actions():
            action.setEnabled(has)
        self.import_action.setEnabled(writable)
        if has and not writable:
            # Nothing can be done, so nothing can be undone (the stack stays empty).
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)

    def _recent_files(self) -> list[str]:
        return [f for f in self.preferences.recent_files if Path(f).exists()]

    def _remember(self, path: Path) -> None:
        self.preferences.add_recent(path)
        # A read-only config folder must not stop the user from working.
        with contextlib.suppress(OSError):
            self.preferences.save()

    # --- opening and creating ------------------------------------------------------

    def open_path(self, path: Path, *, read_only: bool = False) -> bool:
        """Open a workspace file in this window; explain and leave it untouched if it fails."""
        from planner.store.lock import LockHeldError
        from planner.store.workspace import WorkspaceError, open_workspace
        from planner.ui.workspace_document import WorkspaceDocument

        path = Path(path)
        if self.ws is not None and path.resolve() == self.ws.path.resolve():
            return True
        actor = self.preferences.actor()
        try:
            ws = open_workspace(path, actor=actor, read_only=read_only)
        except LockHeldError as exc:
            if not confirm(
                self,
                "Workspace in use",
                f"{exc}\n\nYou can open it read-only to browse and export it.",
                "Open read-only",
            ):
                return False
            return self.open_path(path, read_only=True)
        except WorkspaceError as exc:
            show_error(self, "Cannot open workspace", str(exc), "The file was left untouched.")
            return False
        except PlannerError as exc:
            show_error(self, "Cannot open workspace", str(exc))
            return False
        self.set_document(WorkspaceDocument(ws))
        self._remember(path)
        self.workspace_opened.emit(path)
        return True

    def open_dialog(self) -> None:
        folder = str(self.ws.path.parent) if self.ws is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open workspace", folder, WORKSPACE_FILTER
        )
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        from planner.preferences import data_dir
        from planner.ui.dialogs.new_workspace_dialog import DEMO, EMPTY, NewWorkspaceDialog

        folder = self.ws.path.parent if self.ws is not None else data_dir()
        dialog = NewWorkspaceDialog(folder, self)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        self.create_workspace_file(dialog.path(), dialog.start(), empty=EMPTY, demo=DEMO)

    def create_workspace_file(
        self, path: Path, start: str = "empty", *, empty: str = "empty", demo: str = "demo"
    ) -> bool:
        from planner.store.workspace import create_workspace
        from planner.ui.workspace_document import WorkspaceDocument

        try:
            ws = create_workspace(path, actor=self.preferences.actor())
        except PlannerError as exc:
            show_error(self, "Cannot create workspace", str(exc))
            return False
        except OSError as exc:
            show_error(self, "Cannot create workspace", f"{path}: {exc.strerror or exc}")
            return False
        try:
            if start == demo:
                from planner.operations.demo import create_demo

                create_demo(ws)
            elif start != empty:
                from planner.domain.templates import get_template
                from planner.operations import add_system

                add_system(ws, name=get_template(start).name, template=start)
        except PlannerError as exc:
            show_error(self, "Workspace created without its starting content", str(exc))
        self.set_document(WorkspaceDocument(ws))
        self._remember(path)
        self.workspace_opened.emit(path)
        return True

    # --- file commands ---------------------------------------------------------------

    def save_copy(self) -> None:
        if self.ws is None:
            return
        suggestion = self.ws.path.with_name(f"{self.ws.name} copy.handover")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save a copy", str(suggestion), WORKSPACE_FILTER
        )
        if not path:
            return
        try:
            self.ws.save_copy(Path(path))
        except (PlannerError, OSError) as exc:
            show_error(self, "Cannot save a copy", str(exc))
            return
        self.statusBar().showMessage(f"Saved a copy to {path}", 8000)

    def import_json(self) -> None:
        if self.ws is None or self.ws.read_only:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import JSON", str(self.ws.path.parent), "JSON files (*.json);;All files (*)"
        )
        if path:
            self.import_json_file(Path(path))

    def import_json_file(self, path: Path) -> bool:
        from planner.domain.interchange import MAX_FILE_BYTES, parse_document
        from planner.operations.interchange import import_workspace

        assert self.document is not None
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise PlannerError(
                    f"{path.name}: larger than the {MAX_FILE_BYTES // 2**20} MiB import limit"
                )
            document = parse_document(path.read_bytes())
            change = self.document.run(import_workspace, document=document)
        except PlannerError as exc:
            show_error(self, "Cannot import", str(exc), "Nothing was imported.")
            return False
        except OSError as exc:
            show_error(self, "Cannot import", f"{path.name}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(change.description, 8000)
        return True

    def export_json(self) -> None:
        if self.ws is None:
            return
        suggestion = self.ws.path.with_suffix(".json")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export JSON", str(suggestion), "JSON files (*.json)"
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
            lambda size: self.statusBar().showMessage(f"Wrote {target} ({size:,} bytes)", 8000)
        )
        task.failed.connect(lambda message: show_error(self, "Cannot export JSON", message))
        self.statusBar().showMessage(f"Exporting to {target}…")
        task.start()
        return task

    def export_pdf(self) -> Any:
        from planner.ui.dialogs.export_pdf_dialog import ExportPdfDialog

        if self.document is None:
            return None
        dialog = ExportPdfDialog(self.document, self.tracker, self.current_system_id(), self)
        dialog.open()
        return dialog

    def print_pack(self) -> Any:
        dialog = self.export_pdf()
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
                )
            except (PlannerError, ValueError) as exc:
                show_error(self, "Cannot change the branding", str(exc).splitlines()[0])

    # --- view commands ---------------------------------------------------------------

    def current_system_id(self) -> str | None:
        return self.navigator.current_system if self.navigator is not None else None

    def show_systems(self) -> None:
        if self.document is None:
            return
        self.systems_view_action.setChecked(True)
        self.editor_stack.setCurrentWidget(self.editor)
        if self.navigator is not None and self.findings is not None:
            self.navigator.show()
            self.findings.setVisible(self.findings_action.isChecked())

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
        self.directory_view_action.setChecked(True)
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
        try:
            from planner.ui.board.board_window import BoardWindow
        except ImportError:
            show_info(self, "Workshop board", "The workshop board is not part of this build yet.")
            return
        self.board = BoardWindow(self.document, self.current_system_id() or "", self)
        self.board.closed.connect(self._on_board_closed)
        self.board.showFullScreen()

    def show_shortcuts(self) -> None:
        from planner.ui.dialogs.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self.all_actions(), self).exec()

    def show_location(self) -> None:
        from planner.ui.dialogs.help_dialogs import WorkspaceLocationDialog

        if self.ws is not None:
            WorkspaceLocationDialog(self.ws.path.resolve(), self.ws.read_only, self).exec()

    def show_about(self) -> None:
        from planner.ui.dialogs.help_dialogs import AboutDialog

        AboutDialog(self, self.ws.path.resolve() if self.ws is not None else None).exec()

    # --- slots ---------------------------------------------------------------------

    def _on_navigator_system_selected(self, system_id: str | None) -> None:
        if self.editor is not None:
            self.editor.set_system(system_id)
        if self.findings is not None:
            self.findings.set_system(system_id)
        self.board_action.setEnabled(self.document is not None)

    def _on_navigator_error(self, message: str) -> None:
        show_error(self, "Not changed", message)

    def _on_document_failed(self, message: str) -> None:
        if self.board is not None and self.board.isVisible():
            return  # the board says so itself, where the user is looking
        show_error(self, "Cannot undo", message)

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

    def _on_findings_toggled(self, checked: bool) -> None:
        if self.findings is not None and self.editor_stack.currentWidget() is self.editor:
            self.findings.setVisible(checked)

    def _on_portfolio_triggered(self) -> None:
        if self.findings is not None:
            self.findings_action.setChecked(True)
            self.show_systems()
            self.findings.show_portfolio(True)
            self.findings.view.setFocus()

    def _on_find_triggered(self) -> None:
        if self.navigator is not None:
            self.navigator.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.navigator.search.selectAll()

    def _on_board_closed(self, system_id: str) -> None:
        if self.board is not None:
            self.board.deleteLater()
        self.board = None
        if self.navigator is not None and system_id:
            self.navigator.select_system(system_id)
        self.show_systems()
        self.activateWindow()

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        files = self._recent_files()
        if not files:
            empty = self.recent_menu.addAction("No recent workspaces")
            empty.setEnabled(False)
            return
        for n, path in enumerate(files, start=1):
            name = Path(path).name.replace("&", "&&")
            action = self.recent_menu.addAction(f"&{n} {name}" if n < 10 else name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(Path(p)))

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

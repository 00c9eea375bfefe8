"""The main window's actions in one table: text, keys, icon, slot, menu, toolbar, when enabled.

To add a command, add one row to ACTIONS (and the method its ``slot`` names). The window
builds its actions, menus and toolbar from the table, and enables rows by ``enabled_when``.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from planner.ui.widgets.icons import themed_icon

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

Key = QKeySequence.StandardKey
# "always"; "workspace": with a workspace open; "writable": open and not read-only.
Enabled = Literal["always", "workspace", "writable"]
MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("help", "&Help"))


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window; ``window.<attr>_action`` holds its QAction."""

    attr: str
    name: str  # the QAction's objectName (tests and the shortcuts list find it by this)
    text: str
    slot: str  # a dotted path from the window: "open_board", "files.save_copy"
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    fallback: str = ""  # the key to use where the platform has no standard one
    tip: str = ""
    icon: str = ""  # a bundled Lucide icon (resources/icons/lucide), drawn by themed_icon
    menu: str = ""  # one of MENUS' keys; "" for a command with no menu entry
    section: int = 0  # a separator goes between rows of one menu with different sections
    toolbar: int = 0  # position on the toolbar (0: not there); tens are separated groups
    enabled_when: Enabled = "always"
    checkable: bool = False
    checked: bool = False
    group: str = ""  # checkable rows of one group exclude each other


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "new_workspace", "&New workspace…", "files.new_workspace", (Key.New,),
               tip="Create a workspace file, empty or from a template", icon="file-plus",
               menu="file"),
    ActionSpec("open", "open_workspace", "&Open…", "files.open_dialog", (Key.Open,),
               tip="Open a workspace file", icon="folder-open", menu="file"),
    ActionSpec("connect", "connect_server", "Connec&t to server…", "files.connect_dialog",
               tip="Open a team workspace on a PostgreSQL server", icon="server",
               menu="file"),
    ActionSpec("save_copy", "save_copy", "Save a &copy…", "files.save_copy", ("Ctrl+Shift+S",),
               tip="Write a consistent copy of this workspace to another file",
               icon="copy", menu="file", enabled_when="workspace"),
    ActionSpec("import", "import_json", "&Import JSON…", "files.import_json", ("Ctrl+I",),
               tip="Add the systems, people and teams of a JSON file to this workspace",
               icon="file-up",
               menu="file", section=1, enabled_when="writable"),
    ActionSpec("bring_back", "bring_back", "&Bring back an offline copy…", "files.bring_back",
               tip="Merge the changes made in an offline copy of this workspace back into it",
               menu="file", section=1, enabled_when="writable"),
    ActionSpec("export_json", "export_json", "Export &JSON…", "files.export_json",
               ("Ctrl+Shift+E",), tip="Write the whole workspace as a JSON file", icon="file-json",
               menu="file", section=1, enabled_when="workspace"),
    ActionSpec("export_pdf", "export_pdf", "Export &PDF…", "files.export_pdf", (Key.Print,),
               tip="Handover pack, portfolio overview or on-call card as a PDF", icon="file-down",
               menu="file", section=1, toolbar=31, enabled_when="workspace"),
    ActionSpec("print", "print_pack", "P&rint pack…", "print_pack", ("Ctrl+Shift+P",),
               tip="Preview a handover pack, portfolio or on-call card and print it",
               icon="printer", menu="file", section=1, enabled_when="workspace"),
    ActionSpec("preferences", "preferences", "Pre&ferences…", "edit_preferences",
               (Key.Preferences,), fallback="Ctrl+,",
               tip="Your name for the audit trail, and the organisation's branding",
               icon="settings", menu="file", section=2),
    ActionSpec("quit", "quit", "&Quit", "close", (Key.Quit,), fallback="Ctrl+Q",
               icon="log-out", menu="file", section=3),
    ActionSpec("find", "find_system", "&Find system", "focus_search", (Key.Find,),
               tip="Search the AI systems by name", icon="search", menu="edit", section=1,
               enabled_when="workspace"),
    ActionSpec("find_anything", "find_anything", "Find &anything…", "_on_find_anything_triggered",
               ("Ctrl+K",),
               tip="Find systems, people, teams, documents, controls, signals and findings",
               icon="text-search",
               menu="edit", section=1, enabled_when="workspace"),
    ActionSpec("handover", "hand_over", "&Hand over responsibilities…", "_on_handover_triggered",
               tip="Move everything the selected person holds to someone else",
               icon="arrow-right-left",
               menu="edit", section=2, enabled_when="writable"),
    ActionSpec("systems_view", "view_systems", "AI &systems", "show_systems", ("Ctrl+1",),
               tip="Edit the handover plan of the selected system",
               icon="bot", menu="view", toolbar=20,
               enabled_when="workspace", checkable=True, checked=True, group="view"),
    ActionSpec("directory_view", "view_directory", "&People && teams", "show_directory",
               ("Ctrl+2",), tip="The directory of people and teams shared by every system",
               icon="users",
               menu="view", toolbar=21, enabled_when="workspace", checkable=True, group="view"),
    ActionSpec("findings", "toggle_findings", "&Findings panel", "toggle_findings",
               ("Ctrl+3",), tip="Show or hide the findings panel",
               icon="panel-right", menu="view", section=1,
               enabled_when="workspace", checkable=True, checked=True),
    ActionSpec("portfolio", "portfolio_findings", "Portfolio &findings", "show_portfolio",
               ("Ctrl+Shift+F",), tip="List the findings of every system",
               icon="list-checks", menu="view",
               section=1, enabled_when="workspace"),
    ActionSpec("audit", "audit_trail", "&Audit trail", "_on_audit_triggered",
               tip="Who changed what and when, before and after",
               icon="history", menu="view", section=1,
               enabled_when="workspace"),
    ActionSpec("board", "open_board", "Workshop &board", "open_board", ("F11",),
               tip="Open the full-screen workshop board on the selected system",
               icon="presentation",
               menu="view", section=2, toolbar=30, enabled_when="workspace"),
    ActionSpec("help", "where_is_file", "Where is my &workspace", "show_location",
               (Key.HelpContents,), tip="Show the open workspace's file path or server address",
               icon="folder-search", menu="help", enabled_when="workspace"),
    ActionSpec("shortcuts", "shortcuts", "&Keyboard shortcuts", "show_shortcuts", ("Ctrl+/",),
               tip="List the keyboard shortcuts", icon="keyboard", menu="help"),
    ActionSpec("about", "about", "&About", "show_about", icon="info", menu="help",
               section=1),
)  # fmt: skip


def _keys(spec: ActionSpec) -> list[QKeySequence]:
    keys: list[QKeySequence] = []
    for key in spec.keys:
        found = QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)]
        keys += [k for k in found if not k.isEmpty() and k not in keys]
    if not keys and spec.fallback:
        keys.append(QKeySequence(spec.fallback))
    return keys


def with_keys(tip: str, action: QAction) -> str:
    """A tooltip that teaches the shortcut: "Export a PDF (Ctrl+P)"."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({keys})" if keys else tip


def make_action(window: MainWindow, spec: ActionSpec) -> QAction:
    """The QAction of one row, connected to its slot and added to the window (for its keys)."""
    action = QAction(spec.text, window)
    action.setObjectName(spec.name)
    action.setShortcuts(_keys(spec))
    if spec.tip:
        action.setToolTip(with_keys(spec.tip, action))
        action.setStatusTip(spec.tip)
    if spec.icon:
        action.setIcon(themed_icon(spec.icon))
    action.setCheckable(spec.checkable)
    action.setChecked(spec.checked)
    action.triggered.connect(attrgetter(spec.slot)(window))
    window.addAction(action)
    return action


def create_actions(window: MainWindow) -> dict[str, QAction]:
    """Every row's QAction by attr (also set as ``window.<attr>_action``), with undo/redo."""
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in ACTIONS:
        action = actions[spec.attr] = make_action(window, spec)
        setattr(window, f"{spec.attr}_action", action)
        if spec.group:
            groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
    window.undo_action = window.undo_group.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(Key.Undo)
    window.undo_action.setObjectName("undo")
    window.redo_action = window.undo_group.createRedoAction(window, "&Redo")
    window.redo_action.setShortcuts(
        _keys(ActionSpec("", "", "", "", (Key.Redo, "Ctrl+Shift+Z", "Ctrl+Y")))
    )
    window.redo_action.setObjectName("redo")
    window.addAction(window.undo_action)
    window.addAction(window.redo_action)
    return actions


def create_menus(window: MainWindow) -> dict[str, QMenu]:
    """The menu bar from the table; the Edit menu starts with Undo and Redo."""
    menus = {key: window.menuBar().addMenu(title) for key, title in MENUS}
    menus["edit"].addAction(window.undo_action)
    menus["edit"].addAction(window.redo_action)
    last_section = {"edit": 0}
    for spec in ACTIONS:
        if not spec.menu:
            continue
        menu = menus[spec.menu]
        if spec.menu in last_section and last_section[spec.menu] != spec.section:
            menu.addSeparator()
        last_section[spec.menu] = spec.section
        menu.addAction(window.actions_by_attr[spec.attr])
        if spec.attr == "open":  # recently opened files follow Open
            window.recent_menu = QMenu("Open &recent", window)
            window.recent_menu.aboutToShow.connect(window.files.fill_recent_menu)
            menu.addMenu(window.recent_menu)
    return menus


def create_toolbar(window: MainWindow) -> QToolBar:
    """Undo and Redo (fixed labels, so no button moves), then the rows placed on it."""
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    # Icons with their words beside them: six buttons fit a 1366 px window this way.
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    for text, named, icon in (
        ("Undo", window.undo_action, "undo-2"),
        ("Redo", window.redo_action, "redo-2"),
    ):
        twin = _fixed_label(text, named, toolbar)
        twin.setIcon(themed_icon(icon))
        named.setIcon(twin.icon())
        toolbar.addAction(twin)
    placed = sorted((s.toolbar, s.attr) for s in ACTIONS if s.toolbar)
    group = 1
    for position, attr in placed:
        if position // 10 != group:
            toolbar.addSeparator()
            group = position // 10
        toolbar.addAction(window.actions_by_attr[attr])
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(action.toolTip() or action.text().replace("&", ""))
    return toolbar


def _fixed_label(text: str, named: QAction, parent: QToolBar) -> QAction:
    """A toolbar twin of Undo or Redo that keeps its short label; the step's name is its tip.

    The named action's text ("Undo Edit purpose of …") changes with every edit; on the
    toolbar it would move every button after it under the user's pointer.
    """
    twin = QAction(text, parent)
    twin.setObjectName(f"toolbar_{text.lower()}")
    twin.triggered.connect(named.trigger)

    def follow() -> None:
        twin.setEnabled(named.isEnabled())
        name = named.text().replace("&", "")
        tip = name if name != text else f"Nothing to {text.lower()}"
        twin.setToolTip(with_keys(tip, named))

    named.changed.connect(follow)
    follow()
    return twin

"""Help dialogs: About, where the workspace file is, and the keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME, __version__

if TYPE_CHECKING:
    from planner.store.workspace import Workspace


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _plain(text: str) -> str:
    """An action's text without its mnemonic marks ("&&" is a literal ampersand)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


class AboutDialog(QDialog):
    """The version, the workspace format it reads and writes, and where its files live."""

    def __init__(self, parent: QWidget | None = None, workspace: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setObjectName("about_dialog")
        title = _label(f"{APP_NAME} {__version__}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        from PySide6 import __version__ as pyside_version

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(
            _label(
                "Plan who keeps an AI system running after the pilot: owners, support, "
                "escalation, documentation, retraining, monitoring and sign-off."
            )
        )
        self.facts = QFormLayout()
        for name, value in self.details(workspace):
            self.facts.addRow(f"{name}:", _label(value))
        layout.addLayout(self.facts)
        layout.addWidget(
            _label(
                "Works offline. Every change is saved at once and recorded in the "
                "workspace's audit trail.\n\n"
                f"Qt for Python {pyside_version}. Fonts: DejaVu Sans (Bitstream Vera licence), "
                "Droid Sans Fallback (Apache 2.0), NanumGothic (SIL OFL 1.1). Licence: MIT."
            )
        )
        layout.addStretch(1)  # spare height goes here, not between wrapped lines
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        # Wrapped labels make the default height the one for the narrowest width: ask for
        # the height the layout needs at the width the dialog opens with.
        self.resize(640, layout.totalHeightForWidth(640))

    @staticmethod
    def details(workspace: str | None) -> list[tuple[str, str]]:
        """Name and value of each fact the dialog lists (what a support request needs)."""
        import platform

        from planner.domain.interchange import FORMAT_VERSION
        from planner.preferences import config_dir, log_dir
        from planner.store.migrations import HEAD

        return [
            ("Version", __version__),
            ("Workspace format", f"schema {HEAD}; JSON format_version {FORMAT_VERSION}"),
            ("Workspace", workspace if workspace is not None else "none open"),
            ("Preferences", str(config_dir() / "preferences.json")),
            ("Log folder", str(log_dir())),
            ("Python", f"{platform.python_version()} on {platform.system()} {platform.machine()}"),
        ]


class WorkspaceLocationDialog(QDialog):
    """Shows where the open workspace lives (its file, or its server), with Copy and, for a
    file, Show folder."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where is my workspace")
        self.setObjectName("workspace_location_dialog")
        # The file's full path, or the server URL without the password.
        self._address = ws.address
        self._folder = ws.folder
        what = "server address" if ws.is_server else "path"
        self.path_edit = QLineEdit(self._address)
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName(f"The workspace's {what}")
        self.path_edit.setCursorPosition(0)
        self.copy_button = QPushButton(f"&Copy {'address' if ws.is_server else 'path'}")
        self.copy_button.setAccessibleName(f"Copy the {what} to the clipboard")
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.copy_button)
        if self._folder is not None:
            folder_button = QPushButton("Show &folder")
            folder_button.setAccessibleName("Open the folder that holds the workspace")
            folder_button.clicked.connect(self._on_folder_button_clicked)
            row.addWidget(folder_button)
        mode = "open read-only" if ws.read_only else "open for editing"
        layout = QVBoxLayout(self)
        layout.addWidget(_label(_where_text(ws.is_server, mode)))
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._address)
        self.copy_button.setText("Copied")

    def _on_folder_button_clicked(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))


def _where_text(on_server: bool, mode: str) -> str:
    if on_server:
        # No lock file on a server: the server serialises writers, so a team edits at once.
        return (
            f"This is a team workspace on a PostgreSQL server ({mode}). Several people may "
            "edit it at once; every change is saved on the server as it is made, and the "
            "others see it within a couple of seconds. The address below never holds your "
            "password. File > Save a copy writes a file copy you can take offline."
        )
    return (
        f"This workspace is one file ({mode}). Every change is already saved in it: "
        "copy it, back it up or e-mail it like any document (use File > Save a copy "
        "while it is open)."
    )


class ShortcutsDialog(QDialog):
    """Every action of the window that has a shortcut, as the user's platform spells it."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = []
        for action in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if keys:
                rows.append((_plain(action.text()), keys))
        rows.append(("Move between panes", ["Tab", "Shift+Tab"]))
        rows.append(("Open the selected finding", ["Enter"]))
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        for n, (text, keys) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(text))
            self.table.setItem(n, 1, QTableWidgetItem(", ".join(keys)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 520)

"""File > Connect to server: a team workspace on PostgreSQL, by its parts or a pasted URL.

The password is typed here or found by libpq as usual (PGPASSWORD, ~/.pgpass); it is kept
in this process's memory for the session (so a second window or a reconnect does not ask
again) and never written to disk: recent lists and settings hold the URL without it.
The system keyring is not used: on a desktop without a Secret Service (headless, many
Linux sessions) it has nothing to store into, so the app asks once a session instead.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.ui.dialogs.message_boxes import show_error

if TYPE_CHECKING:
    from planner.store.server import ServerLocation
    from planner.store.workspace import Workspace

log = logging.getLogger(__name__)
DEFAULT_PORT = 5432
# Passwords typed this session, by the URL without password: memory only, never saved.
_session_passwords: dict[str, str] = {}


def forget_passwords() -> None:
    """Drop the passwords typed this session (tests; a future "log out")."""
    _session_passwords.clear()


def try_open(
    location: ServerLocation, *, actor: str | None, read_only: bool = False
) -> Workspace | PlannerError:
    """Open the server workspace, or the error whose one sentence says why not (logged)."""
    from planner.store.server import open_server_workspace

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return open_server_workspace(location, actor=actor, read_only=read_only)
    except PlannerError as exc:
        log.warning("Cannot open the server workspace: %s", exc)
        return exc
    finally:
        QGuiApplication.restoreOverrideCursor()


def _needs_password(error: PlannerError) -> bool:
    """Whether the server wants a password (none was found, or the one given was wrong)."""
    return bool(getattr(error, "needs_password", False))


class ConnectServerDialog(QDialog):
    """Host, port, database and user (or a pasted URL) and a password; Connect opens it.

    A failure is said in the dialog, in one sentence, and the dialog stays open to fix
    it; on success ``workspace`` holds the open workspace.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        url: str = "",
        actor: str | None = None,
        message: str = "",
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Connect to server")
        self.setObjectName("connect_server_dialog")
        self.workspace: Workspace | None = None
        self._actor = actor
        self._read_only = read_only
        self._extra_query: dict[str, str] = {}
        intro = QLabel(
            "Open a team workspace on a PostgreSQL server. Paste its address, or fill in "
            "the parts. Leave the password empty to use PGPASSWORD or ~/.pgpass; a password "
            "typed here is kept only until you quit the app."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form = self._build_form()
        self.error_label = QLabel()
        self.error_label.setObjectName("connect_error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a4262c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText("&Connect")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if url:
            self.url_edit.setText(url)
            self._on_url_edit_text_edited(url)
        self.show_error(message)
        if message:
            self.password_edit.setFocus()

    def _build_form(self) -> QFormLayout:
        """The address line and the parts it fills (and follows)."""
        self.url_edit = self._line("postgresql://user@host/database", "Server address (URL)")
        self.url_edit.textEdited.connect(self._on_url_edit_text_edited)
        self.host_edit = self._line("localhost", "Host")
        self.port_box = QSpinBox()
        self.port_box.setRange(1, 65535)
        self.port_box.setValue(DEFAULT_PORT)
        self.port_box.setAccessibleName("Port")
        self.database_edit = self._line("handover", "Database")
        self.user_edit = self._line("", "User")
        self.password_edit = self._line("", "Password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.textEdited.connect(self._on_part_edited)
        self.port_box.valueChanged.connect(self._on_part_edited)
        form = QFormLayout()
        form.addRow("&Address:", self.url_edit)
        form.addRow("&Host:", self.host_edit)
        form.addRow("P&ort:", self.port_box)
        form.addRow("&Database:", self.database_edit)
        form.addRow("&User:", self.user_edit)
        form.addRow("&Password:", self.password_edit)
        return form

    @staticmethod
    def _line(placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        return edit

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def location(self) -> ServerLocation:
        """The server the fields name (with the typed password, if any)."""
        from planner.store.server import ServerLocation

        port = self.port_box.value()
        return ServerLocation.from_parts(
            host=self.host_edit.text().strip(),
            port=port if port != DEFAULT_PORT else None,
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            password=self.password_edit.text(),
            query=self._extra_query,
        )

    def _on_url_edit_text_edited(self, text: str) -> None:
        """Fill the parts from a pasted URL (its password goes to the password field)."""
        from planner.store.server import ServerLocation
        from planner.store.server_url import is_server_url

        if not is_server_url(text):
            return
        try:
            url = ServerLocation.parse(text).url
        except PlannerError:
            return
        self.host_edit.setText(url.host or "")
        # Quietly: the port's change must not rewrite the address from half-filled parts.
        self.port_box.blockSignals(True)
        self.port_box.setValue(url.port or DEFAULT_PORT)
        self.port_box.blockSignals(False)
        self.database_edit.setText(url.database or "")
        self.user_edit.setText(url.username or "")
        if url.password:
            self.password_edit.setText(str(url.password))
            # Shown without it, so it is not left on the screen.
            self.url_edit.setText(ServerLocation(url).public_url)
        # e.g. ?host=/run/postgresql for a unix socket, ?sslmode=require
        self._extra_query = {k: v if isinstance(v, str) else v[0] for k, v in url.query.items()}

    def _on_part_edited(self, *_args: object) -> None:
        """Keep the address line in step with the parts (never showing the password)."""
        try:
            self.url_edit.setText(self.location().public_url)
        except PlannerError:
            return  # no database named yet

    def _on_buttons_accepted(self) -> None:
        try:
            location = self.location()
        except PlannerError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self.connect_button.setEnabled(False)
        self.connect_button.setText("Connecting…")
        QGuiApplication.processEvents()
        try:
            result = try_open(location, actor=self._actor, read_only=self._read_only)
        finally:
            self.connect_button.setEnabled(True)
            self.connect_button.setText("&Connect")
        if isinstance(result, PlannerError):
            self.show_error(str(result))
            if _needs_password(result):
                self.password_edit.selectAll()
                self.password_edit.setFocus()
            return
        if location.has_password:
            _session_passwords[location.public_url] = str(location.url.password)
        self.workspace = result
        self.accept()


def connect_to_server(
    parent: QWidget | None, url: str, *, actor: str | None, read_only: bool = False
) -> Workspace | None:
    """Open a server workspace by URL, asking for a password only if the server wants one.

    A password from this session, the URL, PGPASSWORD or ~/.pgpass is tried first; when
    the server asks for one (or refuses it), the connect dialog opens on the URL saying
    so. Any other failure is one sentence in a message box; None when nothing opened.
    """
    from planner.store.server import ServerLocation

    try:
        location = ServerLocation.parse(url)
    except PlannerError as exc:
        show_error(parent, "Cannot connect to the server", str(exc))
        return None
    remembered = _session_passwords.get(location.public_url)
    if remembered and not location.has_password:
        location = location.with_password(remembered)
    result = try_open(location, actor=actor, read_only=read_only)
    if not isinstance(result, PlannerError):
        return result
    if not _needs_password(result):
        show_error(parent, "Cannot connect to the server", str(result))
        return None
    dialog = ConnectServerDialog(
        parent, url=location.public_url, actor=actor, message=str(result), read_only=read_only
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.workspace

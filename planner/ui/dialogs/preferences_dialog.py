"""Preferences: the user's name for the audit trail, the workspace's branding and wording."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QColor, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import Severity
from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS, severity_field
from planner.domain.values import NAME_LENGTH, SHORT_TEXT
from planner.store.workspace import os_user
from planner.ui.widgets.field_message import clear_field_error, show_field_error
from planner.ui.widgets.field_styles import INVALID_STYLE

MAX_LOGO_BYTES = 2_000_000


class DefinitionEdit(QPlainTextEdit):
    """A severity's definition, as tall as its text (or the grey default) needs.

    At a fixed 2.6 lines the default wording of SEV1 and SEV2 scrolled: nobody could read
    a definition whole while deciding whether to change it."""

    MOST_LINES = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        # Lines wrap at the box's width, so there is never anything to the right.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self._fit_height)

    def _fit_height(self) -> None:
        margin = int(self.document().documentMargin())
        width = self.viewport().width() - 2 * margin
        metrics = self.fontMetrics()
        text = self.toPlainText() or self.placeholderText()
        needed = metrics.boundingRect(
            QRect(0, 0, max(width, 50), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        lines = min(max(2, round(needed.height() / metrics.lineSpacing())), self.MOST_LINES)
        frame = 2 * self.frameWidth() + 2 * margin
        self.setFixedHeight(lines * metrics.lineSpacing() + frame + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower box wraps into more lines


class PreferencesDialog(QDialog):
    """Edits a name (user preference) and branding (stored in the workspace)."""

    def __init__(
        self, actor_name: str, info: Any, read_only: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferences_dialog")
        self._info = info
        self.logo: bytes | None = info.logo
        self.logo_format: str | None = info.logo_format
        self.error_text = ""

        you = self._build_you(actor_name)
        colour_row = self._build_colour_row(info)
        logo_row = self._build_logo_row()
        self._build_branding(colour_row, logo_row, read_only)
        self._build_severities(info, read_only)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(you)
        layout.addWidget(self.branding)
        layout.addWidget(self.severities)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Wide enough that a severity's definition takes two or three lines, not five.
        self.setMinimumWidth(600)
        self._on_colour_edit_text_changed(self.colour_edit.text())
        self._show_logo()

    def _build_you(self, actor_name: str) -> QGroupBox:
        """Your name for the audit trail."""
        self.actor_edit = QLineEdit(actor_name)
        self.actor_edit.setAccessibleName("Your name for the audit trail")
        # With no name here the OS user name is recorded; with none of that either, others
        # read "another user (no name set)", which the grey text says rather than "unknown".
        self.actor_edit.setPlaceholderText(
            os_user()
            or "Not set: others see your changes as by \u201canother user (no name set)\u201d"
        )
        self.actor_edit.setMaxLength(NAME_LENGTH)
        you = QGroupBox("You")
        you_form = QFormLayout(you)
        you_form.addRow("Your &name:", self.actor_edit)
        hint = QLabel("Written into the audit trail with every change you make.")
        hint.setWordWrap(True)
        you_form.addRow("", hint)
        return you

    def _build_colour_row(self, info: Any) -> QHBoxLayout:
        """The organisation name and accent colour, with its sample and message."""
        self.organisation_edit = QLineEdit(info.organisation)
        self.organisation_edit.setAccessibleName("Organisation name")
        self.organisation_edit.setMaxLength(NAME_LENGTH)
        self.colour_edit = QLineEdit(info.accent_colour)
        self.colour_edit.setAccessibleName("Accent colour as #RRGGBB")
        self.colour_edit.setInputMask(r"\#HHHHHH")
        self.colour_edit.textChanged.connect(self._on_colour_edit_text_changed)
        self.colour_button = QPushButton("&Choose…")
        self.colour_button.setAccessibleName("Choose the accent colour")
        self.colour_button.clicked.connect(self._on_colour_button_clicked)
        self.swatch = QLabel()
        self.swatch.setFixedSize(24, 24)
        self.swatch.setAccessibleName("Accent colour sample")
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour_edit, 1)
        colour_row.addWidget(self.swatch)
        colour_row.addWidget(self.colour_button)
        return colour_row

    def _build_logo_row(self) -> QHBoxLayout:
        """The logo preview with Choose and Remove."""
        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setMinimumSize(160, 48)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_button = QPushButton("Choose…")
        self.logo_button.setAccessibleName("Choose a PNG or SVG logo")
        self.logo_button.clicked.connect(self._on_logo_button_clicked)
        self.remove_logo_button = QPushButton("&Remove logo")
        self.remove_logo_button.setAccessibleName("Remove the logo")
        self.remove_logo_button.clicked.connect(self._on_remove_logo_button_clicked)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(self.logo_button)
        logo_row.addWidget(self.remove_logo_button)
        return logo_row

    def _build_branding(
        self, colour_row: QHBoxLayout, logo_row: QHBoxLayout, read_only: bool
    ) -> None:
        """The branding group, disabled when the workspace is read-only."""
        self.branding = QGroupBox("Organisation branding (saved in this workspace)")
        form = QFormLayout(self.branding)
        form.addRow("&Organisation:", self.organisation_edit)
        colour_label = QLabel("&Accent colour:")
        colour_label.setBuddy(self.colour_edit)
        form.addRow(colour_label, colour_row)
        logo_label = QLabel("&Logo:")
        logo_label.setBuddy(self.logo_button)
        form.addRow(logo_label, logo_row)
        if read_only:
            self.branding.setEnabled(False)
            self.branding.setTitle("Organisation branding (workspace is read-only)")

    def _build_severities(self, info: Any, read_only: bool) -> None:
        """What SEV1 to SEV4 mean here: printed next to the chains and on the on-call cards."""
        self.severities = QGroupBox("Incident severities (saved in this workspace)")
        form = QFormLayout(self.severities)
        form.setVerticalSpacing(8)  # four boxes of text, apart so each reads as its own
        hint = QLabel(
            "What each severity means, as the handover packs and on-call cards print it. "
            "Leave one empty to print the default wording shown in grey."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.severity_edits: dict[Severity, QPlainTextEdit] = {}
        for severity in Severity:
            edit = DefinitionEdit()
            edit.setPlaceholderText(DEFAULT_SEVERITY_DEFINITIONS[severity])
            edit.setPlainText(str(getattr(info, severity_field(severity), "")))
            edit.setAccessibleName(f"What {severity.label} means")
            label = QLabel(f"{severity.label}:")
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.severity_edits[severity] = edit
        self.default_wording_button = QPushButton("Use the &default wording")
        self.default_wording_button.setAccessibleName("Put the default severity wording back")
        self.default_wording_button.clicked.connect(self._on_default_wording_button_clicked)
        form.addRow("", self.default_wording_button)
        if read_only:
            self.severities.setEnabled(False)

    def _on_default_wording_button_clicked(self) -> None:
        for severity, edit in self.severity_edits.items():
            edit.setPlainText(DEFAULT_SEVERITY_DEFINITIONS[severity])

    def severity_problem(self) -> tuple[Severity, str] | None:
        """The first definition too long to store, with what to do about it."""
        for severity, edit in self.severity_edits.items():
            size = len(edit.toPlainText().strip())
            if size > SHORT_TEXT:
                return severity, (
                    f"What {severity.label} means is {size:,} characters long; "
                    f"shorten it to {SHORT_TEXT:,}."
                )
        return None

    # --- results -------------------------------------------------------------------

    def accept(self) -> None:
        """Close only when every field can be stored; otherwise mark the one that cannot."""
        problem = self.colour_problem()
        # The field note every refused field has, under the field; nothing typed is lost.
        self.colour_edit.setStyleSheet(INVALID_STYLE if problem else "")
        if problem:
            show_field_error(self.colour_edit, problem)
            self.colour_edit.setFocus()
            return
        too_long = self.severity_problem()
        self.message.setText(too_long[1] if too_long else "")
        if too_long:
            self.severity_edits[too_long[0]].setFocus()
            return
        super().accept()

    def colour_problem(self) -> str:
        """What is wrong with the accent colour as typed, or "" when it is a colour."""
        text = self.colour_edit.text()
        if re.fullmatch(r"#[0-9A-Fa-f]{6}", text):
            return ""
        return f"“{text}” is not a colour: type six hexadecimal digits, like #1F5FAD, or Choose…"

    def actor_name(self) -> str:
        return self.actor_edit.text().strip()

    def branding_changes(self) -> dict[str, Any]:
        """The workspace_info fields the user changed, severities too (empty when none did)."""
        values: dict[str, Any] = {
            "organisation": self.organisation_edit.text().strip(),
            "accent_colour": self.colour_edit.text().upper(),
            "logo": self.logo,
            "logo_format": self.logo_format,
        }
        for severity, edit in self.severity_edits.items():
            values[severity_field(severity)] = edit.toPlainText().strip()
        return {k: v for k, v in values.items() if getattr(self._info, k, "") != v}

    # --- internals -----------------------------------------------------------------

    def _show_logo(self) -> None:
        self.remove_logo_button.setEnabled(self.logo is not None)
        if self.logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
            return
        pixmap = QPixmap()
        if pixmap.loadFromData(QByteArray(self.logo)):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    160,
                    48,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setText(f"{(self.logo_format or '').upper()} logo")

    def _on_colour_edit_text_changed(self, text: str) -> None:
        if not self.colour_problem():
            clear_field_error(self.colour_edit)
            self.colour_edit.setStyleSheet("")
        colour = QColor(text)
        if colour.isValid() and len(text) == 7:
            self.swatch.setStyleSheet(
                f"background: {colour.name()}; border: 1px solid palette(mid);"
            )

    def _on_colour_button_clicked(self) -> None:
        colour = QColorDialog.getColor(QColor(self.colour_edit.text()), self, "Accent colour")
        if colour.isValid():
            self.colour_edit.setText(colour.name().upper())

    def _on_logo_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Choose logo", "", "Logos (*.png *.svg)")
        if path:
            self.load_logo(Path(path))

    def load_logo(self, path: Path) -> bool:
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in ("png", "svg"):
            self.message.setText("The logo must be a PNG or SVG file.")
            return False
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.message.setText(f"{path.name}: cannot be read ({exc.strerror}).")
            return False
        if len(data) > MAX_LOGO_BYTES:
            self.message.setText("The logo must be under 2 MB.")
            return False
        self.logo, self.logo_format = data, suffix
        self.message.clear()
        self._show_logo()
        return True

    def _on_remove_logo_button_clicked(self) -> None:
        self.logo, self.logo_format = None, None
        self._show_logo()

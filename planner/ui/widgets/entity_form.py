"""A form bound to one row of one entity kind: each field commits itself via update_entity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from planner.domain.enums import LabelledEnum
from planner.domain.errors import ConflictError, PlannerError
from planner.domain.wording import actor_name, as_sentence, in_running_text
from planner.operations import update_entity
from planner.ui.models.entity_table_model import is_empty
from planner.ui.widgets.date_field import DateField
from planner.ui.widgets.field_message import clear_field_error, show_field_error
from planner.ui.widgets.field_styles import INVALID_STYLE
from planner.ui.widgets.pickers import EnumCombo, combo_value, fill_people, fill_teams
from planner.ui.workspace_document import WorkspaceDocument

MISSING_STYLE = "background-color: #ffe4e4;"


class CommitPlainTextEdit(QPlainTextEdit):
    """Multi-line plain text that reports an edit when focus leaves or on Ctrl+Enter."""

    editingFinished = Signal()

    # Grows with its text between these many lines; past the most it scrolls.
    FEWEST_LINES = 2
    MOST_LINES = 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _fit_height(self, *_args: object) -> None:
        # The document's height is in lines for a plain text edit (wrapped lines count).
        lines = int(self.document().documentLayout().documentSize().height())
        shown = min(max(lines, self.FEWEST_LINES), self.MOST_LINES)
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        self.setFixedHeight(self.fontMetrics().lineSpacing() * shown + frame + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower field wraps into more lines

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)


def _read_only_palette(widget: QWidget) -> QPalette:
    parent = widget.parentWidget()
    palette = QPalette(parent.palette() if parent is not None else widget.palette())
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    return palette


class _Field:
    def __init__(
        self,
        field: str,
        label: str,
        widget: QWidget,
        get: Callable[[], Any],
        put: Callable[[Any], None],
        required: bool,
    ) -> None:
        self.field = field
        self.label = label
        self.widget = widget
        self.get = get
        self.put = put
        self.required = required


def _forget_typing(widget: QWidget) -> None:
    """Stored typing is undone by the workspace's undo, no longer by the field's own."""
    if isinstance(widget, QPlainTextEdit):
        widget.document().clearUndoRedoStacks()


class EntityForm(QWidget):
    """Fields of one row; a user edit of a field runs one update_entity (one undo step)."""

    errorOccurred = Signal(str)

    def __init__(
        self, document: WorkspaceDocument, kind_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kind_name = kind_name
        self.row: Any = None
        self.read_only = False
        self.fields: dict[str, _Field] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

    def put_labels_above(self) -> None:
        """Labels over their fields: a page is ~430 px wide at 1366x768, too narrow for both."""
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    # --- building -----------------------------------------------------------------------

    def _add(self, field: _Field) -> QWidget:
        self.fields[field.field] = field
        label = QLabel(field.label + ":", self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(field.widget)
        field.widget.setObjectName(field.field)
        self.layout_.addRow(label, field.widget)
        return field.widget

    def add_text(self, field: str, label: str, *, required: bool = False) -> QLineEdit:
        edit = QLineEdit(self)
        edit.editingFinished.connect(lambda: self._commit(field))
        self._add(_Field(field, label, edit, edit.text, lambda v: edit.setText(v or ""), required))
        return edit

    def add_long_text(self, field: str, label: str, *, required: bool = False) -> QPlainTextEdit:
        edit = CommitPlainTextEdit(self)
        edit.editingFinished.connect(lambda: self._commit(field))

        def put(value: Any) -> None:
            if edit.toPlainText() != (value or ""):
                edit.setPlainText(value or "")

        self._add(_Field(field, label, edit, edit.toPlainText, put, required))
        return edit

    def add_enum(self, field: str, label: str, enum: type[LabelledEnum]) -> EnumCombo:
        combo = EnumCombo(enum, parent=self)
        combo.activated.connect(lambda _i: self._commit(field))
        self._add(_Field(field, label, combo, combo.value, combo.set_value, False))
        return combo

    def add_bool(self, field: str, label: str) -> QCheckBox:
        box = QCheckBox(self)
        box.clicked.connect(lambda _checked: self._commit(field))
        self._add(
            _Field(field, label, box, box.isChecked, lambda v: box.setChecked(bool(v)), False)
        )
        return box

    def add_int(
        self, field: str, label: str, *, maximum: int, suffix: str = "", required: bool = False
    ) -> QSpinBox:
        """A whole number of at least 1; 0 shows as "not set" and stores None."""
        spin = QSpinBox(self)
        spin.setRange(0, maximum)
        spin.setSpecialValueText("not set")
        spin.setSuffix(suffix)
        spin.editingFinished.connect(lambda: self._commit(field))

        def put(value: Any) -> None:
            spin.setValue(int(value or 0))

        self._add(_Field(field, label, spin, lambda: spin.value() or None, put, required))
        return spin

    def add_date(self, field: str, label: str, *, required: bool = False) -> DateField:
        edit = DateField(self)
        edit.editingFinished.connect(lambda: self._commit(field))
        self._add(_Field(field, label, edit, edit.value, edit.set_value, required))
        return edit

    def add_person(self, field: str, label: str, *, required: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.activated.connect(lambda _i: self._commit(field))

        def put(value: Any) -> None:
            fill_people(combo, self.document.plan, optional=True, current=value)

        self._add(_Field(field, label, combo, lambda: combo_value(combo), put, required))
        return combo

    def add_team(self, field: str, label: str, *, required: bool = False) -> QComboBox:
        combo = QComboBox(self)
        combo.activated.connect(lambda _i: self._commit(field))

        def put(value: Any) -> None:
            fill_teams(combo, self.document.plan, optional=True, current=value)

        self._add(_Field(field, label, combo, lambda: combo_value(combo), put, required))
        return combo

    def add_float(
        self, field: str, label: str, *, minimum: float, maximum: float, suffix: str = ""
    ) -> QDoubleSpinBox:
        """A number; one step below ``minimum`` shows as "not set" and stores None."""
        spin = QDoubleSpinBox(self)
        spin.setDecimals(1)
        spin.setRange(minimum - 1, maximum)
        spin.setSpecialValueText("not set")
        spin.setSuffix(suffix)
        spin.editingFinished.connect(lambda: self._commit(field))

        def get() -> float | None:
            return None if spin.value() == spin.minimum() else spin.value()

        def put(value: Any) -> None:
            spin.setValue(spin.minimum() if value is None else float(value))

        self._add(_Field(field, label, spin, get, put, False))
        return spin

    def add_checklist(
        self,
        field: str,
        label: str,
        enum: type[LabelledEnum],
        *,
        required: bool = False,
        columns: int = 3,
    ) -> QWidget:
        """A list-of-enum field as a grid of check boxes, ``columns`` to a row."""
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        checks: dict[str, QCheckBox] = {}
        for number, member in enumerate(enum):
            check = QCheckBox(member.label, box)
            check.setObjectName(f"{field}_{member.value}")
            check.clicked.connect(lambda _checked: self._commit(field))
            grid.addWidget(check, number // columns, number % columns)
            checks[member.value] = check

        stored: list[str] = []

        def get() -> list[str]:
            # Keep the stored order and append new choices, so a tick is a one-item change.
            ticked = [value for value, check in checks.items() if check.isChecked()]
            return [v for v in stored if v in ticked] + [v for v in ticked if v not in stored]

        def put(values: Any) -> None:
            stored[:] = [str(v) for v in values or ()]
            for value, check in checks.items():
                check.setChecked(value in stored)

        box.checks = checks  # type: ignore[attr-defined]  # reached by tests and pages
        self._add(_Field(field, label, box, get, put, required))
        return box

    # --- content ------------------------------------------------------------------------

    def set_row(self, row: Any) -> None:
        previous, self.row = self.row, row
        for field in self.fields.values():
            if self._is_draft(field, previous, row):
                # Keep what the user is typing (it is committed when they finish), but say
                # so when the other writer changed this very field: Enter would store over it.
                theirs = getattr(row, field.field)
                typed = str(field.get()).strip()  # equal: it is this form's own commit
                if theirs != getattr(previous, field.field) and typed != (theirs or ""):
                    shown = str(theirs or "")
                    shown = f"{shown[:60]}…" if len(shown) > 60 else shown
                    show_field_error(
                        field.widget,
                        f"{self._who_changed(row)} changed the {in_running_text(field.label)} "
                        f"to \u201c{shown}\u201d while you were typing; press Enter to store "
                        "yours over it.",
                    )
                continue
            field.widget.blockSignals(True)
            try:
                field.put(getattr(row, field.field) if row is not None else None)
            finally:
                field.widget.blockSignals(False)
            self._mark(field)

    def _who_changed(self, row: Any) -> str:
        """Who last changed ``row``, by the name the audit trail recorded (at the start of
        a sentence), or "Someone else" when the trail does not say."""
        system_id = getattr(row, "system_id", None) or (
            row.id if self.kind_name == "system" else None
        )
        try:
            events = self.document.audit_events(system_id=system_id, limit=200)
        except PlannerError:  # the server went away: the note still says what changed
            return "Someone else"
        actor = next((e.actor for e in events if e.entity_id == row.id), None)
        if actor is None:
            return "Someone else"
        return as_sentence(actor_name(actor), keep=(actor,))

    @staticmethod
    def _is_draft(field: _Field, previous: Any, row: Any) -> bool:
        """A text field the user is typing in, holding text not yet stored: someone else's
        change to the same row (a team workspace's live refresh) must not wipe it out."""
        widget = field.widget
        if previous is None or row is None or getattr(previous, "id", None) != row.id:
            return False
        if not isinstance(widget, QLineEdit | QPlainTextEdit) or not widget.hasFocus():
            return False
        stored = getattr(previous, field.field)
        return bool(field.get() != (stored or ""))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        locked = read_only or self.document.read_only
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                # Read-only rather than disabled: a signed plan's text stays legible; on the
                # window's colour rather than the white of an input, so it does not invite typing.
                widget.setReadOnly(locked)
                widget.setPalette(_read_only_palette(widget) if locked else QPalette())
            else:
                widget.setEnabled(not locked)

    def missing(self) -> list[str]:
        if self.row is None:
            return []
        return [
            in_running_text(f.label)
            for f in self.fields.values()
            if f.required and is_empty(getattr(self.row, f.field))
        ]

    def _mark(self, field: _Field) -> None:
        empty = self.row is not None and field.required and is_empty(getattr(self.row, field.field))
        target = field.widget
        if isinstance(target, DateField):
            target = target.line
        target.setStyleSheet(MISSING_STYLE if empty else "")
        target.setToolTip(f"{field.label} is missing" if empty else "")

    def _commit(self, name: str) -> None:
        field = self.fields[name]
        if self.row is None or self.read_only:
            return
        target = field.widget.line if isinstance(field.widget, DateField) else field.widget
        if isinstance(field.widget, DateField) and (problem := field.widget.error()):
            # Keep what was typed, marked, and say why it was not stored, next to it.
            show_field_error(target, f"{field.label} not changed: {problem}")
            return
        clear_field_error(target)
        value = field.get()
        if isinstance(value, str):
            value = value.strip()
        current = getattr(self.row, name)
        if isinstance(current, list):
            current = [str(v) for v in current]
        if value == current:
            _forget_typing(field.widget)
            return
        try:
            self.document.run(
                update_entity,
                kind_name=self.kind_name,
                entity_id=self.row.id,
                values={name: value},
                expected_version=self.row.version,
            )
            _forget_typing(field.widget)
        except ConflictError as exc:
            # Another writer changed the row first: the document has reloaded, the form
            # shows their values (the page refilled it), and the banner says whose.
            self.errorOccurred.emit(str(exc))
        except PlannerError as exc:
            if isinstance(field.widget, QLineEdit | QPlainTextEdit):
                # Keep what was typed (it may be long), marked, with the reason next to it.
                field.widget.setStyleSheet(INVALID_STYLE)
                field.widget.setToolTip(str(exc))
                show_field_error(field.widget, str(exc))
                return
            self.set_row(self.row)
            self.errorOccurred.emit(str(exc))

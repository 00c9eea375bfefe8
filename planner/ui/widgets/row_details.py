"""The fields of a table's selected row that do not fit beside its other columns.

A page is about 390 px wide at 1366x768: a table of eight columns scrolled sideways there,
so a user could not see a signal's threshold beside its metric. The table keeps the columns
that identify a row; this box under it shows and edits the rest of the selected row, with
the same operations (one undo step a field) as every other form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from planner.domain.registry import kind
from planner.domain.values import NAME_LENGTH
from planner.domain.wording import in_running_text, listed
from planner.ui.models.entity_table_model import (
    BOOL,
    DATE,
    ENUM,
    FLOAT,
    INT,
    PERSON,
    TEAM,
    Column,
)
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.workspace_document import WorkspaceDocument


def _is_long_text(kind_name: str, field: str) -> bool:
    """Whether a text field holds more than a line (a description, not a name)."""
    info = kind(kind_name).fields.model_fields.get(field)
    limits = [getattr(m, "max_length", None) for m in info.metadata] if info is not None else []
    longest = max((n for n in limits if n is not None), default=NAME_LENGTH)
    return longest > NAME_LENGTH


def _add_field(form: EntityForm, kind_name: str, column: Column) -> None:
    field, title, required = column.field, column.title, column.required
    if column.kind == ENUM and column.enum is not None:
        form.add_enum(field, title, column.enum)
    elif column.kind == PERSON:
        form.add_person(field, title, required=required)
    elif column.kind == TEAM:
        form.add_team(field, title, required=required)
    elif column.kind == DATE:
        form.add_date(field, title, required=required)
    elif column.kind == INT:
        form.add_int(field, title, maximum=int(column.maximum), required=required)
    elif column.kind == FLOAT:
        form.add_float(field, title, minimum=column.minimum, maximum=column.maximum)
    elif column.kind == BOOL:
        form.add_bool(field, title)
    elif _is_long_text(kind_name, field):
        form.add_long_text(field, title, required=required)
    else:
        form.add_text(field, title, required=required)


class RowDetails(QGroupBox):
    """A form over the selected row's remaining fields, or a hint naming them."""

    errorOccurred = Signal(str)

    def __init__(
        self,
        document: WorkspaceDocument,
        kind_name: str,
        columns: Sequence[Column],
        parent: QWidget | None = None,
    ) -> None:
        noun = in_running_text(kind(kind_name).label)
        super().__init__(f"The selected {noun}", parent)
        self.setObjectName(f"{kind_name}_details")
        self.form = EntityForm(document, kind_name, self)
        for column in columns:
            _add_field(self.form, kind_name, column)
        self.form.put_labels_above()  # as on the pages' other forms: one column, aligned
        self.form.errorOccurred.connect(self.errorOccurred)
        # "Response (min)" is "response" in a sentence: the unit is on the field's label.
        titles = [in_running_text(c.title.split(" (")[0]) for c in columns]
        self.hint = QLabel(f"Select a {noun} above to see its {listed(titles)}.", self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666666; font-style: italic;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.form)
        self.show_row(None)

    def show_row(self, row: Any) -> None:
        """Fill the form from ``row`` (None: nothing selected, show the hint)."""
        self.form.set_row(row)
        self.form.setVisible(row is not None)
        self.hint.setVisible(row is None)

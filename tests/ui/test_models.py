"""The table models behind the editor pages: Qt's model contract, display and edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.domain.enums import DocumentStatus, DocumentType
from planner.store.plan_loader import load_plan
from planner.ui.models.entity_table_model import (
    COLUMN_ROLE,
    MISSING_BRUSH,
    Column,
    EntityTableModel,
)
from planner.ui.models.raci_table_model import RaciTableModel
from planner.ui.pages.documentation_page import DOCUMENT_COLUMNS
from planner.ui.workspace_document import WorkspaceDocument


@pytest.fixture
def document(demo_ws, qtbot):
    return WorkspaceDocument(demo_ws)


@pytest.fixture
def system(document):
    return document.plan.system_named("Payment Anomaly Watch")


def test_entity_model_passes_the_model_tester(qtmodeltester, document, system):
    model = EntityTableModel(document, "document", DOCUMENT_COLUMNS)
    model.set_rows(system.documents)
    assert model.rowCount() == len(system.documents) > 0
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_entity_model_shows_labels_names_and_missing_cells(document):
    # The demo's Claims Triage still lacks its DPIA: no owner, no location.
    system = document.plan.system_named("Claims Triage")
    model = EntityTableModel(document, "document", DOCUMENT_COLUMNS)
    model.set_rows(system.documents)
    type_column = model.column_of("doc_type")
    owner_column = model.column_of("owner_id")
    row = next(i for i, r in enumerate(model.rows()) if r.doc_type == DocumentType.DPIA)
    assert model.index(row, type_column).data() == "DPIA"
    assert model.index(row, type_column).data(Qt.ItemDataRole.EditRole) == "dpia"
    assert isinstance(model.index(row, 0).data(COLUMN_ROLE), Column)
    owner = model.index(row, owner_column)
    assert owner.data() == ""
    assert owner.data(Qt.ItemDataRole.BackgroundRole) == MISSING_BRUSH
    assert model.missing_fields() == ["Owner", "Location"]
    named = next(r for r in range(model.rowCount()) if model.row_at(r).owner_id is not None)
    person = document.plan.people[model.row_at(named).owner_id]
    assert model.index(named, owner_column).data() == person.name
    assert model.index(named, owner_column).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(row, 0).data(Qt.ItemDataRole.UserRole + 99) is None


def test_entity_model_edit_goes_through_the_document(document, system):
    model = EntityTableModel(document, "document", DOCUMENT_COLUMNS)
    model.set_rows(system.documents)
    reset = []
    model.modelReset.connect(lambda: reset.append(True))
    document.changed.connect(lambda _c: model.set_rows(document.plan.systems[system.id].documents))
    status = model.column_of("status")
    assert model.setData(model.index(0, status), DocumentStatus.APPROVED.value)
    assert model.index(0, status).data() == "Approved"
    assert reset == []  # an edit updates cells in place
    stored = load_plan(document.ws).systems[system.id].documents[0]
    assert stored.status == "approved"
    document.undo_stack.undo()
    assert load_plan(document.ws).systems[system.id].documents[0].status != "approved"


def test_entity_model_reports_refused_edits(document, system):
    model = EntityTableModel(document, "document", DOCUMENT_COLUMNS)
    model.set_rows(system.documents)
    errors = []
    model.errorOccurred.connect(errors.append)
    assert not model.setData(model.index(0, model.column_of("title")), "")
    assert errors
    assert "title" in errors[0].lower()


def test_entity_model_sorts_inside(document):
    columns = (Column("name", "Name"), Column("title", "Title"))
    model = EntityTableModel(document, "person", columns)
    model.set_rows(list(document.plan.people.values()))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_raci_model_passes_the_model_tester(qtmodeltester, document):
    system = document.plan.system_named("Claims Triage")
    model = RaciTableModel(document)
    model.set_system(system)
    assert model.rowCount() == len(document.plan.activities)
    assert model.columnCount() > 0
    qtmodeltester.check(model)
    model.set_system(None)
    qtmodeltester.check(model)


def test_raci_letters_are_dark_on_their_light_tints_in_any_palette(document):
    """The tints are light in every palette, so the letter on them is always dark."""
    from PySide6.QtCore import Qt

    model = RaciTableModel(document)
    model.set_system(document.plan.system_named("Claims Triage"))
    lettered = [
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.data(model.index(r, c))
    ]
    assert lettered
    for index in lettered:
        background = model.data(index, Qt.ItemDataRole.BackgroundRole).color()
        text = model.data(index, Qt.ItemDataRole.ForegroundRole)
        assert text is not None, model.data(index)
        assert background.lightness() - text.color().lightness() > 150


def test_an_activity_without_accountable_stays_readable_on_a_dark_palette(document):
    """Its red row header must stand out from a dark header as much as from a light one."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    model = RaciTableModel(document)
    model.set_system(document.plan.system_named("Claims Triage"))
    row = next(
        r
        for r in range(model.rowCount())
        if model.headerData(r, Qt.Orientation.Vertical) in model.activities_without("A")
    )
    app = QGuiApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Button):
        dark.setColor(role, QColor("#2b2d30"))
    app.setPalette(dark)
    try:
        red = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)
        header = app.palette().color(QPalette.ColorRole.Button)
        assert red.color().lightness() - header.lightness() > 90
    finally:
        app.setPalette(before)
    red = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)
    assert red.color().name() == "#a01818"


def test_a_row_table_model_shows_its_columns_and_hands_out_its_rows(qtmodeltester, qtbot):
    from planner.ui.models.row_table_model import ROW_ROLE, ColumnSpec, RowTableModel

    class Lengths(RowTableModel[str]):
        def cell_data(self, row, column, role):
            return f"{row}!" if role == Qt.ItemDataRole.ToolTipRole else None

    model = Lengths((ColumnSpec("Word", str), ColumnSpec("Letters", lambda w: str(len(w)))))
    qtmodeltester.check(model)
    model.set_rows(iter(["claims", "ops"]))
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "Word",
        "Letters",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    cell = model.index(1, 1)
    assert (cell.data(), cell.data(ROW_ROLE), cell.data(Qt.ItemDataRole.ToolTipRole)) == (
        "3",
        "ops",
        "ops!",
    )
    assert cell.data(Qt.ItemDataRole.FontRole) is None
    assert (model.rows, model.row(2), model.row(-1)) == (("claims", "ops"), None, None)

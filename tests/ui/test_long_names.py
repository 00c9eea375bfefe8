"""Long user text never widens the window: pickers and columns elide, the full text in a tip."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from planner.operations import delete_entity, update_entity

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]

LONG = "Maximiliana " + "Wolfeschlegelsteinhausenbergerdorff " * 4 + "of the Data Office"


def _visit_every_page(window: Any) -> None:
    for key in window.editor.pages:
        window.editor.show_page(key)
        QApplication.processEvents()


def test_a_very_long_person_name_does_not_widen_the_window(window: Any) -> None:
    assert len(LONG) > 150
    person = next(iter(window.document.plan.people.values()))
    window.document.run(
        update_entity, kind_name="person", entity_id=person.id, values={"name": LONG}
    )
    _visit_every_page(window)
    QApplication.processEvents()
    for key, page in window.editor.pages.items():
        assert page.sizeHint().width() < 1000, key
    ownership = window.editor.pages["ownership"]
    window.editor.show_page("ownership")
    combos = [c for c in window.editor.findChildren(QComboBox) if c.findText(LONG) >= 0]
    assert combos, "the long name is offered in the pickers"
    for combo in combos:
        assert combo.sizeHint().width() < 500
        row = combo.findText(LONG)
        assert combo.itemData(row, Qt.ItemDataRole.ToolTipRole) == LONG
    model = ownership.model
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == LONG:
            header = ownership.view.horizontalHeader()
            assert header.sectionSize(column) < 400
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            assert tip == LONG
    window.document.run(delete_entity, kind_name="person", entity_id=person.id)
    _visit_every_page(window)
    QApplication.processEvents()
    for key, page in window.editor.pages.items():
        assert page.sizeHint().width() < 1000, key

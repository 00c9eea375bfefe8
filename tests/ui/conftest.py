"""Fixtures for GUI tests: the demo as a document, and the system editor on a page."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.ui.pages.system_editor import SystemEditor
from planner.ui.workspace_document import WorkspaceDocument


@pytest.fixture
def document(demo_ws):
    return WorkspaceDocument(demo_ws)


@pytest.fixture
def open_editor(document, qtbot) -> Callable[..., SystemEditor]:
    """Show the editor on a demo system (and a page), as the main window would."""

    def open_on(system_name: str, page: str | None = None) -> SystemEditor:
        widget = SystemEditor(document)
        widget.set_tracker(document.tracker)  # the page list and the pages read its findings
        qtbot.addWidget(widget)
        widget.resize(1200, 800)
        widget.show()
        qtbot.waitExposed(widget)
        widget.set_system(document.plan.system_named(system_name).id)
        if page is not None:
            widget.show_page(page)
        return widget

    return open_on


@pytest.fixture
def colleague(request, demo_ws):
    """A second writer on the document's workspace (see tests/writers.py)."""
    from writers import another_writer

    with another_writer(request, demo_ws) as other:
        yield other

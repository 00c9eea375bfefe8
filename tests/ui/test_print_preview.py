"""The preview pane of the PDF dialog and File > Print pack, printing to a PDF printer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from main_window_fixtures import (
    _demo_original,
    demo_path,
    make_window,
    window,
    window_settings,
)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def _wait_for_preview(qtbot: Any, dialog: Any) -> None:
    qtbot.waitUntil(lambda: dialog.preview_path is not None, timeout=60_000)


def test_preview_shows_every_page_of_the_pack(qtbot: Any, window: Any) -> None:
    dialog = window.files.export_pdf()
    assert dialog.preview.page_count == 0
    assert not dialog.print_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    _wait_for_preview(qtbot, dialog)
    expected = len(PdfReader(dialog.preview_path).pages)
    assert expected > 1
    assert dialog.preview.page_count == expected
    assert f"Preview: {expected} pages" in dialog.status.text()
    assert 0 in dialog.preview.rendered_pages  # the first page is painted, not a blank box
    assert dialog.print_button.isEnabled()
    # Choosing something else makes the preview stale: Print must not print the old one.
    dialog.portfolio_choice.click()
    assert dialog.preview_path is None
    assert not dialog.print_button.isEnabled()
    assert dialog.preview.page_count == 0
    dialog.reject()


def test_preview_renders_pages_as_they_scroll_into_view(qtbot: Any, window: Any) -> None:
    dialog = window.files.export_pdf()
    dialog.portfolio_choice.click()
    dialog.show()
    dialog.start_preview()
    _wait_for_preview(qtbot, dialog)
    last = dialog.preview.page_count - 1
    assert last not in dialog.preview.rendered_pages
    scroll = dialog.preview.verticalScrollBar()
    # The scroll range follows the pages once the pane has laid them out (a posted event).
    # Every page is taller than the pane, so the range is at least this once laid out.
    height = dialog.preview.viewport().height()
    qtbot.waitUntil(lambda: scroll.maximum() > height * last)
    scroll.setValue(scroll.maximum())
    assert last in dialog.preview.rendered_pages
    dialog.reject()


def test_print_pack_prints_page_range_and_copies(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "printed.pdf"
    asked: list[tuple[int, int]] = []

    def accept(dialog: QPrintDialog) -> int:
        """What a user does in the print dialog: a PDF printer, pages 2-3, two copies."""
        asked.append((dialog.minPage(), dialog.maxPage()))
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        printer.setCopyCount(2)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.print_action.trigger()
    dialog = window.findChild(QDialog, "export_pdf_dialog")
    assert dialog.windowTitle() == "Print"
    _wait_for_preview(qtbot, dialog)
    assert dialog.print_button.isDefault()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked == [(1, dialog.preview.page_count)]
    assert len(PdfReader(target).pages) == 4  # pages 2 and 3, twice
    assert "Sent 4 pages" in dialog.status.text()
    dialog.reject()


def test_print_everything_when_no_range_is_chosen(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dialog = window.files.export_pdf()
    dialog.oncall_choice.click()
    dialog.start_preview()
    _wait_for_preview(qtbot, dialog)
    target = tmp_path / "cards.pdf"
    sent = dialog.print_preview(pdf_printer(target), ask=False)
    printed = PdfReader(target)
    assert sent == len(printed.pages) == dialog.preview.page_count
    # The printed page carries the picture of the pack page, not a blank sheet.
    assert printed.pages[0].images
    dialog.reject()


def test_cancelled_print_dialog_prints_nothing(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected.value)
    dialog = window.print_pack()
    _wait_for_preview(qtbot, dialog)
    assert dialog.print_preview() == 0
    dialog.reject()


def test_closing_the_dialog_removes_the_preview_file(qtbot: Any, window: Any) -> None:
    dialog = window.print_pack()
    _wait_for_preview(qtbot, dialog)
    rendered = dialog.preview_path
    assert rendered.exists()
    dialog.reject()
    assert not rendered.exists()


def test_page_sequence_follows_collate_and_reverse() -> None:
    from planner.ui.widgets.pdf_preview import page_sequence

    assert page_sequence(2, 3, copies=2, collate=True, reverse=False) == [1, 2, 1, 2]
    assert page_sequence(2, 3, copies=2, collate=False, reverse=False) == [1, 1, 2, 2]
    assert page_sequence(1, 3, copies=1, collate=True, reverse=True) == [2, 1, 0]
    assert page_sequence(3, 2, copies=1, collate=True, reverse=False) == []


def test_the_progress_bar_shows_only_while_work_runs(qtbot: Any, window: Any) -> None:
    """Idle, an empty progress bar reads as an empty text field with no label."""
    dialog = window.files.export_pdf()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.progress.isVisible()
    top = dialog.status.mapTo(dialog, dialog.status.rect().topLeft()).y()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible()
    _wait_for_preview(qtbot, dialog)
    assert not dialog.progress.isVisible()
    # Its room is kept, so the status line under it does not jump.
    assert dialog.status.mapTo(dialog, dialog.status.rect().topLeft()).y() == top

"""A PDF shown page under page as it will print, and printing it through QPrinter.

Pages are rendered with pypdfium2 (PDFium), only when they scroll into view, so a
140-page portfolio opens as fast as a two-page card. pypdfium2 was chosen over QtPdf
because the QtPdf binding (the PySide6_Pdf wheel) must match the Qt version exactly and
is not in pyside6-essentials, while pypdfium2 is one self-contained wheel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

# Rasterising for a printer above this gains nothing visible and costs memory per page.
MAX_PRINT_DPI = 300
PAGE_GAP = 12


def render_page(document: Any, index: int, scale: float) -> QImage:
    """Page ``index`` of a pypdfium2 document as a QImage, ``scale`` pixels per point."""
    bitmap = document[index].render(
        scale=scale, force_bitmap_format=pdfium_raw.FPDFBitmap_BGRx, rev_byteorder=True
    )
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # the bitmap's buffer goes away with the bitmap


def page_sequence(first: int, last: int, *, copies: int, collate: bool, reverse: bool) -> list[int]:
    """The page indexes (0-based) to send for pages ``first``..``last`` (1-based):
    collated copies run 1 2 3 1 2 3, uncollated 1 1 2 2 3 3; reversed, last page first."""
    pages = list(range(first - 1, last))
    if reverse:
        pages.reverse()
    if collate:
        return pages * copies
    return [page for page in pages for _ in range(copies)]


def print_pdf(
    path: Path, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """Print the PDF at ``path`` on ``printer`` (its page range and copies); pages sent.

    Each page is rasterised at the printer's resolution (at most MAX_PRINT_DPI) and fitted
    to the printable area, keeping its proportions.
    """
    document = pypdfium2.PdfDocument(str(path))
    try:
        count = len(document)
        first, last = printer.fromPage(), printer.toPage()
        if first == 0 and last == 0:
            first, last = 1, count
        first, last = max(1, first), min(count, last)
        # A printer that makes copies itself (CUPS) gets one; a PDF printer gets them all.
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        sequence = page_sequence(
            first,
            last,
            copies=copies,
            collate=printer.collateCopies(),
            reverse=printer.pageOrder() == QPrinter.PageOrder.LastPageFirst,
        )
        if not sequence:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            for n, index in enumerate(sequence):
                if n:
                    printer.newPage()
                image = render_page(document, index, dpi / 72)
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                # Painter coordinates start at the printable area's corner; centre across.
                left = (target.width() - size.width()) // 2
                painter.drawImage(QRect(left, 0, size.width(), size.height()), image)
                if progress is not None:
                    progress(n + 1, len(sequence))
        finally:
            painter.end()
        return len(sequence)
    finally:
        document.close()


class PdfPreview(QScrollArea):
    """The pages of one PDF file, one under another, fitted to the pane's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setAccessibleName("Preview of the pages")
        self.setWidgetResizable(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._document: Any = None
        self._sizes: list[tuple[float, float]] = []  # page sizes in points
        self._spans: list[tuple[int, int]] = []  # each page's top and bottom, in pixels
        self._labels: list[QLabel] = []
        self._rendered: set[int] = set()
        self._pages = QWidget()
        self._column = QVBoxLayout(self._pages)
        self._column.setSpacing(PAGE_GAP)
        self._column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column.addWidget(self.message)
        self.setWidget(self._pages)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    @property
    def page_count(self) -> int:
        return len(self._labels)

    @property
    def rendered_pages(self) -> set[int]:
        return set(self._rendered)

    def show_message(self, text: str) -> None:
        """Empty the pane and say why (nothing previewed yet, rendering, failed)."""
        self._close_document()
        self.message.setText(text)
        self.message.show()

    def show_pdf(self, path: Path) -> int:
        """Show the file's pages; returns how many there are."""
        self._close_document()
        self._document = pypdfium2.PdfDocument(str(path))
        self._sizes = [self._document[i].get_size() for i in range(len(self._document))]
        self.message.hide()
        for number in range(1, len(self._sizes) + 1):
            label = QLabel()
            label.setAccessibleName(f"Page {number} of {len(self._sizes)}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAutoFillBackground(True)
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
            label.setPalette(palette)
            self._column.addWidget(label)
            self._labels.append(label)
        self._layout_pages()
        return len(self._labels)

    def _close_document(self) -> None:
        for label in self._labels:
            self._column.removeWidget(label)
            label.deleteLater()
        self._labels.clear()
        self._rendered.clear()
        self._sizes = []
        if self._document is not None:
            self._document.close()
            self._document = None

    def _scale(self) -> float:
        """Pixels per point that make the widest page fit the pane's width."""
        widest = max((w for w, _h in self._sizes), default=1.0)
        room = self.viewport().width() - 2 * PAGE_GAP
        return max(room, 100) / widest

    def _layout_pages(self) -> None:
        scale = self._scale()
        # Where each page starts, computed rather than read from the labels: their geometry
        # is only settled once the scroll area has handled its posted layout request.
        top = self._column.contentsMargins().top()
        self._spans = []
        for label, (width, height) in zip(self._labels, self._sizes, strict=True):
            size = QSize(round(width * scale), round(height * scale))
            label.setFixedSize(size)
            label.clear()
            self._spans.append((top, top + size.height()))
            top += size.height() + PAGE_GAP
        self._rendered.clear()
        self._render_visible()

    def _render_visible(self) -> None:
        if self._document is None:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        scale = self._scale() * self.devicePixelRatioF()
        for index, label in enumerate(self._labels):
            start, end = self._spans[index]
            if index in self._rendered or end < top or start > bottom:
                continue
            image = render_page(self._document, index, scale)
            image.setDevicePixelRatio(self.devicePixelRatioF())
            label.setPixmap(QPixmap.fromImage(image))
            self._rendered.add(index)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._document is not None:
            self._layout_pages()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._render_visible()

    def _on_scrolled(self, _value: int) -> None:
        self._render_visible()

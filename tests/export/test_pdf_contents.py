"""The contents page: page numbers on their entry's baseline, joined to it by dot leaders."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdf_workspaces import render

CONTENTS_PAGE = 1  # 0-based: the page after the cover


@pytest.fixture(scope="module")
def contents(demo_path: Path) -> pdfium.PdfPage:
    data, _ = render(demo_path, kind="pack", systems=["Claims Triage"])
    return pdfium.PdfDocument(data)[CONTENTS_PAGE]


def _baselines(page: pdfium.PdfPage) -> list[tuple[str, float, float]]:
    """(character, x, baseline y) of every character on the page."""
    text = page.get_textpage()
    out = []
    for index in range(text.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, index, ctypes.byref(x), ctypes.byref(y))
        out.append((chr(pdfium_c.FPDFText_GetUnicode(text.raw, index)), x.value, y.value))
    return out


def test_page_numbers_sit_on_their_entrys_baseline(contents: pdfium.PdfPage) -> None:
    chars = _baselines(contents)
    width = contents.get_width()
    numbers = [(x, y) for ch, x, y in chars if ch.isdigit() and x > width - 120]
    letters = [y for ch, x, y in chars if ch.isalpha() and 60 < x < width - 150]
    assert len(numbers) >= 13  # one page number per section at least
    for _x, y in numbers:
        assert min(abs(y - other) for other in letters) < 0.3, y


def test_entries_are_joined_to_their_page_numbers_by_dot_leaders(
    contents: pdfium.PdfPage,
) -> None:
    dotted = [
        obj
        for obj in contents.get_objects()
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetDashCount(obj.raw) > 0
    ]
    assert len(dotted) >= 13
    text = contents.get_textpage().get_text_range()
    assert "1. Document control" in text
    assert "...." not in text

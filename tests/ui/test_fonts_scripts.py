"""The app carries a font for every script the PDFs print, so names show on any machine."""

from __future__ import annotations

from typing import Any

import pytest

SAMPLES = {
    "Noto Sans Arabic": "مرحبا",
    "Noto Sans Hebrew": "שלום",
    "Noto Sans Devanagari": "नमस्ते",
    "Noto Sans Thai": "สวัสดี",
    "Symbola": "🚀✅☎",
}


@pytest.mark.parametrize(("family", "sample"), SAMPLES.items())
def test_each_script_font_is_registered_and_has_the_glyphs(
    qapp: Any, family: str, sample: str
) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from planner.ui.fonts import register_fonts

    assert family in register_fonts()
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in sample)

"""Fonts for the PDF packs, and turning user text into safe, script-aware Paragraph markup."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from planner.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CJK = "DroidSansFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}

# A pack never prints more of one field than this: a runbook with a 1 MB purpose statement
# would be 300 pages of one paragraph, and laying that out costs seconds per pass.
MAX_FIELD_CHARS = 20_000

# reportlab keeps fonts in process-wide registries; the GUI exports on a worker thread.
_lock = threading.Lock()

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Everything below U+0020 except tab and newline, and the Unicode non-characters: they
# have no glyph and some make reportlab's XML parser stop.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    with _lock:
        for name, filename in _FILES.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # <b> inside a Paragraph picks the bold face; the CJK face has no bold.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        addMapping(CJK, 0, 0, CJK)
        addMapping(CJK, 1, 0, CJK)
        addMapping(CJK, 0, 1, CJK)
        addMapping(CJK, 1, 1, CJK)


@cache
def _covered() -> frozenset[int]:
    """Code points the Latin/Greek/Cyrillic/Arabic/Hebrew face has glyphs for."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


@cache
def _cjk_covered() -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(CJK)
    return frozenset(font.face.charToGlyph)


def clip(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return (
        f"{text[:limit]} … [{len(text) - limit:,} more characters not printed; see the workspace]"
    )


def clean(text: str) -> str:
    """Text without control characters, in composed form (fewer glyph look-ups fail)."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def visual(line: str) -> str:
    """One line of text in display order: Arabic shaped, right-to-left runs reversed."""
    if not _RTL.search(line):
        return line
    return str(get_display(arabic_reshaper.reshape(line)))


def plain(text: object, limit: int = MAX_FIELD_CHARS) -> str:
    """A value as clean display text for canvas drawing (no markup involved)."""
    return " ".join(visual(line) for line in clean(clip(str(text), limit)).splitlines())


def _runs(line: str) -> str:
    """Escape a line and wrap the characters only the CJK face has in a <font> tag.

    reportlab has no per-glyph fallback, so a run of Chinese in DejaVu prints as boxes.
    """
    covered = _covered()
    if all(ord(ch) in covered for ch in line):
        return escape(line)
    cjk = _cjk_covered()
    out: list[str] = []
    run: list[str] = []
    run_is_cjk = False
    for ch in line:
        code = ord(ch)
        is_cjk = code not in covered and code in cjk
        if is_cjk != run_is_cjk and run:
            out.append(_wrap("".join(run), run_is_cjk))
            run = []
        run_is_cjk = is_cjk
        run.append(ch)
    if run:
        out.append(_wrap("".join(run), run_is_cjk))
    return "".join(out)


def _wrap(text: str, is_cjk: bool) -> str:
    return f'<font face="{CJK}">{escape(text)}</font>' if is_cjk else escape(text)


class Markup(str):
    """Paragraph markup that is already safe: built by ``markup`` or ``join``, never by hand."""

    __slots__ = ()


def join(*parts: object, sep: str = "") -> Markup:
    """Pieces of user text side by side, each put in display order on its own.

    An Arabic name followed by "(+49 30 1234)" must not become one right-to-left run,
    which would print the phone number's groups backwards.
    """
    return Markup(markup(sep).join(markup(part) for part in parts if part not in (None, "")))


def markup(text: object, limit: int = MAX_FIELD_CHARS) -> str:
    """User text as Paragraph markup that can only ever be text.

    Every character that reportlab's parser reads as markup is escaped, so ``<a href>``,
    ``<font>``, ``&amp;`` and friends print verbatim.
    """
    if text is None:
        return ""
    if isinstance(text, Markup):
        return str(text)
    value = clean(clip(str(text), limit))
    return "<br/>".join(_runs(visual(line)) for line in value.split("\n"))


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def fits_plain(text: str, width: float, *, size: float) -> str | None:
    """``text`` ready to draw as a plain string if it is one short line that fits ``width``.

    None when it needs a Paragraph: too long, several lines, right-to-left or CJK runs,
    or characters that need cleaning.
    """
    if len(text) > 40 or _CONTROL.search(text) or "\n" in text or _RTL.search(text):
        return None
    covered = _covered()
    if not all(ord(ch) in covered for ch in text):
        return None
    if pdfmetrics.stringWidth(text, REGULAR, size) > width:
        return None
    return text


def _font_runs(text: str, bold: bool) -> list[tuple[str, str]]:
    """(font name, text) pieces of a display line, CJK runs in the fallback face."""
    covered = _covered()
    base = BOLD if bold else REGULAR
    if all(ord(ch) in covered for ch in text):
        return [(base, text)]
    cjk = _cjk_covered()
    runs: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        font = CJK if code not in covered and code in cjk else base
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    return float(sum(pdfmetrics.stringWidth(t, f, size) for f, t in _font_runs(text, bold)))


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points."""
    if text_width(text, size, bold=bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", size, bold=bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


def draw_text(
    canv: object,
    x: float,
    y: float,
    text: object,
    *,
    size: float,
    bold: bool = False,
    align: str = "left",
    max_width: float | None = None,
) -> float:
    """Draw one line of user text on a canvas (header, footer, cover); return its width."""
    line = plain(text, 2_000)
    if max_width is not None:
        line = fit(line, size, max_width, bold=bold)
    width = text_width(line, size, bold=bold)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for font, chunk in _font_runs(line, bold):
        canv.setFont(font, size)  # type: ignore[attr-defined]
        canv.drawString(x, y, chunk)  # type: ignore[attr-defined]
        x += pdfmetrics.stringWidth(chunk, font, size)
    return width

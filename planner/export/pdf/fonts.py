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
HANGUL = "NanumGothic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
}

# Faces tried, in order, for a character DejaVu Sans has no glyph for. Droid Sans Fallback
# covers Chinese, Japanese and more, but not the Hangul syllables, hence NanumGothic.
# Neither has a bold face: bold maps to the regular one.
FALLBACKS = (CJK, HANGUL)

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
        # <b> inside a Paragraph picks the bold face; the fallback faces have no bold.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        for face in FALLBACKS:
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(face, bold, italic, face)


@cache
def _covered() -> frozenset[int]:
    """Code points the Latin/Greek/Cyrillic/Arabic/Hebrew face has glyphs for."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    return frozenset(font.face.charToGlyph)


@cache
def _fallback_covered() -> tuple[tuple[str, frozenset[int]], ...]:
    """(face, code points it has glyphs for) for each fallback face, in order of preference."""
    register_fonts()
    return tuple((face, frozenset(pdfmetrics.getFont(face).face.charToGlyph)) for face in FALLBACKS)


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


def _faces(text: str) -> list[tuple[str | None, str]]:
    """``text`` split into (fallback face or None for the main face, text) runs."""
    covered = _covered()
    fallbacks = _fallback_covered()
    runs: list[tuple[str | None, str]] = []
    run: list[str] = []
    run_face: str | None = None
    for ch in text:
        code = ord(ch)
        face = None
        if code not in covered:
            # The first fallback with a glyph; none: the main face (a box, as before).
            face = next((name for name, has in fallbacks if code in has), None)
        if face != run_face and run:
            runs.append((run_face, "".join(run)))
            run = []
        run_face = face
        run.append(ch)
    if run:
        runs.append((run_face, "".join(run)))
    return runs


def _runs(line: str) -> str:
    """Escape a line and wrap the characters only a fallback face has in a <font> tag.

    reportlab has no per-glyph fallback, so a run of Chinese in DejaVu prints as boxes.
    """
    covered = _covered()
    if all(ord(ch) in covered for ch in line):
        return escape(line)
    return "".join(_wrap(chunk, face) for face, chunk in _faces(line))


def _wrap(text: str, face: str | None) -> str:
    return f'<font face="{face}">{escape(text)}</font>' if face else escape(text)


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
    """(font name, text) pieces of a display line, runs DejaVu lacks in a fallback face."""
    covered = _covered()
    base = BOLD if bold else REGULAR
    if all(ord(ch) in covered for ch in text):
        return [(base, text)]
    return [(face or base, chunk) for face, chunk in _faces(text)]


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

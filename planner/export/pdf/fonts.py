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
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from planner.export.pdf.shaping import COMPLEX, RTL_LETTER, base_right_to_left, glyph_text
from planner.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CJK = "DroidSansFallback"
HANGUL = "NanumGothic"
ARABIC = "NotoSansArabic"
HEBREW = "NotoSansHebrew"
DEVANAGARI = "NotoSansDevanagari"
THAI = "NotoSansThai"
SYMBOLS = "Symbola"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    SYMBOLS: "Symbola.ttf",
}

# Faces registered shapable: a paragraph (layout.Para) shapes their runs with HarfBuzz
# when it draws a line, for joined Arabic, Devanagari conjuncts and vowel signs, Thai
# marks and right-to-left glyph order. See shaping.py.
SHAPED = frozenset({ARABIC, HEBREW, DEVANAGARI, THAI})

# Scripts that always take their own face, even where DejaVu has glyphs (it has Arabic
# and Hebrew letters, but unshaped runs print disjoined and backwards).
_SCRIPT_FACES = (
    (re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"), ARABIC),
    (re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"), HEBREW),
    (re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]"), DEVANAGARI),
    (re.compile("[\u0e00-\u0e7f]"), THAI),
)
# After a letter of a shaped script these stay in its run, if its face has them: Noto
# Sans Hebrew has no comma, and a comma in it printed as a box.
_NEUTRAL = frozenset(" \u00a0,.;:!?'\"()-\u060c\u061b\u061f\u05be\u200c\u200d")

# Faces tried, in order, for a character DejaVu Sans has no glyph for. Droid Sans Fallback
# covers Chinese, Japanese and more, but not the Hangul syllables, hence NanumGothic;
# Symbola has monochrome emoji and symbols. None has a bold face: bold maps to regular.
FALLBACKS = (CJK, HANGUL, SYMBOLS)

# A pack never prints more of one field than this: a runbook with a 1 MB purpose statement
# would be 300 pages of one paragraph, and laying that out costs seconds per pass.
MAX_FIELD_CHARS = 20_000

# reportlab keeps fonts in process-wide registries; the GUI exports on a worker thread.
_lock = threading.Lock()

# A tag of Paragraph markup (user text in it is escaped, so "<" starts only tags).
_TAG = re.compile("<[^>]*>")
# Everything below U+0020 except tab and newline, and the Unicode non-characters: they
# have no glyph and some make reportlab's XML parser stop.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters past U+FFFF written as UTF-16 pairs and
    shaped glyphs mapped to what the user typed.

    reportlab writes U+1F680 as <1F680>, which no reader can parse, so emoji vanished from
    the text layer (search, copy, screen readers); and it maps a joined Arabic letter to
    its presentation form. See ``glyph_text``.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo\n<< /Registry ({fontname})\n/Ordering ({fontname})\n/Supplement 0\n>> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        f"1 begincodespacerange\n<00> <{len(subset) - 1:02X}>\nendcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(glyph_text(v))}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process)."""
    with _lock:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        for name, filename in _FILES.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                path = str(resource_path("fonts", filename))
                pdfmetrics.registerFont(TTFont(name, path, shapable=name in SHAPED))
        # <b> inside a Paragraph picks the bold face; the fallback faces have no bold.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        for face in (*FALLBACKS, *SHAPED):
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
def _covered_text() -> frozenset[str]:
    """The characters of ``_covered`` as strings, so a whole line is checked in one call."""
    return frozenset(map(chr, _covered()))


def in_main_face(text: str) -> bool:
    """Whether the main face has a glyph for every character of ``text``.

    Asked for nearly every cell and line of a pack: a set test in C, where a loop over
    the characters was a tenth of the time spent outside reportlab.
    """
    return _covered_text().issuperset(text)


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
    if not RTL_LETTER.search(line):
        return line
    return str(get_display(arabic_reshaper.reshape(line)))


def plain(text: object, limit: int = MAX_FIELD_CHARS) -> str:
    """A value as clean display text for canvas drawing (no markup involved)."""
    return " ".join(visual(line) for line in clean(clip(str(text), limit)).splitlines())


@cache
def _face_covers(face: str) -> frozenset[int]:
    """Code points ``face`` has glyphs for."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(face).face.charToGlyph)


def _script_face(ch: str) -> str | None:
    for pattern, face in _SCRIPT_FACES:
        if pattern.match(ch):
            return face
    return None


def _faces(text: str) -> list[tuple[str | None, str]]:
    """``text`` split into (face, or None for the main face, text) runs."""
    covered = _covered()
    fallbacks = _fallback_covered()
    runs: list[tuple[str | None, str]] = []
    run: list[str] = []
    run_face: str | None = None
    for ch in text:
        code = ord(ch)
        face = _script_face(ch)
        if (
            face is None
            and run_face in SHAPED
            and ch in _NEUTRAL
            and code in _face_covers(run_face)
        ):
            face = run_face
        elif face is None and code not in covered:
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
    if not COMPLEX.search(line) and in_main_face(line):
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
    which would print the phone number's groups backwards; each part is its own run.
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
    value = keep_together(clean(clip(str(text), limit)))
    # Logical order: reportlab breaks the lines; Para shapes and orders them as it draws.
    return "<br/>".join(_runs(line) for line in value.split("\n"))


# Phone numbers ("+44 20 7946 0039", "(030) 1234-567") and their like: digit groups
# separated by spaces, never broken across lines.
_NUMBER = re.compile(r"\+?\(?\d[\d ()./-]{4,}\d")


def keep_together(text: str) -> str:
    """``text`` with the spaces inside phone numbers made non-breaking."""
    if " " not in text or not any(ch.isdigit() for ch in text):
        return text
    return _NUMBER.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


# Long identifiers (addresses, paths, time zones, links) may break after one of these.
_AFTER_SEPARATOR = re.compile(r"(?<=[/.@-])(?=[^/.@-])")
_SEPARATOR = re.compile(r"[/.@-]")
_SPACES = re.compile(r"([^\S\u00a0]+)")


def identifier_parts(piece: str) -> list[str]:
    """``piece`` cut after each run of ``/ . @ -``: "Europe/" "Stockholm"; [piece] if none.

    Only a piece with a letter in it is an identifier: a date (2026-12-06) or a phone
    number (+44-20-7946) is never cut.
    """
    if not _SEPARATOR.search(piece) or not any(ch.isalpha() for ch in piece):
        return [piece]
    return [part for part in _AFTER_SEPARATOR.split(piece) if part]


def break_identifiers(text: str, width: float, *, size: float, bold: bool = False) -> str:
    """``text`` with a line break put after a separator in each piece wider than ``width``.

    reportlab breaks a word that is wider than its line anywhere ("Europe/Stockhol/m",
    "person38@meridian.exam/ple"); cut here, such a piece breaks only after ``/ . @ -``,
    as few times as the width allows. Ordinary words, dates and numbers are left alone.
    """
    if width <= 0 or not _SEPARATOR.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        pieces = _SPACES.split(line)
        for index in range(0, len(pieces), 2):
            parts = identifier_parts(pieces[index])
            if len(parts) > 1 and text_width(pieces[index], size, bold=bold) > width:
                pieces[index] = _fill(parts, width, size, bold)
        lines.append("".join(pieces))
    return "\n".join(lines)


def _fill(parts: list[str], width: float, size: float, bold: bool) -> str:
    """Parts joined into as few lines of at most ``width`` as they go (greedy)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        if current and text_width(current + part, size, bold=bold) > width:
            lines.append(current)
            current = part
        else:
            current += part
    lines.append(current)
    return "\n".join(lines)


def right_to_left(text: object) -> bool:
    """Whether text (or markup) reads right to left, as its paragraph will: align it right."""
    return base_right_to_left(_TAG.sub("", str(text or "")))


def fits_plain(text: str, width: float, *, size: float) -> str | None:
    """``text`` ready to draw as a plain string if it is one short line that fits ``width``.

    None when it needs a Paragraph: too long, several lines, right-to-left or CJK runs,
    or characters that need cleaning.
    """
    if len(text) > 40 or _CONTROL.search(text) or "\n" in text or COMPLEX.search(text):
        return None
    if not in_main_face(text):
        return None
    if pdfmetrics.stringWidth(text, REGULAR, size) > width:
        return None
    return text


def _font_runs(text: str, bold: bool) -> list[tuple[str, str]]:
    """(font name, text) pieces of a display line, runs DejaVu lacks in a fallback face."""
    base = BOLD if bold else REGULAR
    if in_main_face(text):
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

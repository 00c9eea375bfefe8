"""Laid-out paragraph lines made ready to draw: complex scripts shaped, runs in display order.

reportlab shapes with HarfBuzz only when the paragraph's own font is shapable, and then
shapes every word with the font of its first fragment: a word such as "(+49" that starts
in the Arabic face and ends in DejaVu came out as glyphs of the wrong font. Our
paragraphs are set in DejaVu, so nothing was shaped at all: Arabic printed unjoined,
Devanagari with its vowel signs in the wrong place, and Hebrew and Arabic letters left to
right. reportlab also orders the words of a right-to-left line only through ``rlbidi``,
which is not published, and never in a paragraph that mixes fonts.

So reportlab breaks the lines (measuring unshaped words, close enough) and keeps them in
logical order, and just before a line is drawn this module
- shapes each run of a word that is in a shapable face, one font at a time: HarfBuzz
  puts a right-to-left word's glyphs in display order and picks joined forms, conjuncts
  and mark positions; the run is drawn in an ActualText span that gives readers the
  characters typed (search and copy);
- reorders the line's runs by the Unicode bidi algorithm (rules L2 and L4 of UAX #9),
  so a line reads right to left, a phone number keeps its digits in order, a bracket
  in a right-to-left run faces the right way, and a long paragraph still reads top to
  bottom;
- corrects the line's spare width for what shaping changed, so right-aligned text ends
  at the margin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from bidi.algorithm import (
    MIRRORED,
    explicit_embed_and_overrides,
    get_embedding_levels,
    get_empty_storage,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.textobject import PDFTextObject

# reportlab's fragment kinds: a line holds text and may end in a <br/>; anything else
# (an inline image) leaves the line as it was laid out.
from reportlab.platypus.paragraph import _FK_BREAK as _BREAK
from reportlab.platypus.paragraph import _FK_TEXT as _TEXT
from reportlab.platypus.paragraph import FragLine, ParaLines

# A Hebrew or Arabic letter (or presentation form): the cheap test before any reordering.
RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# Text that needs shaping or reordering before it is drawn.
COMPLEX = re.compile(
    "[\u0590-\u08ff\u0900-\u097f\u0e00-\u0e7f\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufeff]"
)

# One character of each bidi class stands for a whole run when the levels are resolved.
_STAND_IN = {"L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "AN": "\u0661"}
_NEUTRAL = "!"
_RIGHT_TO_LEFT_STAND_INS = frozenset({_STAND_IN["R"], _STAND_IN["AL"]})

# The cluster reportlab gives a plain character appended to a shaped string (_sdSimple).
_PLAIN = 0x7FFFFFFF

Piece = tuple[Any, str]  # (reportlab fragment, its text: str or ShapedStr)


def base_right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: more of its letters are right-to-left.

    The bidi algorithm takes the first letter (rules P2 and P3), but the packs are in
    English: "أحمد الفارسي is the only target of level 2" is an English sentence that
    starts with a name, and laid out right to left it began at the right margin with
    "is the only target of level 2".
    """
    if not RTL_LETTER.search(text):
        return False
    balance = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            balance += 1
        elif kind == "L":
            balance -= 1
    return balance > 0


def display_order(words: Sequence[str], *, right_to_left: bool) -> list[int]:
    """Indices of ``words`` (one line, logical order) in the order they are drawn, left first."""
    stand_ins = " ".join(_stand_in(word) for word in words)  # a space between words
    order = _reorder(_levels(stand_ins, right_to_left))
    return [index // 2 for index in order if index % 2 == 0]


def _levels(stand_ins: Sequence[str], right_to_left: bool) -> list[int]:
    """The embedding level of each run of a line, from one stand-in character per run."""
    storage = get_empty_storage()
    storage["base_level"] = int(right_to_left)
    storage["base_dir"] = "R" if right_to_left else "L"
    get_embedding_levels("".join(stand_ins), storage)
    explicit_embed_and_overrides(storage)
    resolve_weak_types(storage)
    resolve_neutral_types(storage, False)
    resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def _stand_in(run: str) -> str:
    """The character whose bidi class a run takes: its first strong letter, else a digit,
    else a space if it is all spaces, else a neutral."""
    if run.isspace():
        return " "
    number = None
    for ch in run:
        kind = unicodedata.bidirectional(ch)
        if kind in ("L", "R", "AL"):
            return _STAND_IN[kind]
        if number is None and kind in ("EN", "AN"):
            number = _STAND_IN[kind]
    return number or _NEUTRAL


def _reorder(levels: list[int]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run of
    characters at that level or above."""
    order = list(range(len(levels)))
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        start = 0
        while start < len(order):
            if levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[start:end] = order[start:end][::-1]
            start = end
    return order


def display_lines(para: Any, *, right_to_left: bool) -> Any:
    """A copy of reportlab's laid-out ``para`` (ParaLines) with every line ready to draw."""
    lines = para.lines if para.kind == 1 else _frag_lines(para)
    return ParaLines(kind=1, lines=[_display_line(line, right_to_left) for line in lines])


def _frag_lines(para: Any) -> list[Any]:
    """A one-font paragraph's lines (lists of plain words) as lines of one fragment each:
    a shaped word keeps its glyph data only inside a fragment."""
    frag = para.clone()
    for attribute in ("lines", "kind"):
        frag.__dict__.pop(attribute, None)
    lines = []
    for extra, words in para.lines:
        copy = frag.clone()
        copy.text = " ".join(words)
        lines.append(
            FragLine(
                extraSpace=extra,
                wordCount=len(words),
                lineBreak=False,
                words=[copy],
                fontSize=para.fontSize,
                ascent=para.ascent,
                descent=para.descent,
            )
        )
    return lines


def _display_line(line: Any, right_to_left: bool) -> Any:
    """``line`` with its shapable runs shaped and all its runs in display order."""
    frags = list(line.words)
    tail = [frags.pop()] if frags and _kind(frags[-1]) == _BREAK else []
    if any(_kind(frag) != _TEXT for frag in frags):
        return line
    if not any(COMPLEX.search(frag.text) for frag in frags):
        return line
    logical = _runs(frags)
    runs = [(frag, _shaped(frag, text)) for frag, text in logical]
    if any(RTL_LETTER.search(text) for _, text in logical):
        # Classes from the characters typed: a shaped run's glyph codes may be private.
        levels = _levels([_stand_in(text) for _, text in logical], right_to_left)
        runs = [_at_level(runs[i], levels[i]) for i in _reorder(levels)]
    out = _fragments(runs)
    spare = line.extraSpace + _line_width(frags) - _line_width(out)
    return line.clone(words=[*out, *tail], extraSpace=spare)


def _kind(frag: Any) -> int:
    return int(getattr(frag, "_fkind", _TEXT))  # a one-font paragraph's fragment has none


def _runs(frags: list[Any]) -> list[Piece]:
    """The line as (fragment, text) runs in logical order: each fragment's words and the
    spaces between them apart, and no spaces at the ends (rule L1 leaves them be)."""
    runs: list[Piece] = []
    for frag in frags:
        text = frag.text
        start = 0
        while start < len(text):
            space = text[start] == " "
            end = start
            while end < len(text) and (text[end] == " ") == space:
                end += 1
            runs.append((frag, text[start:end]))
            start = end
    while runs and runs[-1][1].isspace():
        runs.pop()
    while runs and runs[0][1].isspace():
        runs.pop(0)
    return runs


def _at_level(run: Piece, level: int) -> Piece:
    """Rule L4 for an unshaped run drawn right to left: its characters reversed, brackets
    mirrored. HarfBuzz has done both for a shaped run."""
    frag, text = run
    if level % 2 == 0 or isinstance(text, Spoken) or not text:
        return run
    return frag, "".join(MIRRORED.get(ch, ch) for ch in reversed(text))


def _shaped(frag: Any, text: str) -> str:
    """``text`` shaped by HarfBuzz in ``frag``'s font, if that face is shapable and the
    text needs it (its glyphs then in display order, knowing their characters)."""
    if isinstance(text, ShapedStr) or not COMPLEX.search(text):
        return text
    if not pdfmetrics.getFont(frag.fontName).shapable:
        return text
    # Forced: a word HarfBuzz leaves as it is ("דוד") is still a span of its own.
    result = shapeStr(text, frag.fontName, frag.fontSize, force=True)
    # Readers take a span's text as they take glyphs, in drawing order, and put
    # right-to-left runs back in reading order themselves.
    right_to_left = _stand_in(text) in _RIGHT_TO_LEFT_STAND_INS
    return Spoken(result, text[::-1] if right_to_left else text)


def glyph_text(code: int) -> str:
    """What a PDF reader without ActualText should extract for a glyph drawn as ``code``:
    a joined Arabic or Hebrew form (a presentation form in the font's cmap) stands for
    its letters."""
    if 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return unicodedata.normalize("NFKC", chr(code))
    return chr(code)


class Spoken(ShapedStr):  # type: ignore[misc]  # reportlab is untyped
    """Shaped glyphs that carry the characters they were shaped from (``actual``).

    The glyphs alone cannot give the text back: a conjunct has no character, a vowel
    sign is drawn before its consonant, a right-to-left word runs backwards. Drawn
    inside an ActualText span (see ``TextObject``), search and copy get what was typed.
    """

    actual: str

    def __new__(cls, shaped: ShapedStr, actual: str) -> Spoken:
        self: Spoken = super().__new__(cls, str(shaped), shapeData=shaped.__shapeData__)
        self.actual = actual
        return self


class TextObject(PDFTextObject):  # type: ignore[misc]  # reportlab is untyped
    """A text object that wraps shaped words in ActualText spans."""

    def _formatText(self, text: str) -> str:  # noqa: N802  # reportlab's name
        code: str = super()._formatText(text)
        if not isinstance(text, Spoken):
            return code
        return f"/Span <</ActualText <FEFF{text.actual.encode('utf-16-be').hex()}>>> BDC {code} EMC"


def _fragments(runs: list[Piece]) -> list[Any]:
    """Runs as fragments again, neighbours of one fragment merged; a shaped run stays a
    fragment of its own, drawn as one span that knows its characters."""
    merged: list[Piece] = []
    for frag, text in runs:
        previous = merged[-1] if merged else None
        shaped = isinstance(text, Spoken) or (previous and isinstance(previous[1], Spoken))
        if previous and previous[0] is frag and not shaped:
            merged[-1] = (frag, previous[1] + text)
        else:
            merged.append((frag, text))
    out = []
    for frag, text in merged:
        copy = frag.clone()
        copy.text = text
        out.append(copy)
    return out


def _line_width(frags: list[Any]) -> float:
    """How far a line's fragments advance, not counting spaces at its end."""
    total = 0.0
    for index, frag in enumerate(frags):
        text = frag.text
        if index == len(frags) - 1:
            text = text[: len(text.rstrip(" "))]  # a slice keeps a ShapedStr's glyph data
        total += _width(frag, text)
    return total


def _width(frag: Any, text: str) -> float:
    """How far ``text`` advances: HarfBuzz's advances for shaped glyphs, else the font's."""
    if not isinstance(text, ShapedStr):
        return float(pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize))
    width = 0.0
    for ch, data in zip(text, text.__shapeData__, strict=True):
        if data.cluster == _PLAIN:
            width += pdfmetrics.stringWidth(ch, frag.fontName, frag.fontSize)
        else:
            width += data.x_advance * frag.fontSize / 1000
    return width

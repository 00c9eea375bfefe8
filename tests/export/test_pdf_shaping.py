"""Complex scripts on the page: shaped by HarfBuzz, right-to-left lines in reading order.

The text layer alone cannot show these defects: PDF readers put right-to-left runs back
in reading order themselves, so a pack that drew "דוד כהן" as "כהן דוד", or each Hebrew
word's letters left to right, still extracted as the right words. These tests look at
where glyphs and words are drawn.
"""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib import colors
from reportlab.platypus import SimpleDocTemplate

from planner.export.pdf import fonts, styles
from planner.export.pdf.layout import Para


def _pdf(*texts: str, width: float | None = None) -> pdfium.PdfPage:
    fonts.register_fonts()
    body = styles.stylesheet(colors.blue)["body"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer)
    if width is not None:
        doc.leftMargin = doc.rightMargin = (doc.pagesize[0] - width) / 2
    doc.build([Para(fonts.markup(text), body) for text in texts])
    return pdfium.PdfDocument(buffer.getvalue())[0]


def _drawn(page: pdfium.PdfPage) -> list[list[str]]:
    """The page's lines, top first, each as the texts of its text objects (a run of text
    drawn in one go) from left to right.

    Where a run is drawn is the point; its text only names it, and pdfium gives that text
    in an order of its own (":Owner" for "Owner:" on a line with Hebrew). Compare runs
    with ``same``.
    """
    textpage = page.get_textpage()
    runs = []
    for obj in page.get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
        buffer = (ctypes.c_ushort * size)()
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
        text = bytes(buffer).decode("utf-16-le").rstrip("\x00").strip()
        left, bottom, _, top = obj.get_bounds()
        if text:
            runs.append(((top + bottom) / 2, left, text))
    lines: list[list[tuple[float, str]]] = []
    middle = None
    for centre, left, text in sorted(runs, reverse=True):
        if middle is None or middle - centre > 4:  # glyphs of one line differ in height
            lines.append([])
            middle = centre
        lines[-1].append((left, text))
    return [[text for _, text in sorted(line)] for line in lines]


def _letters(text: str) -> list[str]:
    return sorted(text.replace("\xa0", "").replace(" ", ""))


def same(drawn: list[str], expected: list[str]) -> bool:
    """Whether the runs drawn are the expected ones, in that order."""
    return [_letters(run) for run in drawn] == [_letters(run) for run in expected]


def _runs_left_to_right(page: pdfium.PdfPage) -> list[str]:
    return [run for line in _drawn(page) for run in line]


def _ink_columns(page: pdfium.PdfPage) -> list[tuple[int, int]]:
    """(start, width) in pixels of each run of columns with ink in them, left to right."""
    bitmap = page.render(scale=4, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    inked = [any(data[y * stride + x] < 128 for y in range(height)) for x in range(width)]
    runs, start = [], None
    for x, ink in enumerate([*inked, False]):
        if ink and start is None:
            start = x
        elif not ink and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


def test_a_right_to_left_name_is_drawn_first_word_rightmost() -> None:
    assert same(_runs_left_to_right(_pdf("דוד כהן")), ["כהן", "דוד"])
    assert same(_runs_left_to_right(_pdf("أحمد الفارسي")), ["الفارسي", "أحمد"])


def test_right_to_left_names_inside_an_english_sentence_keep_their_own_order() -> None:
    page = _pdf("Owner: דוד כהן and أحمد الفارسي (+49 30 1234) by phone at any hour")
    # The number follows the Arabic name (rule W2 makes it Arabic), so it stands to its
    # left, as in any bidi-aware viewer; its digits still run left to right.
    assert same(
        _runs_left_to_right(page),
        ["Owner:", "כהן", "דוד", "and", "(+49 30 1234)", "الفارسي", "أحمد", "by phone at any hour"],
    )


def test_each_line_of_a_long_right_to_left_paragraph_reads_right_to_left_top_down() -> None:
    count = ("واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
    words = list(count * 3)
    lines = _drawn(_pdf(" ".join(words), width=150))
    assert len(lines) >= 3
    # Read each line right to left, the lines top down: the words as they were written.
    assert same([run for line in lines for run in reversed(line)], words)


def test_the_letters_of_a_hebrew_or_arabic_word_run_right_to_left() -> None:
    # Alef is wider than bet, and alef is narrower than dal: the first letter is on the right.
    alef_bet = _ink_columns(_pdf("אב"))
    bet_alef = _ink_columns(_pdf("בא"))
    assert [w for _, w in alef_bet] == [w for _, w in reversed(bet_alef)]
    assert alef_bet[-1][1] == _ink_columns(_pdf("א"))[0][1]
    alef_dal = _ink_columns(_pdf("اد"))
    assert alef_dal[-1][1] == _ink_columns(_pdf("ا"))[0][1]
    assert alef_dal[0][1] == _ink_columns(_pdf("د"))[0][1]


def _ink_width(text: str) -> int:
    columns = _ink_columns(_pdf(text))
    return columns[-1][0] + columns[-1][1] - columns[0][0]


def test_devanagari_is_shaped_and_the_text_layer_keeps_what_was_typed() -> None:
    # Shaped, "क्ष" is one conjunct glyph, no wider than "क" alone; unshaped it printed as
    # "क", a dangling virama and "ष", twice as wide.
    assert _ink_width("क्ष") < _ink_width("क")
    assert _ink_width("क्ष\nक्ष") == _ink_width("क्ष")  # and on a line after a line break
    # The glyphs differ from the characters; the span tells readers what was typed.
    page = _pdf("क्षत्रिय कि")
    assert same(_runs_left_to_right(page), ["क्षत्रिय", "कि"])
    textpage = page.get_textpage()
    assert textpage.search("क्षत्रिय").get_next() is not None


@pytest.mark.parametrize("word", ["أحمد", "الفارسي", "כהן", "क्षत्रिय", "สวัสดี"])
def test_search_finds_shaped_words(word: str) -> None:
    page = _pdf("Owner: أحمد الفارسي, כהן, क्षत्रिय, สวัสดีชาวโลก")
    assert page.get_textpage().search(word).get_next() is not None, word


def test_numbers_in_a_right_to_left_line_keep_their_digits_in_order() -> None:
    from planner.export.pdf.shaping import display_order

    # Rule W/N of the bidi algorithm: two numbers in a Hebrew sentence are separate runs,
    # each left to right, placed right to left.
    assert display_order(["מספר", "12", "34", "ועוד"], right_to_left=True) == [3, 2, 1, 0]
    assert display_order(["Version", "2", "של", "המערכת"], right_to_left=False) == [0, 1, 3, 2]
    assert display_order(["שלום", "API", "v2", "עולם"], right_to_left=True) == [3, 1, 2, 0]


def test_a_joined_arabic_form_reads_as_its_letter() -> None:
    from planner.export.pdf.shaping import glyph_text

    assert glyph_text(0xFEE0) == "\u0644"  # lam, medial form
    assert glyph_text(0xFEFB) == "\u0644\u0627"  # lam-alef ligature
    assert glyph_text(ord("a")) == "a"


def test_an_english_sentence_that_starts_with_an_arabic_name_reads_left_to_right() -> None:
    from planner.export.pdf.fonts import right_to_left

    sentence = "أحمد الفارسي is the only target of level 2"
    assert same(
        _runs_left_to_right(_pdf(sentence)),
        ["الفارسي", "أحمد", "is the only target of level 2"],
    )
    assert not right_to_left(sentence)  # nor is it aligned right
    assert right_to_left("يستخدم النظام GPT-4 للتلخيص")  # Arabic naming a product


def test_a_paragraph_split_across_pages_is_shaped_on_both() -> None:
    # reportlab builds the second half of a split paragraph from the first's lines: they
    # must still be unshaped and in logical order then, or it would reorder them twice.
    fonts.register_fonts()
    body = styles.stylesheet(colors.blue)["body"]
    buffer = io.BytesIO()
    words = ["שלום", "עולם", "ירושלים", "क्षत्रिय"] * 600  # mostly Hebrew: right to left
    SimpleDocTemplate(buffer).build([Para(fonts.markup(" ".join(words)), body)])
    pages = list(pdfium.PdfDocument(buffer.getvalue()))
    assert len(pages) >= 2
    for page in pages:
        assert page.get_textpage().search("क्षत्रिय").get_next() is not None
        lines = _drawn(page)
        # Right to left, line by line, page by page: each line read from the right
        # starts where the one above ended (the four words repeat in order).
        read = [run for line in lines for run in reversed(line)]
        cycle = [_letters(word) for word in ("שלום", "עולם", "ירושלים", "क्षत्रिय")]
        start = cycle.index(_letters(read[0]))
        assert [_letters(run) for run in read] == [cycle[(start + i) % 4] for i in range(len(read))]

"""User text in a pack: every script prints, markup-looking text stays text, links are safe."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pytest
from pdf_workspaces import (
    ARABIC,
    CJK,
    CYRILLIC,
    DATE,
    DEVANAGARI,
    EMOJI,
    GREEK,
    HEBREW,
    HOSTILE,
    LATIN,
    THAI,
    Built,
    render,
)
from pypdf import PdfReader

from planner.export.pdf.fonts import markup


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf(hostile: Built) -> bytes:
    return render(hostile.path, kind="pack")[0]


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def search(pdf: bytes) -> Callable[[str], bool]:
    """Whether a PDF reader's search (pdfium's) finds a text on some page of the pack.

    Shaped words (Devanagari conjuncts, joined Arabic) are drawn as glyphs that are not
    the characters typed, inside ActualText spans that give readers the characters:
    pdfium honours those, as viewers do; pypdf's text extraction does not.
    """
    import pypdfium2 as pdfium

    pages = [page.get_textpage() for page in pdfium.PdfDocument(pdf)]
    return lambda text: any(page.search(text).get_next() is not None for page in pages)


@pytest.mark.parametrize("sample", [LATIN, GREEK, CYRILLIC, CJK, DEVANAGARI, THAI])
def test_left_to_right_scripts_print_with_their_real_characters(
    search: Callable[[str], bool], sample: str
) -> None:
    # Devanagari and Thai are shaped by HarfBuzz; the text layer still holds the
    # characters the user typed, conjuncts and marks included.
    for word in sample.split():
        assert search(word), word


def test_emoji_past_u_ffff_are_in_the_text_layer(text: str) -> None:
    # Written to the ToUnicode map as UTF-16 pairs (pdfium's search does not take them).
    assert EMOJI.replace(" ", "") in text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("sample", [ARABIC, HEBREW])
def test_right_to_left_scripts_are_found_as_real_letters(
    search: Callable[[str], bool], text: str, sample: str
) -> None:
    # Each word as typed, in reading order (where the words are drawn: test_pdf_shaping);
    # and joined Arabic forms are not extracted as presentation forms.
    for word in sample.split():
        assert search(word), word
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text)


COUNT = ("واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")


def test_a_right_to_left_paragraph_aligns_right(demo_plan: object) -> None:
    # Its lines read right to left, top down: see test_pdf_shaping, which looks at where
    # the words are drawn (a text layer cannot tell).
    from planner.export.pdf.kit import Kit

    kit = Kit(demo_plan, date=DATE, actor="t")  # type: ignore[arg-type]
    assert kit.p(" ".join(COUNT * 4)).style.alignment == 2  # TA_RIGHT


def test_people_in_every_script_can_be_found(search: Callable[[str], bool], hostile: Built) -> None:
    for name in (*hostile.people, *hostile.teams):
        for word in name.split():
            assert search(word), (name, word)


def test_markup_looking_text_is_printed_verbatim(text: str, hostile: Built) -> None:
    flat = squash(text)
    assert squash(HOSTILE) in flat
    assert squash(hostile.system) in flat
    assert squash("Ωmega & Söhne <GmbH>") in flat
    assert squash("queue <#1> & more") in flat


def test_markup_is_escaped_before_reportlab_sees_it() -> None:
    assert markup("J&C <b>x</b>") == "J&amp;C &lt;b&gt;x&lt;/b&gt;"
    assert markup("a\nb") == "a<br/>b"
    assert markup("中文 text").startswith('<font face="DroidSansFallback">中文</font>')
    assert markup("\x00\x07bell") == "bell"


def test_cjk_font_is_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    names = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DroidSansFallback" in name for name in names)
    assert any("DejaVuSans" in name for name in names)


def test_only_web_mail_and_file_locations_become_links(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    uris = [
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    assert 'https://wiki.example.org/run?a=1&b=<2>"x"' in uris
    assert "file:///srv/docs/model card.pdf" in uris
    assert not any(str(uri).startswith("javascript") for uri in uris)


def test_the_long_word_and_the_huge_field_are_printed_and_clipped(text: str) -> None:
    assert "W" * 60 in squash(text)
    assert "more characters not printed; see the workspace" in text
    assert re.search(r"9\d\d,\d{3} more characters", text)


def test_hostile_pack_is_deterministic(hostile: Built, pdf: bytes) -> None:
    assert render(hostile.path, kind="pack")[0] == pdf

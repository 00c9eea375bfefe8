"""User text in a pack: every script prints, markup-looking text stays text, links are safe."""

from __future__ import annotations

import io
import re
import unicodedata

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


@pytest.mark.parametrize("sample", [LATIN, GREEK, CYRILLIC, CJK, DEVANAGARI, THAI, EMOJI])
def test_left_to_right_scripts_print_with_their_real_characters(text: str, sample: str) -> None:
    # Devanagari and Thai are shaped by HarfBuzz; the text layer still holds the
    # characters the user typed (conjuncts and marks included), and emoji past U+FFFF too.
    assert sample.replace(" ", "") in text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("sample", [ARABIC, HEBREW])
def test_right_to_left_scripts_are_drawn_right_to_left_as_real_letters(
    text: str, sample: str
) -> None:
    # Glyphs are drawn in display order, so the text layer read left to right holds the
    # sample reversed, as letters (not Arabic presentation forms) that search can find.
    assert squash(sample[::-1]) in squash(text)
    assert not any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text)


COUNT = ("واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")


def test_a_long_right_to_left_paragraph_reads_top_down_and_aligns_right(demo_plan: object) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from planner.export.pdf.kit import Kit

    words = list(COUNT * 4)
    sentence = " ".join(words)
    kit = Kit(demo_plan, date=DATE, actor="t")  # type: ignore[arg-type]
    paragraph = kit.p(sentence)
    assert paragraph.style.alignment == 2  # TA_RIGHT
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([paragraph])
    lines = [ln for ln in PdfReader(buffer).pages[0].extract_text().splitlines() if ln.strip()]
    assert len(lines) >= 2
    # Line one, read right to left, starts with the first word; the last line ends the text.
    assert lines[0][::-1].strip().startswith(words[0])
    assert lines[-1][::-1].strip().endswith(words[-1])


def as_drawn(name: str) -> str:
    """A name as its glyphs lie on the page, left to right (right-to-left names reversed)."""
    from planner.export.pdf.fonts import right_to_left

    return name[::-1] if right_to_left(name) else name


def test_people_in_every_script_are_listed(text: str, hostile: Built) -> None:
    flat = squash(text)
    for name in hostile.people:
        assert squash(as_drawn(name)) in flat, name
    for team in hostile.teams:
        assert squash(as_drawn(team)) in flat, team


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

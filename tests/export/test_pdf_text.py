"""User text in a pack: every script prints, markup-looking text stays text, links are safe."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pdf_workspaces import ARABIC, CJK, CYRILLIC, GREEK, HEBREW, HOSTILE, LATIN, Built, render
from pypdf import PdfReader

from planner.export.pdf.fonts import markup, visual


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def pdf(hostile: Built) -> bytes:
    return render(hostile.path, kind="pack")[0]


@pytest.fixture(scope="module")
def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("sample", [LATIN, GREEK, CYRILLIC, CJK])
def test_left_to_right_scripts_print(text: str, sample: str) -> None:
    assert squash(sample) in squash(text)


@pytest.mark.parametrize("sample", [ARABIC, HEBREW])
def test_right_to_left_scripts_are_shaped_and_ordered(text: str, sample: str) -> None:
    # The page holds glyphs in display order (Arabic in its joined presentation forms).
    # pypdf puts right-to-left runs back into reading order and NFKC folds the forms back
    # to letters, so the sample comes back only if the page had it right to left.
    assert squash(sample) in squash(text)
    assert squash(visual(sample)) not in squash(text)
    if sample == ARABIC:
        assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text), "Arabic was not shaped"


def test_people_in_every_script_are_listed(text: str, hostile: Built) -> None:
    flat = squash(text)
    for name in hostile.people:
        assert squash(name) in flat, name
    for team in hostile.teams:
        assert squash(team) in flat, team


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

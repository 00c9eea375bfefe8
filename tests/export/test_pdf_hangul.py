"""Korean text prints in NanumGothic: Droid Sans Fallback has no Hangul syllables."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdf_workspaces import render
from pypdf import PdfReader

from planner.export.pdf.fonts import CJK, HANGUL, markup

NAME = "김민준"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from planner.operations import add_system, assign_raci, create_entity
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import create_workspace

    path: Path = tmp_path_factory.mktemp("hangul") / "hangul.handover"
    ws = create_workspace(path, actor="tester")
    try:
        system_id = add_system(ws, name="Invoice Capture", template="document_extraction").first_id(
            "system"
        )
        person_id = create_entity(
            ws,
            kind_name="person",
            values={"name": NAME, "email": "minjun@example.org", "timezone": "Asia/Seoul"},
        ).first_id("person")
        assert system_id is not None
        assert person_id is not None
        plan = load_plan(ws)
        assign_raci(
            ws,
            system_id=system_id,
            activity_id=plan.activities[0].id,
            role="A",
            person_id=person_id,
        )
    finally:
        ws.close()
    return render(path, kind="pack")[0]


def test_korean_name_is_extracted(pdf: bytes) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert NAME in text


def test_nanum_font_is_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    names = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(HANGUL in name for name in names), names


def test_each_character_takes_the_first_fallback_that_has_it() -> None:
    assert markup(f"{NAME} 中文 x") == (
        f'<font face="{HANGUL}">{NAME}</font> <font face="{CJK}">中文</font> x'
    )
    assert markup(f"<b>{NAME}</b>") == f'&lt;b&gt;<font face="{HANGUL}">{NAME}</font>&lt;/b&gt;'

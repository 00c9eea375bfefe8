"""What an auditor checks on a printed pack: who, when, which version, which content."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import DATE, render
from pypdf import PdfReader

SYSTEM = "Claims Triage"


@pytest.fixture(scope="module")
def pack(demo_path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(render(demo_path, kind="pack", systems=[SYSTEM])[0]))


def test_metadata_carries_export_date_author_and_plan_version(
    pack: PdfReader, demo_plan: Any
) -> None:
    info = pack.metadata
    assert info is not None
    assert info.get("/CreationDate", "").startswith(f"D:{DATE:%Y%m%d}")
    assert info.get("/Author") == "tester"
    assert f"plan version #{demo_plan.audit_seq}" in info.get("/Subject", "")


def test_every_page_footer_names_plan_version_and_content_hash(
    pack: PdfReader, demo_plan: Any
) -> None:
    from planner.domain.plan_hash import plan_hash

    digest = plan_hash(demo_plan, demo_plan.system_named(SYSTEM))[:12]
    for page in pack.pages:
        text = page.extract_text()
        assert f"plan #{demo_plan.audit_seq}" in text
        assert digest in text


def test_bookmarks_open_and_language_is_set(pack: PdfReader) -> None:
    root = pack.trailer["/Root"]
    assert root.get("/PageMode") == "/UseOutlines"
    assert str(root.get("/Lang")) == "en"


def test_no_raw_field_names_in_print(demo_path: Path, tmp_path: Path) -> None:
    from planner.export.pdf.audit import audit_summary

    assert "signed_hash" not in audit_summary(None, '{"signed_hash": "x", "signed_on": "y"}')
    assert (
        audit_summary(None, '{"signed_hash": "x", "signed_on": "y"}') == "(signed hash, signed on)"
    )


def test_emails_and_phones_are_links(pack: PdfReader) -> None:
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in pack.pages
        for annot in page.get("/Annots", []) or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    assert any(str(u).startswith("mailto:") for u in uris)
    assert any(str(u).startswith("tel:+") for u in uris)


def test_dates_and_scores_are_not_phone_links() -> None:
    from planner.export.pdf.kit import _PHONE

    for text in ("2026-11-30", "40 / 100", "#6", "1.2.3"):
        assert not _PHONE.fullmatch(text)
    for text in ("+44 20 7946 0039", "030 1234 5678", "+1 (555) 010-9999"):
        assert _PHONE.fullmatch(text)


def test_a_pack_exported_without_a_name_never_says_by_nobody(demo_path: Path) -> None:
    from planner.analysis import analyse
    from planner.export.pdf.export import render_pdf
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(demo_path, read_only=True) as ws:
        plan = load_plan(ws)
    data, _ = render_pdf(
        plan, systems=[SYSTEM], date=DATE, actor="", analysis=analyse(plan, today=DATE)
    )
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert f"on {DATE.isoformat()}. The most recent" in text  # no "by ." with no name
    assert "by ." not in text


def test_the_apps_placeholder_name_is_not_printed_as_the_exporter(demo_plan: Any) -> None:
    # The app exports as the workspace's actor, which is "unknown" when no name is set
    # anywhere: the cover printed "Exported by: unknown", the gap the issue asked to close.
    from planner.domain.wording import UNNAMED_ACTOR
    from planner.export.pdf.kit import EXPORTED_BY_NOT_SET, Kit

    kit = Kit(demo_plan, date=DATE, actor=UNNAMED_ACTOR)
    assert kit.exported_by == EXPORTED_BY_NOT_SET
    assert kit.actor == ""  # nor the PDF's author, nor "by unknown" in document control

"""A system's handover pack from the demo: contents, order, outline, fonts, metadata, bytes."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import DATE, render
from pypdf import PdfReader

SYSTEM = "Claims Triage"
SECTIONS = [
    "1. Document control",
    "2. Summary",
    "3. Readiness",
    "4. Ownership (RACI)",
    "5. Support path",
    "6. Escalation chains",
    "7. Contacts",
    "8. Documentation register",
    "9. Retraining, monitoring, review and governance",
    "10. Baselines and readiness criteria",
    "11. Standards",
    "12. Open action items",
    "13. Sign-off",
]


def squash(text: str) -> str:
    """Text without whitespace: wrapping and extraction may split or join lines anywhere."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pack(demo_path: Path) -> tuple[bytes, int]:
    return render(demo_path, kind="pack", systems=[SYSTEM])


@pytest.fixture(scope="module")
def reader(pack: tuple[bytes, int]) -> PdfReader:
    return PdfReader(io.BytesIO(pack[0]))


@pytest.fixture(scope="module")
def pages(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def section_text(pages: list[str], reader: PdfReader, title: str) -> str:
    """The text from a section's first page up to the next section's first page."""
    marks = [(t, p) for d, t, p in outline(reader) if d == 0]
    index = [t for t, _ in marks].index(title)
    start = marks[index][1]
    end = marks[index + 1][1] if index + 1 < len(marks) else len(pages)
    text = "\n".join(pages[start - 1 : end])
    begin = text.index(title)
    following = marks[index + 1][0] if index + 1 < len(marks) else None
    stop = text.find(following, begin) if following else -1
    return text[begin : stop if stop > 0 else None]


def test_page_x_of_y_on_every_page(pages: list[str], pack: tuple[bytes, int]) -> None:
    total = pack[1]
    assert total == len(pages) > 8
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of\s*{total}\b", text)


def test_outline_has_cover_contents_and_every_section(reader: PdfReader) -> None:
    marks = outline(reader)
    top = [title for depth, title, _ in marks if depth == 0]
    assert top == ["Cover", "Contents", *SECTIONS]
    nested = [title for depth, title, _ in marks if depth == 1]
    assert nested[:3] == ["SEV1 (critical)", "SEV2 (high)", "SEV3 (medium)"]


def test_bookmarks_point_at_their_pages(reader: PdfReader, pages: list[str]) -> None:
    for depth, title, page in outline(reader):
        if depth == 0 and title not in ("Contents", "Cover"):
            assert squash(title) in squash(pages[page - 1]), title
    assert outline(reader)[0][1:] == ("Cover", 1)
    assert outline(reader)[1][1:] == ("Contents", 2)
    last = outline(reader)[-1]
    assert last[1] == "13. Sign-off"
    assert last[2] == len(pages)


def test_contents_page_numbers_match_the_outline(reader: PdfReader, pages: list[str]) -> None:
    contents = pages[1]
    for depth, title, page in outline(reader):
        if depth == 0 and title in SECTIONS:
            assert re.search(re.escape(title) + r"\s+" + str(page) + r"\b", contents), title


def test_cover_names_system_organisation_version_and_signoff(
    pages: list[str], demo_plan: Any
) -> None:
    cover = pages[0]
    system = demo_plan.system_named(SYSTEM)
    for expected in (
        SYSTEM,
        demo_plan.info.organisation,
        system.system.stage.label,
        f"#{demo_plan.audit_seq}",
        DATE.isoformat(),
        "tester",
        "Not signed off",
        "Readiness score",
    ):
        assert expected in cover, expected
    assert re.search(r"\b\d{1,3} / 100\b", cover)
    assert re.search(r"[0-9a-f]{64}", squash(cover))


def test_every_person_team_and_document_appears(
    reader: PdfReader, pages: list[str], demo_plan: Any
) -> None:
    from planner.export.pdf.kit import Kit
    from planner.export.pdf.people import named_people

    system = demo_plan.system_named(SYSTEM)
    people, teams = named_people(Kit(demo_plan, date=DATE, actor="t"), system)
    contacts = squash(section_text(pages, reader, "7. Contacts"))
    for pid in people:
        person = demo_plan.people[pid]
        assert squash(person.name) in contacts, person.name
        if person.email:
            assert squash(person.email) in contacts
    for tid in teams:
        assert squash(demo_plan.teams[tid].name) in contacts
    register = squash(section_text(pages, reader, "8. Documentation register"))
    for doc in system.documents:
        assert squash(doc.title) in register, doc.title
    for source in system.data_sources:
        assert squash(source.name) in squash(section_text(pages, reader, "2. Summary"))


def test_escalation_levels_in_order_with_who_is_called(
    reader: PdfReader, pages: list[str], demo_plan: Any
) -> None:
    system = demo_plan.system_named(SYSTEM)
    text = squash(section_text(pages, reader, "6. Escalation chains"))
    chains = sorted(system.chains, key=lambda c: c.chain.severity.rank)
    position = 0
    for chain in chains:
        position = text.index(squash(chain.chain.severity.label), position)
        for number, level in enumerate(chain.levels, start=1):
            position = text.index(f"Level{number}", position)
            for target in level.targets:
                name = demo_plan.name_of(person_id=target.person_id, team_id=target.team_id)
                assert squash(name) in text[position:]
            if level.level.note:
                position = text.index(squash(level.level.note)[:40], position)


def test_support_path_lists_every_tier(reader: PdfReader, pages: list[str], demo_plan: Any) -> None:
    system = demo_plan.system_named(SYSTEM)
    text = squash(section_text(pages, reader, "5. Support path"))
    assert "Theuserrequesttakes" not in text  # sanity: squash works on prose
    for tier in system.support_tiers:
        assert squash(tier.address) in text
        assert squash(demo_plan.name_of(team_id=tier.team_id)) in text


def test_raci_names_every_assignee(reader: PdfReader, pages: list[str], demo_plan: Any) -> None:
    system = demo_plan.system_named(SYSTEM)
    text = squash(section_text(pages, reader, "4. Ownership (RACI)"))
    for row in system.raci:
        name = demo_plan.name_of(person_id=row.person_id, team_id=row.team_id)
        # Narrow header cells may break a long name anywhere; the letters stay in order.
        assert squash(name) in text, name


def test_signoff_page_has_a_line_per_missing_role(pages: list[str], demo_plan: Any) -> None:
    last = pages[-1]
    assert "Still to sign" in last
    for role in demo_plan.info.required_signoff_roles:
        from planner.domain.enums import SignOffRole

        assert SignOffRole(role).label in last
    assert last.count("Signature") >= len(demo_plan.info.required_signoff_roles)


def test_fonts_are_embedded_and_no_base14_font_is_used(reader: PdfReader) -> None:
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            descriptor = (
                descendant[0].get_object()["/FontDescriptor"]
                if descendant
                else font["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert any("DejaVuSans" in name for name in seen)
    assert not any("Helvetica" in name for name in seen)


def test_metadata(reader: PdfReader, demo_plan: Any) -> None:
    meta = reader.metadata
    assert meta.title == f"Handover pack: {SYSTEM}"
    assert meta.author == "tester"
    assert SYSTEM in meta.subject
    assert SYSTEM in meta["/Keywords"]
    assert demo_plan.info.organisation in meta["/Keywords"]


def test_same_input_gives_the_same_bytes(demo_path: Path, pack: tuple[bytes, int]) -> None:
    again, _ = render(demo_path, kind="pack", systems=[SYSTEM])
    assert again == pack[0]


def test_document_links_are_clickable(reader: PdfReader, demo_plan: Any) -> None:
    system = demo_plan.system_named(SYSTEM)
    uris = {
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    }
    for doc in system.documents:
        if doc.location.startswith("https://"):
            assert doc.location in uris


def test_pack_without_findings_says_so(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="pack", systems=[SYSTEM], analysis=None)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Readiness analysis was not available" in text
    assert "not computed" in text


def test_layout_reports_progress_and_can_be_cancelled(demo_plan: Any) -> None:
    from planner.export.pdf.export import render_pdf

    seen: list[tuple[int, int]] = []
    render_pdf(
        demo_plan,
        kind="portfolio",
        date=DATE,
        actor="tester",
        progress=lambda done, total, _text: seen.append((done, total)),
    )
    assert len(seen) > 10
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1][0] == seen[-1][1]

    class Cancelled(Exception):
        pass

    def cancel(done: int, _total: int, _text: str) -> None:
        if done > 5:
            raise Cancelled

    with pytest.raises(Cancelled):
        render_pdf(demo_plan, kind="portfolio", date=DATE, actor="t", progress=cancel)

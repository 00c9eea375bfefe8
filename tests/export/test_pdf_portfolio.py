"""The portfolio pack, on-call cards, the CLI contract and atomic writing."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import DATE, render
from pypdf import PdfReader

from planner.cli import main


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def portfolio(demo_path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(render(demo_path, kind="portfolio")[0]))


def test_portfolio_outline_has_summary_then_a_chapter_per_system(
    portfolio: PdfReader, demo_plan: Any
) -> None:
    top = [item.title for item in portfolio.outline if not isinstance(item, list)]
    assert top[:3] == ["Cover", "Contents", "Portfolio summary"]
    assert top[3:] == [system.name for system in demo_plan]
    chapters = [item for item in portfolio.outline if isinstance(item, list)]
    # Each chapter holds its twelve sections.
    assert any(
        [getattr(entry, "title", None) for entry in chapter][:2]
        == ["1. Document control", "2. Summary"]
        for chapter in chapters
    )


def test_portfolio_summary_lists_every_system_with_stage_and_score(
    portfolio: PdfReader, demo_plan: Any
) -> None:
    summary_page = next(
        i for i, page in enumerate(portfolio.pages) if "Systems by stage" in page.extract_text()
    )
    text = squash(portfolio.pages[summary_page].extract_text())
    for system in demo_plan:
        assert squash(system.name) in text
        assert squash(system.system.stage.label) in text
    contents = portfolio.pages[1].extract_text()
    for system in demo_plan:
        assert system.name in contents


def test_chapter_headers_carry_the_system_name(portfolio: PdfReader, demo_plan: Any) -> None:
    names = [s.name for s in demo_plan]
    last = portfolio.pages[-1].extract_text()
    assert names[-1] in last


def _cards(data: bytes) -> list[str]:
    """The text of each card: a card starts on a new page and may go on over more pages."""
    cards: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        text = squash(page.extract_text())
        if "(continued)" in page.extract_text() and cards:
            cards[-1] += text
        else:
            cards.append(text)
    return cards


def test_oncall_cards_one_card_per_system(demo_path: Path, demo_plan: Any) -> None:
    data, pages = render(demo_path, kind="oncall")
    assert pages >= len(demo_plan.systems)
    cards = _cards(data)
    for text, system in zip(cards, demo_plan, strict=True):
        assert text.startswith(squash(f"On call: {system.name}"))
        for tier in system.support_tiers:
            assert squash(tier.address) in text
        for chain in system.chains:
            for level in chain.levels:
                for target in level.targets:
                    name = demo_plan.name_of(person_id=target.person_id, team_id=target.team_id)
                    assert squash(name) in text
        runbooks = [d for d in system.documents if d.doc_type.value == "runbook"]
        for doc in runbooks:
            assert squash(doc.location) in text or "Norunbookrecorded" in text


def test_cli_writes_pack_portfolio_and_oncall(demo_path: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "pack.pdf"
    args = ["export", "pdf", str(demo_path), "-o", str(out), "--date", DATE.isoformat()]
    assert main([*args, "--system", "claims triage"]) == 0
    assert "pages" in capsys.readouterr().out
    first = out.read_bytes()
    assert main([*args, "--system", "Claims Triage"]) == 0
    assert out.read_bytes() == first
    assert main([*args, "--kind", "portfolio"]) == 0
    assert main([*args, "--kind", "oncall", "--system", "Invoice Capture"]) == 0
    assert len(_cards(out.read_bytes())) == 1
    assert sorted(os.listdir(tmp_path)) == ["pack.pdf"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--system", "No such system"], "no system named 'No such system'"),
        ([], "a handover pack covers one system"),
        (["--kind", "poster"], "invalid choice"),
        (["--date", "2026-02-30"], "is not a date"),
    ],
)
def test_cli_user_errors_exit_2_with_one_line(
    demo_path: Path, tmp_path: Path, capsys: Any, extra: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["export", "pdf", str(demo_path), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err
    assert "\n" not in err
    assert not out.exists()


def test_cli_missing_folder_is_a_user_error(demo_path: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "nope" / "x.pdf"
    assert main(["export", "pdf", str(demo_path), "-o", str(out), "--system", "Claims Triage"]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_a_failed_export_keeps_the_old_pack_and_leaves_no_partial_file(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.export.pdf.sections as sections

    out = tmp_path / "pack.pdf"
    out.write_bytes(b"the previous pack")

    def explode(*_args: object) -> None:
        raise RuntimeError("layout failed")

    from planner.export.pdf.export import export_pdf
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(demo_path, read_only=True) as ws:
        plan = load_plan(ws)
    monkeypatch.setattr(sections, "contacts", explode)
    with pytest.raises(RuntimeError, match="layout failed"):
        export_pdf(plan, out, kind="portfolio", date=DATE, actor="t")
    assert out.read_bytes() == b"the previous pack"
    assert os.listdir(tmp_path) == ["pack.pdf"]


def test_a_signed_pack_shows_signatures_lock_and_matching_hash(tmp_path: Path) -> None:
    from pdf_workspaces import build_hostile

    from planner.domain.enums import SignOffRole
    from planner.operations.signoff import sign_off
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    built = build_hostile(tmp_path / "signed.handover")
    with open_workspace(built.path, actor="tester") as ws:
        plan = load_plan(ws)
        system = next(iter(plan))
        signers = list(built.people.values())
        for role, person_id in zip(plan.info.required_signoff_roles, signers, strict=False):
            sign_off(ws, system_id=system.id, role=role, person_id=person_id, signed_on=DATE)
        plan = load_plan(ws)
    data, _ = render(built.path, kind="pack")
    reader = PdfReader(io.BytesIO(data))
    cover = squash(reader.pages[0].extract_text())
    assert "Signedoffandlocked" in cover
    assert squash(f"{plan.systems[system.id].system.signed_hash}(matchesthesignedplan)") in cover
    last = reader.pages[-1].extract_text()
    assert "Still to sign" not in last
    for role in plan.info.required_signoff_roles:
        assert SignOffRole(role).label in last


def test_a_long_table_after_a_heading_starts_on_the_page_not_after_a_blank_one(
    tmp_path: Path,
) -> None:
    """Seen at 200 systems: the summary page held a five-row table and 80 % white space,
    because reportlab moves a heading and everything it keeps with to the next page."""
    from planner.demo import create_demo
    from planner.store.workspace import create_workspace

    path = tmp_path / "forty.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=40, seed=1, today=DATE)
    data, _ = render(path, kind="portfolio")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    summary = next(text for text in pages if "40 systems in this pack." in text)
    assert "Systems by stage" in summary

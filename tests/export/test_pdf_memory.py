"""Large exports hold one chapter at a time: each is built when the layout reaches it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import render


@pytest.mark.parametrize(
    ("kind", "module", "builder"),
    [("portfolio", "portfolio", "system_sections"), ("oncall", "oncall", "card_story")],
)
def test_each_chapter_is_built_only_when_the_layout_reaches_it(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, module: str, builder: str
) -> None:
    import importlib

    from planner.export.pdf.layout import SetContext

    events: list[tuple[str, str]] = []
    target = importlib.import_module(f"planner.export.pdf.{module}")
    build = getattr(target, builder)

    def recorded_build(kit: Any, system: Any, **kwargs: Any) -> Any:
        events.append(("built", system.name))
        return build(kit, system, **kwargs)

    draw = SetContext.draw

    def recorded_draw(self: SetContext) -> None:
        if self._system_id is not None:
            events.append(("reached", self._name))
        draw(self)

    monkeypatch.setattr(target, builder, recorded_build)
    monkeypatch.setattr(SetContext, "draw", recorded_draw)
    render(demo_path, kind=kind)
    reached = [name for what, name in events if what == "reached"]
    assert len(reached) == 6
    # Reached, built; reached, built: never two chapters built ahead of the layout.
    assert events == [(what, name) for name in reached for what in ("reached", "built")]


def test_pages_are_compressed_as_they_are_finished_with_the_same_bytes(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page keeps its drawing commands as text until save, and the file is unchanged."""
    from reportlab.pdfgen.canvas import Canvas

    from planner.export.pdf import document

    raw_at_save: list[int] = []
    save = Canvas.save

    def counting_save(self: Canvas) -> None:
        raw_at_save.append(sum(1 for page in self._doc.Pages.pages if page.stream))
        save(self)

    monkeypatch.setattr(Canvas, "save", counting_save)
    early, pages = render(demo_path, kind="portfolio")
    assert raw_at_save == [0]
    monkeypatch.setattr(document, "_encode_last_page", lambda _canvas: None)
    late, _ = render(demo_path, kind="portfolio")
    assert raw_at_save[1] == pages  # reportlab's own way: every page raw until save
    assert early == late


def test_page_streams_are_binary_not_ascii85(demo_path: Path) -> None:
    """ASCII85 made every stream a quarter larger, in memory until save and in the file."""
    from pypdf import PdfReader

    data, _ = render(demo_path, kind="pack", systems=["Claims Triage"])
    assert b"/ASCII85Decode" not in data
    page = PdfReader(io.BytesIO(data)).pages[1]
    contents = page["/Contents"].get_object()
    assert str(contents["/Filter"]) in ("/FlateDecode", "['/FlateDecode']")
    assert b" Tf" in contents.get_data()


def test_web_links_are_written_out_as_pages_end_with_the_same_bytes(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished page's mailto:, tel: and web links keep their bytes, not their objects."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary
    from reportlab.pdfgen.canvas import Canvas

    from planner.export.pdf import document

    at_save: list[tuple[int, int]] = []
    save = Canvas.save

    def counting_save(self: Canvas) -> None:
        objects = list(self._doc.idToObject.values())
        written = sum(isinstance(o, document._Formatted) for o in objects)
        kept = sum(isinstance(o, PDFDictionary) and "URI" in str(o.dict.get("A")) for o in objects)
        at_save.append((written, kept))
        save(self)

    monkeypatch.setattr(Canvas, "save", counting_save)
    early, _ = render(demo_path, kind="portfolio")
    written, kept = at_save[0]
    assert written > 100
    assert kept == 0
    monkeypatch.setattr(document, "_format_web_links", lambda _canvas: None)
    late, _ = render(demo_path, kind="portfolio")
    assert at_save[1][0] == 0
    assert early == late
    assert b"/URI (mailto:" in early


def test_pages_let_go_of_their_fields_and_streams_once_written_with_the_same_bytes(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the file is written, a page written out keeps only its name, a stream no bytes."""
    from reportlab.pdfgen.canvas import Canvas

    from planner.export.pdf import document

    held: list[tuple[int, int, int]] = []
    save = Canvas.save

    def inspecting_save(self: Canvas) -> None:
        pages = self._doc.Pages.pages
        unset = sum(f in vars(p) for p in pages for f in document._UNSET_PAGE_FIELDS)
        streams = [p.Contents for p in pages if isinstance(p.Contents, document._PageStream)]
        assert len(streams) == len(pages)
        save(self)
        fields = sum(len(vars(p)) for p in pages)
        held.append((unset, fields, sum(s.content is not None for s in streams)))

    monkeypatch.setattr(Canvas, "save", inspecting_save)
    lean, pages = render(demo_path, kind="portfolio")
    assert held[0] == (0, pages, 0)  # no unset field before; a name and no bytes after
    monkeypatch.setattr(document, "_slim_last_page", lambda _canvas: None)
    full, _ = render(demo_path, kind="portfolio")
    assert held[1][0] > 0
    assert lean == full


def test_each_systems_content_hash_is_computed_once_per_export(
    demo_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cover, the sign-off page and every page footer print it: one hash a system.

    Hashing reads the system's whole plan; three times a system was 36 s of a
    2,000-system portfolio.
    """
    from pdf_workspaces import DATE

    from planner.domain import plan_hash
    from planner.export.pdf.export import render_pdf

    hashed: list[str] = []
    canonical = plan_hash.canonical_json

    def counting(plan: Any, system: Any) -> str:
        hashed.append(system.id)
        return canonical(plan, system)

    monkeypatch.setattr(plan_hash, "canonical_json", counting)
    render_pdf(demo_plan, kind="portfolio", date=DATE, actor="t")
    assert len(hashed) == 6
    assert len(set(hashed)) == 6

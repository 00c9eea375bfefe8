"""Large exports hold one chapter at a time: each is built when the layout reaches it."""

from __future__ import annotations

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

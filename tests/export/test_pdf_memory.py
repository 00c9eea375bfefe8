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

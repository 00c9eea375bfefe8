"""The findings panel: lists what the analysis found, follows edits, clicks through."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import Qt

from planner.analysis import analyse
from planner.domain.wording import as_sentence
from planner.operations import update_entity
from planner.store.plan_loader import load_plan
from planner.ui.models.findings_model import MESSAGE, SEVERITY, SYSTEM

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _messages(panel: Any) -> list[str]:
    model = panel.model
    return [model.data(model.index(r, MESSAGE)) for r in range(model.rowCount())]


def _click_row(qtbot: Any, view: Any, row: int) -> None:
    rect = view.visualRect(view.model().index(row, MESSAGE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_model_passes_qt_model_tester(qtmodeltester: Any, window: Any) -> None:
    window.findings.show_portfolio(True)
    assert window.findings.model.rowCount() > 0
    qtmodeltester.check(window.findings.model)


def test_lists_the_current_systems_findings(window: Any) -> None:
    panel = window.findings
    system_id = window.navigator.current_system
    fresh = analyse(load_plan(window.document.ws), today=window.tracker.analysis.today)
    # Shown as sentences: "nobody is Accountable…" starts with a capital in a list.
    expected = sorted(as_sentence(f.message) for f in fresh.systems[system_id].findings)
    assert sorted(_messages(panel)) == expected
    assert panel.view.isColumnHidden(SYSTEM)
    score = fresh.systems[system_id].score
    assert f"Readiness {score}/100" in panel.summary.text()
    first = panel.model.data(panel.model.index(0, SEVERITY))
    assert first in ("Blocker", "Warning", "Info")


def test_portfolio_lists_every_system(window: Any) -> None:
    panel = window.findings
    panel.portfolio_scope.click()
    assert not panel.view.isColumnHidden(SYSTEM)
    assert panel.model.rowCount() == len(window.tracker.analysis.findings)
    systems = {
        panel.model.data(panel.model.index(r, SYSTEM)) for r in range(panel.model.rowCount())
    }
    assert len(systems) > 1


def test_click_opens_the_page_and_row(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    calls: list[tuple[str, Any]] = []
    original = window.editor.show_page

    def spy(page: str, entity: Any = None) -> None:
        calls.append((page, entity))
        original(page, entity)

    monkeypatch.setattr(window.editor, "show_page", spy)
    panel = window.findings
    # A finding of another system: the navigator follows it.
    panel.portfolio_scope.click()
    current = window.navigator.current_system
    row = next(
        r
        for r in range(panel.model.rowCount())
        if panel.model.finding(r).system_id not in (None, current)
    )
    finding = panel.model.finding(row)
    _click_row(qtbot, panel.view, row)
    assert window.navigator.current_system == finding.system_id
    expected_entity = finding.entities[0] if finding.entities else None
    assert calls[-1] == (finding.page, expected_entity)
    assert as_sentence(finding.message) in panel.remedy.text()
    assert finding.remedy in panel.remedy.text()
    # The standards items the rule serves, named in full.
    from planner.analysis.crosswalk import served_text

    assert f"Serves: {served_text(finding.rule_id)}" in panel.remedy.text()
    assert "NIST AI RMF 1.0" in panel.remedy.text() or "ISO/IEC 42001" in panel.remedy.text()


def test_enter_on_a_finding_opens_it(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    calls: list[str] = []
    monkeypatch.setattr(window.editor, "show_page", lambda page, entity=None: calls.append(page))
    view = window.findings.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, MESSAGE))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert calls == [window.findings.model.finding(0).page]


def test_an_edit_updates_findings_and_scores(window: Any) -> None:
    document = window.document
    nav = window.navigator
    system_id = nav.current_system
    before_score, _ = window.tracker.readiness(system_id)
    document.run(
        update_entity, kind_name="system", entity_id=system_id, values={"stage": "retired"}
    )
    # A retired system is no longer analysed: no score, no findings.
    row = nav.model.row_data(system_id)
    assert row.score is None
    assert before_score is not None
    assert window.findings.model.rowCount() == 0
    window.undo_action.trigger()
    assert nav.model.row_data(system_id).score == before_score
    assert window.findings.model.rowCount() > 0


def test_big_workspaces_are_analysed_in_the_background(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from planner.ui.readiness_tracker import ReadinessTracker

    monkeypatch.setattr(ReadinessTracker, "background_threshold", 0)
    tracker = window.tracker
    system_id = window.navigator.current_system
    tracker.analysis = None
    with qtbot.waitSignal(
        tracker.updated, timeout=10_000, check_params_cb=lambda _ids: not tracker.busy
    ):
        tracker.refresh()
        assert tracker.busy
        assert window.findings.summary.text() == "Analysing the portfolio…"
        # An edit while the worker runs is analysed once it is done.
        window.document.run(
            update_entity, kind_name="system", entity_id=system_id, values={"stage": "retired"}
        )
    qtbot.waitUntil(lambda: tracker.readiness(system_id) == (None, 0))
    assert window.navigator.model.row_data(system_id).score is None

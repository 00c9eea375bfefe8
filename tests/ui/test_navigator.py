"""The navigator: add, duplicate, delete and undo, search, filters, sorting, big portfolios."""

from __future__ import annotations

import gc
import time
from types import SimpleNamespace
from typing import Any

from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

from planner.domain.plan import Plan, SystemPlan
from planner.store.plan_loader import load_plan
from planner.ui.models.system_list_model import BLOCKERS, NAME, SCORE, SystemListModel

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _names(nav: Any) -> list[str]:
    model = nav.model
    return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]


def _when_modal(qtbot: Any, act: Any) -> None:
    """Run ``act(dialog)`` on the next modal dialog as soon as it is shown."""

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poke)
            return
        act(dialog)

    QTimer.singleShot(0, poke)


def test_model_passes_qt_model_tester(qtmodeltester: Any, window: Any) -> None:
    model = window.navigator.model
    assert model.rowCount() == 6
    qtmodeltester.check(model)
    model.sort(SCORE, Qt.SortOrder.DescendingOrder)
    model.set_search("a")
    qtmodeltester.check(model)


def test_rows_show_name_stage_score_blockers(window: Any) -> None:
    nav = window.navigator
    model = nav.model
    plan = window.document.plan
    for row in range(model.rowCount()):
        system_id = model.system_id(row)
        score, blockers = window.tracker.readiness(system_id)
        assert model.data(model.index(row, NAME)) == plan.systems[system_id].name
        assert model.data(model.index(row, SCORE)) == ("–" if score is None else str(score))
        assert model.data(model.index(row, BLOCKERS)) == (str(blockers) if blockers else "")
    assert nav.count_label.text() == "6 systems"


def test_add_system_from_template(qtbot: Any, window: Any) -> None:
    nav = window.navigator

    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.name_edit, "Contract summariser")
        dialog.template_box.setFocus()
        qtbot.keyClick(dialog.template_box, Qt.Key.Key_Down)  # the first template
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    _when_modal(qtbot, fill)
    qtbot.mouseClick(nav.findChild(object, "add_system_button"), Qt.MouseButton.LeftButton)
    assert "Contract summariser" in _names(nav)
    stored = load_plan(window.document.ws).system_named("Contract summariser")
    assert stored is not None
    assert stored.system.template is not None
    assert stored.documents  # the template filled the plan
    assert nav.current_system == stored.id
    assert nav.count_label.text() == "7 systems"


def test_duplicate_asks_for_the_name(qtbot: Any, window: Any) -> None:
    nav = window.navigator
    source = nav.current_system
    source_name = window.document.plan.systems[source].name

    def rename(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.textValue() == f"Copy of {source_name}"
        dialog.setTextValue("Claims triage EU")
        dialog.accept()

    _when_modal(qtbot, rename)
    nav.duplicate_action.trigger()
    copy = load_plan(window.document.ws).system_named("Claims triage EU")
    assert copy is not None
    assert len(copy.raci) == len(window.document.plan.systems[source].raci)
    assert nav.current_system == copy.id


def test_delete_confirms_and_undo_restores(qtbot: Any, window: Any, boxes: Any) -> None:
    nav = window.navigator
    victim = nav.current_system
    name = window.document.plan.systems[victim].name
    nav.view.setFocus()
    qtbot.mouseClick(nav.findChild(object, "delete_system_button"), Qt.MouseButton.LeftButton)
    assert any(name in text for text in boxes.texts())
    assert name not in _names(nav)
    assert victim not in load_plan(window.document.ws).systems
    assert window.undo_action.text() == f"&Undo Delete AI system '{name}'" or (
        "Undo" in window.undo_action.text() and name in window.undo_action.text()
    )
    window.undo_action.trigger()
    assert name in _names(nav)
    assert victim in load_plan(window.document.ws).systems
    window.redo_action.trigger()
    assert name not in _names(nav)


def test_delete_cancelled_keeps_the_system(window: Any, boxes: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    boxes.answer = QMessageBox.StandardButton.Cancel
    before = _names(window.navigator)
    window.navigator.delete_action.trigger()
    assert _names(window.navigator) == before


def test_search_filters_as_the_user_types(qtbot: Any, window: Any) -> None:
    nav = window.navigator
    qtbot.keyClicks(nav.search, "claims")
    assert _names(nav) == ["Claims Triage"] or all("claims" in n.lower() for n in _names(nav))
    assert "of 6 systems match" in nav.count_label.text()
    nav.search.clear()
    assert len(_names(nav)) == 6


def test_stage_and_owner_filters(window: Any) -> None:
    nav = window.navigator
    plan = window.document.plan
    pilot = nav.stage_filter.findData("pilot")
    nav.stage_filter.setCurrentIndex(pilot)
    expected = sorted(s.name for s in plan if s.system.stage == "pilot")
    assert sorted(_names(nav)) == expected
    nav.stage_filter.setCurrentIndex(0)
    assert nav.owner_filter.count() > 1
    nav.owner_filter.setCurrentIndex(1)
    key = nav.owner_filter.currentData()
    kind, _, owner = key.partition(":")
    column = "person_id" if kind == "person" else "team_id"
    owned = sorted(
        s.name for s in plan if any(r.role == "A" and getattr(r, column) == owner for r in s.raci)
    )
    assert sorted(_names(nav)) == owned
    assert 0 < len(owned) <= 6


def test_sorting_by_clicking_the_header(qtbot: Any, window: Any) -> None:
    nav = window.navigator
    header = nav.view.header()
    x = header.sectionViewportPosition(SCORE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    scores = [nav.model.row_data(nav.model.system_id(r)).score for r in range(6)]
    shown = [s for s in scores if s is not None]
    assert shown == sorted(shown) or shown == sorted(shown, reverse=True)
    assert nav.current_system is not None  # the selection survived the sort


def test_read_only_workspace_offers_no_edits(make_window: Any, demo_path: Any) -> None:
    window = make_window(demo_path, read_only=True)
    nav = window.navigator
    assert not nav.add_action.isEnabled()
    assert not nav.duplicate_action.isEnabled()
    assert not nav.delete_action.isEnabled()
    assert not window.import_action.isEnabled()
    assert "[read-only]" in window.windowTitle()


def _fake_plan(count: int) -> Plan:
    stages = ("idea", "pilot", "limited_rollout", "production", "retired")
    systems = {}
    for n in range(count):
        row = SimpleNamespace(id=f"s{n:05}", name=f"System {n:05}", stage=stages[n % 5])
        raci = (SimpleNamespace(role="A", person_id=f"p{n % 40}", team_id=None),)
        systems[row.id] = SystemPlan(system=row, raci=raci)  # type: ignore[arg-type]
    return Plan(info=None, people={}, teams={}, activities=(), systems=systems)  # type: ignore[arg-type]


def _navigate(count: int) -> tuple[SystemListModel, float]:
    """Load, sort, search and filter ``count`` systems; the model and the seconds it took."""
    model = SystemListModel(lambda sid: (int(sid[1:]) % 101, int(sid[1:]) % 7))
    plan = _fake_plan(count)
    gc.disable()  # a collection landing in one run and not another is not the code's cost
    try:
        started = time.perf_counter()
        model.load(plan)
        model.sort(SCORE, Qt.SortOrder.DescendingOrder)
        model.set_search("system 01")
        model.set_search("")
        model.set_stage_filter("pilot")
        model.set_owner_filter("person:p3")
        return model, time.perf_counter() - started
    finally:
        gc.enable()


def test_two_thousand_systems_navigate_instantly(qtmodeltester: Any) -> None:
    count = 2000
    model, _ = _navigate(count)
    assert model.rowCount() == len([n for n in range(count) if n % 5 == 1 and n % 40 == 3])
    model.set_stage_filter(None)
    model.set_owner_filter(None)
    assert model.rowCount() == count
    assert model.data(model.index(0, SCORE)) == "100"
    assert not model.index(0, 0, model.index(0, 0)).isValid()


def test_navigating_grows_no_faster_than_the_portfolio() -> None:
    """Ten times the systems may take about ten times as long, never a hundred (a quadratic
    step would): a ratio within one run, which a busy machine does not upset as it does an
    absolute limit. bench_board.py measures the milliseconds."""
    # The fastest of seven: under load, one run of three at 2,000 took 37 ms (0.7 at 200).
    small = min(_navigate(200)[1] for _ in range(7))
    large = min(_navigate(2000)[1] for _ in range(7))
    assert large / small < 30, f"200 systems: {small * 1000:.1f} ms, 2000: {large * 1000:.1f} ms"


def test_a_system_hidden_by_search_comes_back_selected_and_clickable(
    qtbot: Any, window: Any
) -> None:
    nav = window.navigator
    editor = window.editor
    name = "Claims Triage"
    nav.select_system(window.document.plan.system_named(name).id)
    assert editor.title_label.text().startswith(name)
    qtbot.keyClicks(nav.search, "zzz-no-such-system")
    assert nav.model.rowCount() == 0
    nav.search.clear()
    row = _names(nav).index(name)
    assert nav.view.selectionModel().isRowSelected(row, nav.view.rootIndex())
    assert editor.title_label.text().startswith(name)
    other = (row + 1) % nav.model.rowCount()
    rect = nav.view.visualRect(nav.model.index(other, NAME))
    qtbot.mouseClick(nav.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.system_id == nav.model.system_id(other)
    rect = nav.view.visualRect(nav.model.index(row, NAME))
    qtbot.mouseClick(nav.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.title_label.text().startswith(name)

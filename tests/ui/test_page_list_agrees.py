"""The page list's count and tick agree with what each page says is open."""

from __future__ import annotations

import re
from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings

from planner.analysis.policy import Level
from planner.domain.wording import as_sentence
from planner.ui.pages.system_editor import PAGE_KEYS
from planner.ui.widgets.status_icons import gap_tooltip

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _count(text: str) -> int:
    match = re.search(r"\((\d+)\)$", text)
    return int(match.group(1)) if match else 0


def test_each_page_shows_every_gap_its_list_entry_counts(window: Any) -> None:
    editor = window.editor
    system_id = window.document.plan.system_named("Claims Triage").id
    editor.set_system(system_id)
    findings = [f for f in window.tracker.findings(system_id) if f.severity != Level.INFO]
    assert findings
    for row, key in enumerate(PAGE_KEYS):
        editor.show_page(key)
        page = editor.pages[key]
        item = editor.page_list.item(row)
        own = [f for f in findings if f.page == key]
        shown = page.missing_label.text() if page.missing_label.isVisibleTo(page) else ""
        for finding in own:
            assert as_sentence(finding.message) in shown, (key, finding.message)
        missing_shown = page.missing_label.isVisibleTo(page)
        # Signatures still to come are no finding: the Sign-off page says them in its status.
        waiting = key == "signoff" and "Still to sign" in page.status_label.text()
        assert _count(item.text()) == len(own) + (1 if waiting else 0)
        if missing_shown or own or waiting:
            assert item.toolTip() != gap_tooltip(page.title, 0, 0), key  # no tick
        else:
            assert item.toolTip() == gap_tooltip(page.title, 0, 0), key


def test_sign_off_waiting_is_counted_before_the_page_is_opened(window: Any) -> None:
    editor = window.editor
    editor.set_system(window.document.plan.system_named("Claims Triage").id)
    item = editor.page_list.item(PAGE_KEYS.index("signoff"))
    assert _count(item.text()) == 1
    assert "warning" in item.toolTip()

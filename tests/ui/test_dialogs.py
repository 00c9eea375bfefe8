"""Small dialogs: nothing they say is clipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from planner.ui.dialogs.new_workspace_dialog import NewWorkspaceDialog


def test_every_template_description_is_shown_whole(qtbot, tmp_path: Path) -> None:
    dialog = NewWorkspaceDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.description
    for index in range(dialog.start_box.count()):
        dialog.start_box.setCurrentIndex(index)
        QApplication.processEvents()
        assert label.height() >= label.heightForWidth(label.width()), label.text()

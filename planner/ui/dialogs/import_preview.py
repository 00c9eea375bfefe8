"""Opening an import's preview dialog: pick the file, read it, show the preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QFileDialog

from planner.domain.errors import PlannerError
from planner.ui.dialogs.message_boxes import show_error
from planner.ui.workspace_paths import default_folder

PreviewDialog = TypeVar("PreviewDialog", bound=QDialog)


def open_import_preview(
    window: Any,
    make_dialog: Callable[[Any, Path, Any], PreviewDialog],
    title: str,
    file_filter: str,
    path: Path | None = None,
) -> PreviewDialog | None:
    """Ask for the file unless ``path`` is given, then open its preview (returned for tests);
    a file that cannot be read is said in one sentence and nothing is imported."""
    document = window.document
    if document is None or document.read_only:
        return None
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(
            window, title, str(default_folder(document.ws)), file_filter
        )
        if not name:
            return None
        path = Path(name)
    try:
        dialog = make_dialog(document, path, window)
    except PlannerError as exc:
        show_error(window, "Cannot import", str(exc))
        return None
    except OSError as exc:
        show_error(window, "Cannot import", f"{path.name}: {exc.strerror or exc}")
        return None
    dialog.accepted.connect(
        lambda: window.statusBar().showMessage(dialog.change.description, 8000)  # type: ignore[attr-defined]
    )
    dialog.open()
    return dialog

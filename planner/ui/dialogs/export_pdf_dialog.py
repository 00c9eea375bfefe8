"""Exporting a PDF (handover pack, portfolio, on-call card) on a worker thread.

The PDF is rendered in memory off the GUI thread while a progress bar moves; Cancel stops
it before anything is written, and the file appears only complete (atomic write).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui.background_task import BackgroundTask, TaskControl
from planner.ui.readiness_tracker import ReadinessTracker
from planner.ui.settings import WindowSettings
from planner.ui.widgets.pdf_preview import PdfPreview, print_pdf
from planner.ui.workspace_document import WorkspaceDocument
from planner.ui.workspace_paths import default_folder

KINDS = ("pack", "portfolio", "oncall")
PREVIEW_HINT = "Preview shows the pages as they will print, before you save or print them."


def pack_findings(tracker: ReadinessTracker | None, system_ids: list[str]) -> Any:
    """The tracker's current analysis of the exported systems (None while it has none)."""
    if tracker is None or tracker.analysis is None:
        return None
    return tracker.analysis.only(system_ids)


def make_export_work(
    document: WorkspaceDocument,
    tracker: ReadinessTracker | None,
    *,
    kind: str,
    system_ids: list[str],
    target: Path,
    today: dt.date | None = None,
) -> Any:
    """The function the worker runs; it only reads the immutable plan and the file."""
    from planner.export.pdf.audit import load_audit
    from planner.export.pdf.export import PdfResult, export_pdf
    from planner.store.audit_chain import workspace_head

    plan = document.plan
    ws = document.ws
    findings = pack_findings(tracker, system_ids)
    actor = ws.actor
    date = today or dt.date.today()

    def work(control: TaskControl) -> PdfResult:
        analysis = findings
        if analysis is None:
            # Never a pack without its findings: analyse here if the tracker has not yet.
            from planner.analysis import analyse

            control.progress(0, 0, "Checking readiness…")
            analysis = analyse(plan, today=date).only(system_ids)
        control.progress(0, 0, "Reading the audit trail…")
        audit = load_audit(ws, system_ids)
        chain_head = str(workspace_head(ws))
        control.progress(0, 0, "Laying out the pages…")
        return export_pdf(
            plan,
            target,
            kind=kind,
            system_ids=system_ids,
            date=date,
            actor=actor,
            analysis=analysis,
            audit_events=audit,
            progress=control.progress,
            chain_head=chain_head,
        )

    return work


class ExportPdfDialog(QDialog):
    """Choose what to export and where; watch it render; cancel if it takes too long."""

    def __init__(
        self,
        document: WorkspaceDocument,
        tracker: ReadinessTracker | None,
        system_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.setObjectName("export_pdf_dialog")
        self._document = document
        self._tracker = tracker
        self._system_id = system_id
        self.task: BackgroundTask | None = None
        self.result: Any = None
        self._build_choices(document, system_id)
        path_row = self._build_path_row()
        self._build_progress()
        self._build_buttons()
        choices = QVBoxLayout()
        for button in (self.pack_choice, self.portfolio_choice, self.oncall_choice):
            choices.addWidget(button)
        form = QFormLayout()
        form.addRow("What:", choices)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        layout = QVBoxLayout()
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._suggest_path()
        self._add_preview(layout)

    def _build_choices(self, document: WorkspaceDocument, system_id: str | None) -> None:
        """The three kinds of PDF; the pack and card of the selected system if there is one."""
        system = document.plan.systems.get(system_id or "")
        system_name = system.name if system is not None else None

        self.pack_choice = QRadioButton(
            f"Handover pack of {system_name}" if system_name else "Handover pack (select a system)"
        )
        self.pack_choice.setAccessibleName("Handover pack of the selected system")
        self.pack_choice.setEnabled(system is not None)
        self.portfolio_choice = QRadioButton("Portfolio overview of every system")
        self.portfolio_choice.setAccessibleName("Portfolio overview")
        self.oncall_choice = QRadioButton(
            f"On-call card of {system_name}" if system_name else "On-call cards of every system"
        )
        self.oncall_choice.setAccessibleName("On-call card")
        self.kinds = QButtonGroup(self)
        for n, button in enumerate((self.pack_choice, self.portfolio_choice, self.oncall_choice)):
            self.kinds.addButton(button, n)
        (self.pack_choice if system is not None else self.portfolio_choice).setChecked(True)
        self.kinds.idToggled.connect(self._on_kinds_id_toggled)

    def _build_path_row(self) -> QHBoxLayout:
        """The file to write, with a Browse button."""
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("File to write the PDF to")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAccessibleName("Choose the PDF file")
        self.browse_button.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        return path_row

    def _build_progress(self) -> None:
        """The progress bar and the status line under it."""
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        # Shown only while work runs: idle, an empty bar reads as an empty text field.
        # Its room is kept, so the status line under it never jumps.
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export status")

    def _build_buttons(self) -> None:
        """Export, Cancel, and the buttons that open what was written."""
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        self._add_open_buttons()

    # --- choices -------------------------------------------------------------------

    def kind(self) -> str:
        return KINDS[max(self.kinds.checkedId(), 0)]

    def system_ids(self) -> list[str]:
        kind = self.kind()
        plan = self._document.plan
        if kind == "pack" or (kind == "oncall" and self._system_id in plan.systems):
            return [self._system_id] if self._system_id else []
        return list(plan.systems)

    def _suggest_path(self) -> None:
        plan = self._document.plan
        base = self._export_folder()
        system = plan.systems.get(self._system_id or "")
        stem = self._document.ws.name
        kind = self.kind()
        if kind == "pack" and system is not None:
            stem = f"{system.name} handover pack"
        elif kind == "oncall":
            stem = f"{system.name} on-call card" if system is not None else f"{stem} on-call cards"
        else:
            stem = f"{stem} portfolio"
        safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in stem).strip()
        self.path_edit.setText(str(base / f"{safe or 'export'}.pdf"))

    # --- running -------------------------------------------------------------------

    def start_export(self) -> None:
        target = Path(self.path_edit.text().strip())
        ids = self.system_ids()
        work = make_export_work(
            self._document, self._tracker, kind=self.kind(), system_ids=ids, target=target
        )
        self.task = BackgroundTask(work, self, writes=True)
        self.task.progress.connect(self._on_task_progress)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.cancelled.connect(self._on_task_cancelled)
        self._set_running(True)
        self._offer_to_open(None)
        self.progress.setRange(0, 0)  # busy until the exporter reports steps
        self.status.setText("Starting…")
        self.task.start()

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.pack_choice,
            self.portfolio_choice,
            self.oncall_choice,
            self.path_edit,
            self.browse_button,
            self.export_button,
        ):
            widget.setEnabled(not running)
        self.progress.setVisible(running)
        self._set_preview_enabled(not running)
        if not running:
            self.pack_choice.setEnabled(self._system_id in self._document.plan.systems)
        self.cancel_button.setText("Cancel" if running else "Close")

    # --- slots ---------------------------------------------------------------------

    def _on_kinds_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._suggest_path()

    def _on_path_edit_text_changed(self, text: str) -> None:
        self.export_button.setEnabled(bool(text.strip()))

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export PDF", self.path_edit.text(), "PDF files (*.pdf)"
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.path_edit.setText(path)

    def _on_export_clicked(self) -> None:
        if self.task is None or not self.task.running:
            self.start_export()

    def _on_cancel_clicked(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _on_task_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        if text:
            self.status.setText(text)

    def _on_task_succeeded(self, result: Any) -> None:
        self.result = result
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        pages = getattr(result, "pages", 0)
        self.status.setText(f"Wrote {result.path} ({pages} page{'s' if pages != 1 else ''}).")
        self._offer_to_open(Path(result.path))

    def _on_task_failed(self, message: str) -> None:
        self._set_running(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status.setText(f"Export failed: {message}")

    def _on_task_cancelled(self) -> None:
        self._set_running(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status.setText("Cancelled: no file was written.")

    # --- after the export: open it, remember where -----------------------------------

    def _settings(self) -> WindowSettings:
        """The main window's settings when there is one (tests give it a private file)."""
        settings = getattr(self.parent(), "window_settings", None)
        return settings if isinstance(settings, WindowSettings) else WindowSettings()

    def _export_folder(self) -> Path:
        """Where the last export went (if it still exists), else beside the workspace file."""
        last = self._settings().last_export_folder()
        return Path(last) if last else default_folder(self._document.ws, self._settings())

    def _add_open_buttons(self) -> None:
        self.open_pdf_button = self.buttons.addButton(
            "&Open PDF", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_pdf_button.setObjectName("open_pdf_button")
        self.open_folder_button = self.buttons.addButton(
            "Open &folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_button.setObjectName("open_folder_button")
        self.open_pdf_button.clicked.connect(self._on_open_pdf_clicked)
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self._written: Path | None = None
        self._offer_to_open(None)

    def _offer_to_open(self, path: Path | None) -> None:
        """Show the open buttons for a written PDF (and remember its folder), or hide them."""
        self._written = path
        for button in (self.open_pdf_button, self.open_folder_button):
            button.setVisible(path is not None)
        if path is not None:
            self._settings().set_last_export_folder(str(path.parent))
            self.open_pdf_button.setDefault(True)
            self.open_pdf_button.setFocus()

    def _open(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(f"Could not open {path}: no program is set to open it.")

    def _on_open_pdf_clicked(self) -> None:
        if self._written is not None:
            self._open(self._written)

    def _on_open_folder_clicked(self) -> None:
        if self._written is not None:
            self._open(self._written.parent)

    # --- preview and print -----------------------------------------------------------

    def _add_preview(self, controls: QVBoxLayout) -> None:
        """The preview pane beside the choices, and the Preview and Print buttons."""
        self.preview = PdfPreview()
        self.preview.setMinimumWidth(360)
        self.preview.show_message(PREVIEW_HINT)
        self.preview_button = self.buttons.addButton(
            "Pre&view", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setAccessibleName("Show the pages as they will print")
        self.print_button = self.buttons.addButton(
            "P&rint…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setAccessibleName("Print the previewed pages")
        self.print_button.setEnabled(False)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.kinds.idToggled.connect(self._on_kinds_id_toggled_for_preview)
        self.finished.connect(self._on_finished_remove_preview)
        self._preview_folder = Path(tempfile.mkdtemp(prefix="handover-preview-"))
        self.preview_path: Path | None = None  # the rendered preview of the current choice
        self._preview_on_change = False
        # The choices keep their natural height; the room the preview makes goes above the
        # buttons, which stay at the bottom as in every dialog.
        controls.insertStretch(controls.indexOf(self.buttons), 1)
        row = QHBoxLayout(self)
        row.addLayout(controls, 0)
        row.addWidget(self.preview, 1)
        self.resize(1080, 680)

    def preview_for_printing(self) -> None:
        """File > Print pack: preview at once (and again on each new choice), print next."""
        self.setWindowTitle("Print")
        self._preview_on_change = True
        self.export_button.setAutoDefault(False)
        self.start_preview()

    def start_preview(self) -> None:
        """Render the current choice into a temporary PDF off the GUI thread, then show it."""
        target = self._preview_folder / f"{self.kind()}.pdf"
        work = make_export_work(
            self._document,
            self._tracker,
            kind=self.kind(),
            system_ids=self.system_ids(),
            target=target,
        )
        self.task = BackgroundTask(work, self, writes=True)
        self.task.progress.connect(self._on_task_progress)
        self.task.succeeded.connect(self._on_preview_task_succeeded)
        self.task.failed.connect(self._on_preview_task_failed)
        self.task.cancelled.connect(self._on_preview_task_cancelled)
        self._forget_preview("Rendering the preview…")
        self._set_running(True)
        self.progress.setRange(0, 0)
        self.status.setText("Rendering the preview…")
        self.task.start()

    def print_preview(self, printer: QPrinter | None = None, *, ask: bool = True) -> int:
        """Print the previewed pages (QPrintDialog: printer, page range, copies); pages sent."""
        if self.preview_path is None:
            return 0
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        if ask:
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle("Print")
            dialog.setMinMax(1, self.preview.page_count)
            for option in (
                QAbstractPrintDialog.PrintDialogOption.PrintPageRange,
                QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies,
            ):
                dialog.setOption(option, True)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        try:
            sent = print_pdf(self.preview_path, printer)
        except OSError as exc:
            self.status.setText(f"Printing failed: {exc}")
            return 0
        where = printer.printerName() or printer.outputFileName()
        self.status.setText(f"Sent {sent} page{'s' if sent != 1 else ''} to {where}.")
        return sent

    def _set_preview_enabled(self, enabled: bool) -> None:
        self.preview_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled and self.preview_path is not None)

    def _forget_preview(self, message: str) -> None:
        self.preview_path = None
        self.print_button.setEnabled(False)
        self.preview.show_message(message)

    def _on_preview_button_clicked(self) -> None:
        if self.task is None or not self.task.running:
            self.start_preview()

    def _on_print_button_clicked(self) -> None:
        self.print_preview()

    def _on_kinds_id_toggled_for_preview(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        if self._preview_on_change and (self.task is None or not self.task.running):
            self.start_preview()
        else:
            self._forget_preview(PREVIEW_HINT)

    def _on_preview_task_succeeded(self, result: Any) -> None:
        self.preview_path = Path(result.path)
        pages = self.preview.show_pdf(self.preview_path)
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(
            f"Preview: {pages} page{'s' if pages != 1 else ''}, as they will print."
        )
        if self._preview_on_change:  # printing is what the user came for: Enter prints
            self.print_button.setDefault(True)

    def _on_preview_task_failed(self, message: str) -> None:
        self._on_task_failed(message)
        self.preview.show_message(f"No preview: {message}")
        self.status.setText(f"Preview failed: {message}")

    def _on_preview_task_cancelled(self) -> None:
        self._on_task_cancelled()
        self.preview.show_message(PREVIEW_HINT)
        self.status.setText("Preview cancelled.")

    def _on_finished_remove_preview(self, _result: int) -> None:
        self.preview.show_message("")  # closes the PDF before its file goes
        shutil.rmtree(self._preview_folder, ignore_errors=True)

    # --- closing -------------------------------------------------------------------

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self._on_cancel_clicked()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            event.ignore()
            return
        super().closeEvent(event)

"""The system editor: one tab per area of a system's handover plan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from planner.domain.registry import KINDS
from planner.operations import Change
from planner.store.snapshot import SystemPlan
from planner.ui.pages.actions_page import ActionsPage
from planner.ui.pages.documentation_page import DocumentationPage
from planner.ui.pages.editor_page import EditorPage
from planner.ui.pages.escalation_page import EscalationPage
from planner.ui.pages.governance_page import GovernancePage
from planner.ui.pages.monitoring_page import MonitoringPage
from planner.ui.pages.overview_page import OverviewPage
from planner.ui.pages.ownership_page import OwnershipPage
from planner.ui.pages.retraining_page import RetrainingPage
from planner.ui.pages.signoff_page import SignoffPage
from planner.ui.pages.support_page import SupportPage
from planner.ui.widgets.entity_table_panel import plain_label
from planner.ui.widgets.message_banner import MessageBanner
from planner.ui.workspace_document import WorkspaceDocument

PAGE_CLASSES: tuple[type[EditorPage], ...] = (
    OverviewPage,
    OwnershipPage,
    SupportPage,
    EscalationPage,
    DocumentationPage,
    RetrainingPage,
    MonitoringPage,
    GovernancePage,
    SignoffPage,
    ActionsPage,
)
PAGE_KEYS = tuple(page.key for page in PAGE_CLASSES)

# Which page shows rows of each entity kind (for jumping from a finding to its row).
PAGE_OF_KIND = {kind.name: kind.page for kind in KINDS.values()}


def page_for_kind(kind_name: str) -> str:
    """The editor page that shows rows of ``kind_name`` (overview for anything else)."""
    return PAGE_OF_KIND.get(kind_name, "overview")


class SystemEditor(QWidget):
    """Edits one system at a time; pages are filled from its SystemPlan, lazily per tab."""

    # The key of the page now shown (overview, ownership, ...).
    pageChanged = Signal(str)
    # A refused edit's message, for a status bar; it is also shown above the pages.
    errorOccurred = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.system_id: str | None = None
        self._dirty: set[str] = set(PAGE_KEYS)

        self.title_label = plain_label("", self)
        self.title_label.setObjectName("system_title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.lock_label = plain_label("", self)
        self.lock_label.setObjectName("lock_label")
        self.lock_label.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c060; padding: 3px 6px;"
        )
        # Refused edits float over the top of the page, so the page never jumps.
        self.banner = MessageBanner(self)
        self.message_label = self.banner.label
        self.dismiss_button = self.banner.dismiss_button

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editor_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.pages: dict[str, EditorPage] = {}
        for page_class in PAGE_CLASSES:
            page = page_class(document, self.tabs)
            page.errorOccurred.connect(self.show_error)
            self.pages[page.key] = page
            self.tabs.addTab(page, page.title.replace("&", "&&"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.lock_label)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        self.clear_message()

        document.changed.connect(self._on_document_changed)
        document.failed.connect(self.show_error)
        self.set_system(None)

    # --- public interface ---------------------------------------------------------------

    def set_system(self, system_id: str | None) -> None:
        """Show a system's plan (None shows nothing); only the visible page is filled now."""
        if system_id is not None and system_id not in self.document.plan.systems:
            system_id = None
        self.system_id = system_id
        self.clear_message()
        self._dirty = set(PAGE_KEYS)
        self._update_header()
        self._refresh_current()

    def show_page(self, page: str, entity: tuple[str, str] | None = None) -> None:
        """Bring a page forward and, if given, select the row of (kind_name, entity_id)."""
        widget = self.pages.get(page)
        if widget is None:
            raise KeyError(f"unknown editor page {page!r}; one of {', '.join(PAGE_KEYS)}")
        self.tabs.setCurrentWidget(widget)
        self._refresh_current()
        if entity is not None:
            widget.select_entity(*entity)

    def show_entity(self, kind_name: str, entity_id: str) -> None:
        """Bring forward the page that shows this entity and select its row."""
        self.show_page(page_for_kind(kind_name), (kind_name, entity_id))

    def current_page(self) -> str:
        page = self.tabs.currentWidget()
        return page.key if isinstance(page, EditorPage) else ""

    def show_error(self, text: str) -> None:
        self.banner.set_top(self.tabs.geometry().top())
        self.banner.show_message(text)
        self.errorOccurred.emit(text)

    def clear_message(self) -> None:
        self.banner.clear()

    # --- internals ----------------------------------------------------------------------

    def _system(self) -> SystemPlan | None:
        if self.system_id is None:
            return None
        return self.document.plan.systems.get(self.system_id)

    def _update_header(self) -> None:
        system = self._system()
        self.title_label.setText(system.name if system is not None else "No system selected")
        locked = bool(system is not None and system.system.locked)
        self.lock_label.setText("Signed off and locked: reopen on the Sign-off page to edit")
        self.lock_label.setVisible(locked)
        self.tabs.setEnabled(system is not None)

    def _refresh_current(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, EditorPage) and page.key in self._dirty:
            self._dirty.discard(page.key)
            page.set_system_plan(self._system())

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._refresh_current()
        self.pageChanged.emit(self.current_page())

    def _on_document_changed(self, change: Change | None) -> None:
        if self.system_id is None:
            return
        relevant = change is None or change.workspace_wide or self.system_id in change.system_ids
        if not relevant:
            return
        if self.system_id not in self.document.plan.systems:
            self.set_system(None)
            return
        self.clear_message()
        self._dirty = set(PAGE_KEYS)
        self._update_header()
        self._refresh_current()

"""The system editor: a list of the plan's pages, each with its open gaps, beside the page."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.analysis.policy import Level
from planner.domain.plan import SystemPlan
from planner.domain.registry import KINDS
from planner.domain.wording import count_of
from planner.operations import Change
from planner.ui.finding_words import finding_message
from planner.ui.models.findings_model import severity_label
from planner.ui.pages.actions_page import ActionsPage
from planner.ui.pages.documentation_page import DocumentationPage
from planner.ui.pages.editor_page import EditorPage
from planner.ui.pages.escalation_page import EscalationPage
from planner.ui.pages.governance_page import GovernancePage
from planner.ui.pages.monitoring_page import MonitoringPage
from planner.ui.pages.overview_page import OverviewPage
from planner.ui.pages.ownership_page import OwnershipPage
from planner.ui.pages.retraining_page import RetrainingPage
from planner.ui.pages.signoff_page import SignoffPage, roles_waiting
from planner.ui.pages.support_page import SupportPage
from planner.ui.widgets.elided_label import ElidedLabel
from planner.ui.widgets.entity_table_panel import plain_label
from planner.ui.widgets.message_banner import MessageBanner
from planner.ui.widgets.status_icons import gap_tooltip, severity_icon, status_icon
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
        self._tracker: Any = None

        self._build_title()
        self._build_pages(document)
        self._build_readiness()
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.readiness_bar)
        header.addWidget(self.blocker_chip)
        header.addWidget(self.warning_chip)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        # The lock notice gets a row of its own and wraps: beside the title it widened the
        # window past a 1366 px screen when a plan was signed off, and it never shrank back.
        layout.addWidget(self.lock_label)
        layout.addWidget(self.body, 1)
        self.clear_message()

        document.changed.connect(self._on_document_changed)
        document.failed.connect(self.show_error)
        self.set_system(None)

    def _build_title(self) -> None:
        """The system name, the lock notice and the banner for refused edits."""
        self.title_label = ElidedLabel("", self)
        self.title_label.setObjectName("system_title")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.lock_label = plain_label("", self)
        self.lock_label.setObjectName("lock_label")
        self.lock_label.setWordWrap(True)
        self.lock_label.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c060; padding: 3px 6px;"
        )
        # Refused edits float over the top of the page, so the page never jumps.
        self.banner = MessageBanner(self)
        self.message_label = self.banner.label
        self.dismiss_button = self.banner.dismiss_button

    def _build_pages(self, document: WorkspaceDocument) -> None:
        """The list of pages beside the page shown."""
        # A list of pages rather than tabs: ten tabs overflowed behind scroll arrows at
        # 1,440 px; a list shows every page, with its open gaps, at 1,366 x 768.
        self.page_list = QListWidget(self)
        self.page_list.setObjectName("page_list")
        self.page_list.setAccessibleName("Pages of the plan")
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.setSpacing(1)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("editor_pages")
        self.pages: dict[str, EditorPage] = {}
        for page_class in PAGE_CLASSES:
            page = page_class(document, self.stack)
            page.errorOccurred.connect(self.show_error)
            self.pages[page.key] = page
            # Each page scrolls inside its own area, so no page's minimum size (a wide form,
            # a tall table) can push the window past a 1,366 x 768 screen.
            scroller = QScrollArea(self.stack)
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(page)
            self.stack.addWidget(scroller)
            self.page_list.addItem(QListWidgetItem(page.title))
        self.page_list.setWordWrap(True)  # "Monitoring & human review (3)" takes two lines
        self.page_list.setStyleSheet("QListWidget::item { padding: 5px 2px; }")
        self.page_list.setFixedWidth(self._page_list_width())
        self.page_list.setCurrentRow(0)
        self.page_list.currentRowChanged.connect(self._on_page_list_current_row_changed)

        self.body = QWidget(self)
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)

    def _build_readiness(self) -> None:
        """The readiness bar and the blocker and warning chips."""
        # Readiness at a glance: the score as a bar, blockers and warnings as chips with an
        # icon and a count (never colour alone).
        self.readiness_bar = QProgressBar(self)
        self.readiness_bar.setObjectName("readiness_bar")
        self.readiness_bar.setRange(0, 100)
        self.readiness_bar.setFormat("Readiness %v/100")
        self.readiness_bar.setAccessibleName("Readiness score")
        self.readiness_bar.setTextVisible(True)
        self.readiness_bar.setFixedWidth(
            self.readiness_bar.fontMetrics().horizontalAdvance("Readiness 100/100") + 40
        )
        self.blocker_chip = _Chip("blocker", self)
        self.warning_chip = _Chip("warning", self)
        # A long system name ends in "…" (full name in the tip) rather than widen the window.

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
        self.page_list.setCurrentRow(PAGE_KEYS.index(page))
        self._refresh_current()
        if entity is not None:
            widget.select_entity(*entity)

    def show_entity(self, kind_name: str, entity_id: str) -> None:
        """Bring forward the page that shows this entity and select its row."""
        self.show_page(page_for_kind(kind_name), (kind_name, entity_id))

    def current_page(self) -> str:
        index = self.stack.currentIndex()
        return PAGE_KEYS[index] if 0 <= index < len(PAGE_KEYS) else ""

    def show_error(self, text: str) -> None:
        self.banner.set_top(self.body.geometry().top())
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
        self.title_label.setToolTip(system.name if system is not None else "")
        locked = bool(system is not None and system.system.locked)
        self.lock_label.setText("Signed off and locked: reopen on the Sign-off page to edit")
        self.lock_label.setVisible(locked)
        self.body.setEnabled(system is not None)
        self._update_page_counts()

    def _refresh_current(self) -> None:
        page = self.pages.get(self.current_page())
        if page is not None and page.key in self._dirty:
            self._dirty.discard(page.key)
            page.set_system_plan(self._system())

    def set_tracker(self, tracker: Any) -> None:
        """Count each page's open gaps from the window's findings tracker."""
        self._tracker = tracker
        tracker.updated.connect(lambda _ids: self._update_page_counts())
        self._update_page_counts()

    def _update_page_counts(self) -> None:
        """Each page's entry counts the findings placed on it, which the page lists too."""
        system = self._system()
        findings = self._tracker.findings(self.system_id) if self._tracker and system else ()
        gaps: Counter[str] = Counter()
        blockers: Counter[str] = Counter()
        lines: dict[str, list[str]] = {key: [] for key in PAGE_KEYS}
        for finding in findings:
            if finding.severity == Level.INFO:
                continue
            gaps[finding.page] += 1
            blockers[finding.page] += finding.severity == Level.BLOCKER
            # In the findings panel's words: the page shows the tracker's findings, no rules.
            lines.setdefault(finding.page, []).append(
                f"{severity_label(finding)}: {finding_message(finding, self.document.plan)}"
            )
        self._update_readiness(sum(blockers.values()), sum(gaps.values()) - sum(blockers.values()))
        # Waiting signatures are no finding until go-live, but the Sign-off page says
        # "Still to sign:" for them: its entry must not show a tick meanwhile.
        if system is not None and roles_waiting(self.document.plan, system):
            gaps["signoff"] += 1
        for row, key in enumerate(PAGE_KEYS):
            self.pages[key].show_findings(lines[key])
            item = self.page_list.item(row)
            title = self.pages[key].title
            count = gaps[key]
            item.setText(f"{title}  ({count})" if count else title)
            item.setIcon(status_icon(blockers[key], count - blockers[key]))
            item.setToolTip(gap_tooltip(title, blockers[key], count - blockers[key]))

    def _update_readiness(self, blockers: int, warnings: int) -> None:
        score = None
        if self._tracker is not None and self.system_id is not None:
            score = self._tracker.readiness(self.system_id)[0]
        for widget in (self.readiness_bar, self.blocker_chip, self.warning_chip):
            widget.setVisible(score is not None)
        if score is None:
            return
        self.readiness_bar.setValue(int(score))
        self.blocker_chip.set_count(blockers)
        self.warning_chip.set_count(warnings)

    def _page_list_width(self) -> int:
        # Wide enough for most titles with a count on one line; longer ones wrap.
        metrics = self.page_list.fontMetrics()
        return metrics.horizontalAdvance("Documentation  (99)") + 16 + 24

    def _on_page_list_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)
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


class _Chip(QLabel):
    """ "4 blockers" with its severity icon, on a tinted rounded background."""

    _TINTS = {"blocker": ("#fde7e9", "#7a0010"), "warning": ("#fff4ce", "#5c4100")}

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind}_chip")
        # As wide as the widest count, so the header does not shift as numbers change.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(f"999 {kind}s") + 40)
        self.setTextFormat(Qt.TextFormat.PlainText)
        background, text = self._TINTS[kind]
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text}; border-radius: 9px;"
            " padding: 2px 8px; }"
        )

    def set_count(self, count: int) -> None:
        self.setText(count_of(count, self.kind))
        self.setAccessibleName(count_of(count, self.kind))
        # The icon is drawn into the text's line: the chip reads right without colour.
        size = self.fontMetrics().height()
        icon = severity_icon(self.kind if count else "done")
        self.setToolTip(count_of(count, self.kind) + (" to resolve" if count else ""))
        self._icon = icon.pixmap(size, size)
        self.setIndent(size + 6)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        icon = getattr(self, "_icon", None)
        if icon is not None:
            painter = QPainter(self)
            y = (self.height() - icon.height() // max(int(icon.devicePixelRatio()), 1)) // 2
            painter.drawPixmap(6, y, icon)
            painter.end()

"""The start screen: what the window shows with no workspace open (a template, the demo, a file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.ui.widgets.icons import themed_icon
from planner.ui.workspace_files import is_url, recent_label

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

_Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 8
EMPTY = "empty"
DEMO_FILE = "Demo portfolio.handover"
EMPTY_DESCRIPTION = (
    "No systems yet: add your own. The standard activities and sign-off roles are set up."
)


class ChoiceDelegate(QStyledItemDelegate):
    """A choice as its name in bold over its whole description, wrapped: nothing clipped."""

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        return max(width - 2 * PADDING - 4, 120)

    def _layout(self, option: QStyleOptionViewItem, index: _Index) -> tuple[QFont, QRect, int]:
        bold = QFont(option.font)
        bold.setBold(True)
        detail = str(index.data(DETAIL_ROLE) or "")
        width = self._text_width(option)
        flags = int(Qt.TextFlag.TextWordWrap)
        box = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), flags, detail)
        title_height = option.fontMetrics.lineSpacing()
        return bold, box, title_height

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        _bold, box, title_height = self._layout(opt, index)
        height = title_height + (box.height() + 2 if index.data(DETAIL_ROLE) else 0)
        return QSize(self._text_width(opt), height + 2 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        bold, _box, title_height = self._layout(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text
        left = opt.rect.left() + PADDING
        width = opt.rect.width() - 2 * PADDING
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setFont(bold)
        top = opt.rect.top() + PADDING
        painter.drawText(
            QRect(left, top, width, title_height), int(Qt.AlignmentFlag.AlignLeft), title
        )
        painter.setFont(opt.font)
        detail = str(index.data(DETAIL_ROLE) or "")
        area = QRect(left, top + title_height + 2, width, opt.rect.bottom() - top - title_height)
        painter.drawText(area, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft), detail)
        painter.restore()


class ChoiceList(QListWidget):
    """A list of choices, each a name over its description; Enter or a click takes one."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setItemDelegate(ChoiceDelegate(self))
        # Heights follow the width (the descriptions wrap), so lay out again on resize.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setSpacing(1)

    def add_choice(self, key: str, title: str, detail: str, tip: str = "") -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setData(KEY_ROLE, key)
        item.setData(DETAIL_ROLE, detail)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: {detail}")
        if tip:
            item.setToolTip(tip)
        self.addItem(item)
        return item

    def content_height(self) -> int:
        """The height that shows every choice at the current width (descriptions wrap)."""
        rows = sum(self.sizeHintForRow(r) + 2 * self.spacing() for r in range(self.count()))
        return max(rows + 2 * self.frameWidth(), 40)

    def fit_height(self) -> None:
        """No taller than its choices (no empty box under a short list); the layout may
        still make it shorter, and then it scrolls."""
        height = self.content_height()
        if height != self.maximumHeight():
            self.setMaximumHeight(height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 120)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter takes the current choice on every platform (activation is Enter on some
        # styles, a double-click on others).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.itemActivated.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class StartScreen(QWidget):
    """First run, or nothing to reopen: start from a template, open the demo or a file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        from planner.preferences import data_dir

        self.setObjectName("welcome")
        self._window = window
        self.folder = data_dir()
        self.where = _wrapped(
            f"New workspaces are saved in {self.folder} (File → Save a copy puts one elsewhere)."
        )
        self.where.setObjectName("where_label")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        columns = QGridLayout()
        columns.setHorizontalSpacing(24)
        columns.addLayout(self._template_column(), 0, 0)
        columns.addLayout(self._other_column(window), 0, 1)
        columns.setColumnStretch(0, 3)
        columns.setColumnStretch(1, 2)
        self._lay_out(columns)
        self.setTabOrder(self.templates, self.create_button)
        self.setTabOrder(self.create_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.open_button)
        self.setTabOrder(self.open_button, self.recent)
        self.setFocusProxy(self.templates)

    def _template_column(self) -> QVBoxLayout:
        from planner.domain.templates import load_templates

        self.templates = ChoiceList("Start from a template")
        self.templates.setObjectName("template_choices")
        self.templates.add_choice(EMPTY, "Empty workspace", EMPTY_DESCRIPTION)
        for template in load_templates().values():
            self.templates.add_choice(template.key, template.name, template.description)
        self.templates.setCurrentRow(1 if self.templates.count() > 1 else 0)
        self.templates.itemActivated.connect(self._on_templates_item_activated)
        # A click only selects a template (a double-click or Enter takes it): the button
        # says what the chosen one becomes, so a first-time user is not left guessing.
        self.create_button = _big_button("", "file-plus")
        self.create_button.setObjectName("create_from_template")
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.templates.currentItemChanged.connect(self._on_templates_current_item_changed)
        self._on_templates_current_item_changed(self.templates.currentItem())
        column = QVBoxLayout()
        column.addWidget(_buddy("Start from a &template:", self.templates))
        column.addWidget(self.templates, 1)
        column.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(0)
        return column

    def _other_column(self, window: MainWindow) -> QVBoxLayout:
        """The demo, a file, and the recent files."""
        self.demo_button = _big_button("Open the &demo", "flask-conical")
        self.demo_button.setObjectName("open_demo")
        self.demo_button.setAccessibleName("Open the demo portfolio")
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.open_button = _big_button("&Open a file…", "folder-open")
        self.open_button.setObjectName("open_file")
        self.open_button.setAccessibleName("Open a workspace file")
        self.open_button.clicked.connect(window.files.open_dialog)
        self.recent = ChoiceList("Recent workspaces")
        self.recent.setObjectName("recent_choices")
        self.recent.itemActivated.connect(self._on_recent_item_activated)
        self.recent_label = _buddy("&Recent workspaces:", self.recent)
        column = QVBoxLayout()
        column.addWidget(self.demo_button)
        column.addWidget(
            _wrapped(
                "Six fictional AI systems with people, teams and gaps left on purpose, to try "
                f"things out. Saved as {self.demo_path()}."
            )
        )
        column.addSpacing(12)
        column.addWidget(self.open_button)
        column.addWidget(_wrapped("A .handover workspace: your own, or one a colleague sent you."))
        column.addSpacing(12)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent, 1)
        column.addStretch(0)
        return column

    def _lay_out(self, columns: QGridLayout) -> None:
        title = QLabel(f"Welcome to {APP_NAME}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        content = QFrame()
        content.setMaximumWidth(1280)
        box = QVBoxLayout(content)
        box.addWidget(title)
        box.addWidget(
            _wrapped(
                "Plan who keeps each AI system running after the pilot: who owns it, who "
                "answers when it fails, who retrains it and who signs it off. The plan is "
                "checked as you go and printed as handover packs."
            )
        )
        box.addWidget(self.where)
        box.addSpacing(8)
        box.addLayout(columns, 1)
        # On a large screen the choices sit a little above the middle, not glued to the top.
        content.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        middle = QVBoxLayout()
        middle.addStretch(1)
        middle.addWidget(content)
        middle.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle, 8)
        outer.addStretch(1)

    def demo_path(self) -> Path:
        return self.folder / DEMO_FILE

    def fill(self, files: list[str]) -> None:
        """Show the recent files that still exist (the list says so when there are none)."""
        self.recent.clear()
        self.recent.setVisible(bool(files))
        self.recent_label.setText("&Recent workspaces:" if files else "No recent workspaces yet.")
        for path in files:
            if is_url(path):  # a server workspace: its address, never a password
                self.recent.add_choice(path, recent_label(path), "Team workspace on a server")
                continue
            name = Path(path)
            self.recent.add_choice(path, name.stem, str(name.parent), tip=path)
        if files:
            self.recent.setCurrentRow(0)
        self.recent.fit_height()

    def _on_templates_item_activated(self, item: QListWidgetItem) -> None:
        self._window.files.start_new(str(item.data(KEY_ROLE)), item.text())

    def _on_templates_current_item_changed(self, item: QListWidgetItem | None) -> None:
        self.create_button.setEnabled(item is not None)
        name = item.text() if item is not None else "a template"
        self.create_button.setText(f"&Create a workspace from \u201c{name}\u201d")

    def _on_create_button_clicked(self) -> None:
        if (item := self.templates.currentItem()) is not None:
            self._on_templates_item_activated(item)

    def _on_demo_button_clicked(self) -> None:
        self._window.files.open_demo(self.demo_path())

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        self._window.open_location(str(item.data(KEY_ROLE)))


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _buddy(text: str, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _big_button(text: str, icon: str) -> QPushButton:
    button = QPushButton(themed_icon(icon), text)
    button.setIconSize(QSize(24, 24))
    button.setMinimumHeight(40)
    button.setAutoDefault(True)  # Enter presses it while it has the focus
    font = button.font()
    font.setBold(True)
    button.setFont(font)
    return button

"""One look for "that was not changed" messages: a banner that floats over the top of a page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from planner.ui.widgets.icons import themed_icon

BANNER_STYLE = (
    "QFrame#message_banner { background: #fde7e9; border: 1px solid #e8a0a8;"
    " border-radius: 4px; }"
    " QFrame#message_banner QLabel { color: #7a0010; background: transparent; }"
)


class MessageBanner(QFrame):
    """A message laid over the top edge of ``host`` (it takes no room in the layout).

    Showing it never pushes the page down, so the row the user was editing stays where it
    was; Dismiss, or the next successful change, hides it.
    """

    def __init__(self, host: QWidget, *, top: int = 0, at_bottom: bool = False) -> None:
        super().__init__(host)
        self.setObjectName("message_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.setAutoFillBackground(True)
        self._host = host
        self._top = top
        self._at_bottom = at_bottom  # over the foot of the host, clear of headers and buttons
        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(warning.pixmap(size, size))
        self.icon.setAccessibleName("Warning")
        self.label = QLabel(self)
        self.label.setObjectName("message_label")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("Dismiss")
        self.dismiss_button.setIcon(themed_icon("x"))
        self.dismiss_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.dismiss_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        host.installEventFilter(self)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self._place()
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def set_top(self, top: int) -> None:
        """Where the banner's top edge sits in the host (below a header, say)."""
        self._top = top
        self._place()

    def _place(self) -> None:
        margin = 8
        width = max(self._host.width() - 2 * margin, 100)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height())
        top = self._host.height() - height - margin if self._at_bottom else self._top
        self.setGeometry(margin, top, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

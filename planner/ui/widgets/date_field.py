"""A date the user can type (ISO or the locale's short form), pick from a calendar, or clear."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from planner.ui.widgets.field_message import clear_field_error
from planner.ui.widgets.field_styles import INVALID_STYLE
from planner.ui.widgets.icons import themed_icon

# Two-digit years in the locale's short form ("11/1/26") mean this century, not 1926.
BASE_YEAR = 2000


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_SLASHED = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_MONTH = re.compile(r"(\d{1,2})\.? ([A-Za-z]+)\.?,? (\d{4})")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})")
C_FORMS = "2026-11-01, 1 Nov 2026 or Nov 1, 2026"


def _year(text: str) -> int:
    return int(text) + BASE_YEAR if len(text) == 2 else int(text)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _unambiguous(text: str) -> dt.date | None:
    """The forms a reader in any country reads the same way (for the C locale).

    ``13/1/26`` and ``1/13/26`` can only mean 13 January; ``11/1/26`` could be 1 November
    or 11 January and raises ValueError saying so.
    """
    if match := _YEAR_FIRST.fullmatch(text):
        return _date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        return _date(int(match[3]), month, int(match[1])) if month else None
    if match := _MONTH_DAY.fullmatch(text):
        month = _MONTHS.get(match[1].lower())
        return _date(int(match[3]), month, int(match[2])) if month else None
    if match := _SLASHED.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        day_first, month_first = _date(year, second, first), _date(year, first, second)
        if day_first and month_first and day_first != month_first:
            raise ValueError(
                f"“{text}” could be {month_first.day} {month_first:%B} or "
                f"{day_first.day} {day_first:%B} {year}: "
                f"type it as {C_FORMS}."
            )
        return day_first or month_first
    return None


def parse_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """The date in ``text``: ISO 8601 or the locale's short or long form; None when blank.

    With no locale set (``LANG=C``) the locale's own forms are not what anyone types, so
    the forms that read the same everywhere are taken instead (see ``_unambiguous``).
    Raises ValueError with a sentence for the user, naming forms that work.
    """
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        found = _unambiguous(text)
        if found is not None:
            return found
        raise ValueError(f"“{text}” is not a date: type it as {C_FORMS}.")
    for form in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
        date = locale.toDate(text, form, BASE_YEAR)
        if date.isValid():
            return dt.date(date.year(), date.month(), date.day())
    example = locale.toString(QDate(2026, 11, 1), QLocale.FormatType.ShortFormat)
    raise ValueError(f"“{text}” is not a date: type it as 2026-11-01 or {example}.")


def format_date(value: dt.date | None) -> str:
    """How a stored date is shown for editing: ISO, the same in every locale."""
    return value.isoformat() if value is not None else ""


class DateField(QWidget):
    """A line edit for a date with a calendar button and, if optional, a Clear button.

    ``value()`` is a date or None; text that is not a date stays as typed, marked, and
    ``error()`` says what is wrong, so nothing the user typed is thrown away.
    """

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.optional = optional
        self.line = _DateLine(self)
        self.line.setObjectName("date_text")
        self.line.setPlaceholderText("YYYY-MM-DD")
        self.line.setAccessibleName("Date")
        self.line.editingFinished.connect(self._on_line_editing_finished)
        self.line.textEdited.connect(lambda _text: self._mark())
        self.pick_button = QToolButton(self)
        self.pick_button.setObjectName("pick_date")
        self.pick_button.setText("Pick…")
        self.pick_button.setToolTip("Pick the date on a calendar (Alt+Down)")
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick_button.setIcon(themed_icon("calendar"))
        self.pick_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.pick_button.clicked.connect(self.show_calendar)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clear_date")
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Remove the date")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setIcon(themed_icon("x"))
        self.clear_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear_button.setVisible(optional)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        # Parented to this field, so an item view does not close its editor when the
        # calendar takes the focus (the view walks the focus widget's parents).
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setObjectName("date_calendar")
        self.calendar.clicked.connect(self._on_calendar_chosen)
        self.calendar.activated.connect(self._on_calendar_chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.pick_button)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.line)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("2026-11-01__") + 12)

    # --- value --------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date typed or picked; None when empty or when the text is not a date."""
        try:
            return parse_date(self.line.text())
        except ValueError:
            return None

    def error(self) -> str:
        """What is wrong with the text, or "" when it is a date (or empty and optional)."""
        try:
            value = parse_date(self.line.text())
        except ValueError as exc:
            return str(exc)
        if value is None and not self.optional:
            return "A date is needed here."
        return ""

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText(format_date(value))
        self._mark()

    def text(self) -> str:
        return self.line.text()

    # --- calendar -----------------------------------------------------------------------

    def show_calendar(self) -> None:
        """Open the calendar at the date in the field, or at today when it has none."""
        value = self.value() or dt.date.today()
        date = QDate(value.year, value.month, value.day)
        self.calendar.setSelectedDate(date)
        self.calendar.setCurrentPage(date.year(), date.month())
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _on_calendar_chosen(self, date: QDate) -> None:
        self.calendar.hide()
        self.line.setText(date.toString("yyyy-MM-dd"))
        self.line.setFocus()
        self._mark()
        self.editingFinished.emit()

    # --- slots --------------------------------------------------------------------------

    def _on_clear_clicked(self) -> None:
        self.line.clear()
        self._mark()
        self.editingFinished.emit()

    def _on_line_editing_finished(self) -> None:
        value = self.value()
        if value is not None:
            self.line.setText(format_date(value))  # "11/1/26" is shown as 2026-11-01
        self._mark()
        self.editingFinished.emit()

    def _mark(self) -> None:
        problem = self.error() if self.line.text().strip() else ""
        self.line.setStyleSheet(INVALID_STYLE if problem else "")
        self.line.setToolTip(problem)
        if not problem:
            clear_field_error(self.line)


class _DateLine(QLineEdit):
    """The text part: Alt+Down opens the calendar, as in Qt's own date edits."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        field = self.parent()
        if (
            isinstance(field, DateField)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            field.show_calendar()
            return
        super().keyPressEvent(event)

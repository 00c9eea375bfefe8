"""How a field looks when the user must act on it: one look everywhere."""

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Typed text that cannot be stored: kept as typed, framed red, the reason in its tooltip.
INVALID_STYLE = "border: 1px solid #c42b1c; background-color: #fff0f0; color: #1a1a1a;"


def gap_colour() -> QColor:
    """Red for what is still open, readable on the light and the dark palette.

    The dark red of a light window (#a01818) all but disappears on a dark one.
    """
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#ff8a80" if window.lightness() < 128 else "#a01818")


def gap_text_style() -> str:
    """``gap_colour`` as a style sheet, for labels."""
    return f"color: {gap_colour().name()};"

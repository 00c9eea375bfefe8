"""High-contrast colours of the board: RACI letters, finding marks, for light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# Letter -> (fill, text): strong fills with text that reads from the back of a room.
ROLE_COLOURS: dict[str, tuple[str, str]] = {
    "R": ("#0B4FA8", "#FFFFFF"),
    "A": ("#5B1A8C", "#FFFFFF"),
    "C": ("#F2B400", "#000000"),
    "I": ("#9AA7B0", "#000000"),
}

# Severity -> outline colour of a marked cell or counter.
MARK_COLOURS: dict[str, str] = {
    "blocker": "#D50000",
    "warning": "#E67E00",
    "info": "#2E7DBA",
}


# Severity -> fill of a marked row's header (with black text, on any palette).
HEADER_TINTS: dict[str, str] = {
    "blocker": "#FFC9C9",
    "warning": "#FFE2B3",
    "info": "#D4E6F5",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mark_tint(severity: str, palette: QPalette) -> QColor:
    """A fill behind an empty marked cell: light on a light palette, deep on a dark one."""
    dark = is_dark(palette)
    tints = {
        "blocker": ("#FFD9D9", "#5A1414"),
        "warning": ("#FFE9C7", "#553400"),
        "info": ("#DCEBF7", "#13324A"),
    }
    light_tint, dark_tint = tints.get(severity, ("#EEEEEE", "#333333"))
    return QColor(dark_tint if dark else light_tint)


def header_fill(palette: QPalette) -> QColor:
    return QColor("#2B2F36") if is_dark(palette) else QColor("#E4E8EE")

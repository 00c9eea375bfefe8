"""The board's live counters: blockers, warnings and readiness score, big enough for a projector."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from planner.ui.board.board_colours import MARK_COLOURS
from planner.ui.board.board_findings import BoardFindings

_GOOD = "#1B7F3B"
_NEUTRAL = "#5A6470"


def _shown(value: int | None) -> str:
    return "–" if value is None else str(value)


class BoardCounters(QWidget):
    """Three tiles; a tile turns red or amber while anything of its kind is open."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.blockers = self._tile("blockers", "Blockers")
        self.warnings = self._tile("warnings", "Warnings")
        self.score = self._tile("score", "Readiness")
        for tile in (self.blockers, self.warnings, self.score):
            layout.addWidget(tile)
        self._values: tuple[Any, ...] = ()
        self.show_findings(BoardFindings())

    def _tile(self, name: str, caption: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"board_counter_{name}")
        label.setProperty("caption", caption)
        label.setAccessibleName(caption)
        label.setMargin(8)
        return label

    def show_findings(self, findings: BoardFindings) -> None:
        values = (findings.blockers, findings.warnings, findings.score)
        if values == self._values:
            return  # unchanged counters are not repainted
        self._values = values
        blockers, warnings, score = values
        self._set(self.blockers, blockers, MARK_COLOURS["blocker"] if blockers else _GOOD)
        self._set(self.warnings, warnings, MARK_COLOURS["warning"] if warnings else _GOOD)
        colour = _NEUTRAL if score is None else _GOOD if score >= 80 else MARK_COLOURS["warning"]
        self._set(self.score, score, colour, suffix="" if score is None else "%")
        note = findings.note
        self.setToolTip(note)

    def _set(self, label: QLabel, value: int | None, colour: str, suffix: str = "") -> None:
        if value is None:
            colour = _NEUTRAL
        label.setText(f"{label.property('caption')}  {_shown(value)}{suffix}")
        label.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; font-weight: bold;"
            " border-radius: 6px; }"
        )

    def text_of(self, name: str) -> str:
        """The value a tile shows ("–" when unknown), for tests and accessibility."""
        label = {"blockers": self.blockers, "warnings": self.warnings, "score": self.score}[name]
        return label.text().split("  ", 1)[1].removesuffix("%")

"""Action icons: shipped with their licence, drawn in the palette's colour, on the buttons."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from planner.resources import resource_path
from planner.ui.widgets.icons import themed_icon


def _ink(icon) -> QColor:
    image = icon.pixmap(24, 24).toImage()
    colours = [
        image.pixelColor(x, y)
        for x in range(24)
        for y in range(24)
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert colours, "the icon draws something"
    return colours[0]


def test_icons_follow_the_palette(qtbot):
    app = QGuiApplication.instance()
    before = app.palette()
    light = _ink(themed_icon("plus"))
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#e6e6e6"))
    app.setPalette(dark)
    try:
        assert _ink(themed_icon("plus")).lightness() > 200
    finally:
        app.setPalette(before)
    assert light.lightness() < 100


def test_the_icon_set_ships_with_its_licence():
    folder = resource_path("icons", "lucide")
    assert "ISC License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert len(list(folder.glob("*.svg"))) >= 10


def test_actions_and_buttons_have_icons(open_editor):
    editor = open_editor("Claims Triage", "escalation")
    page = editor.pages["escalation"]
    for button in (
        page.add_level_button,
        page.up_button,
        page.down_button,
        page.delete_level_button,
        page.add_target_button,
    ):
        assert not button.icon().isNull(), button.text()
    panel = editor.pages["documentation"].documents
    assert not panel.add_button.icon().isNull()
    assert not panel.delete_button.icon().isNull()

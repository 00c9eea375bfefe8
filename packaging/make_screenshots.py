"""Regenerate the screenshots in packaging/screenshots/ from a fictional demo workspace.

Run: ``.venv/bin/python packaging/make_screenshots.py`` (offscreen by default), or under
Xvfb with ``QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" ...``. Writes
start-screen.png (the first run), main-window.png, page-<key>.png for each editor page,
directory.png, findings-portfolio.png (all at 1366 x 768), start-screen-1920x1080.png,
main-window-1920x1080.png, findings-portfolio-1920x1080.png, and start-screen-dark.png and
main-window-dark.png (a dark palette).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
# The common laptop and projector size; the pages are shot there, the main window also at
# full HD (main-window-1920x1080.png).
SIZE = (1366, 768)
LARGE = (1920, 1080)


def dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2d30",
        role.WindowText: "#e6e6e6",
        role.Base: "#1e1f22",
        role.AlternateBase: "#26282b",
        role.ToolTipBase: "#3c3f41",
        role.ToolTipText: "#e6e6e6",
        role.Text: "#e6e6e6",
        role.Button: "#35373b",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Highlight: "#2f65ca",
        role.HighlightedText: "#ffffff",
        role.Link: "#6ea8fe",
        role.PlaceholderText: "#8c8f94",
        role.Mid: "#4a4d52",
        role.Dark: "#1a1b1e",
        role.Light: "#4e5157",
        role.Midlight: "#3d4045",
        role.Shadow: "#000000",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#7a7d82"))
    return palette


def settle(app: object, rounds: int = 5) -> None:
    from PySide6.QtCore import QThreadPool

    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]
    QThreadPool.globalInstance().waitForDone(30_000)
    for _ in range(rounds):
        app.processEvents()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from planner.app import make_application
    from planner.demo import create_demo
    from planner.domain.registry import PAGES
    from planner.preferences import Preferences
    from planner.store.workspace import create_workspace
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import WindowSettings

    folder = Path(tempfile.mkdtemp(prefix="screenshots-"))
    # A first run of a fictional user: nothing read from or written to your own settings.
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    # Only shown (where new workspaces go); the script writes nothing there.
    os.environ["XDG_DATA_HOME"] = "/home/sam/.local/share"
    app = make_application([sys.argv[0]])
    QApplication.setStyle("Fusion")
    path = folder / "Meridian handover.handover"
    with create_workspace(path, actor="Workshop facilitator") as ws:
        create_demo(ws, systems=6, seed=1, today=dt.date(2026, 11, 30))
    settings = WindowSettings(QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat))

    def shoot(name: str) -> None:
        window.repaint()
        settle(app)
        window.grab().save(str(out / name))
        print(out / name)

    window = MainWindow(preferences=Preferences(), settings=settings)
    window.resize(*SIZE)
    window.show()
    window.welcome.setFocus()
    shoot("start-screen.png")
    window.resize(*LARGE)
    shoot("start-screen-1920x1080.png")
    window.resize(*SIZE)
    window.open_path(path)
    settle(app)
    nav = window.navigator
    nav.select_system(nav.model.system_id(0))
    shoot("main-window.png")
    for page in PAGES:
        window.editor.show_page(page)
        shoot(f"page-{page}.png")
    window.editor.show_page("overview")
    window.show_directory()
    shoot("directory.png")
    window.show_systems()
    window.findings.show_portfolio(True)
    shoot("findings-portfolio.png")
    window.findings.show_portfolio(False)
    window.resize(*LARGE)
    shoot("main-window-1920x1080.png")
    window.findings.show_portfolio(True)
    shoot("findings-portfolio-1920x1080.png")
    window.findings.show_portfolio(False)

    window.close()
    app.setPalette(dark_palette())  # type: ignore[attr-defined]
    window = MainWindow(preferences=Preferences(), settings=settings)
    window.resize(*SIZE)
    window.show()
    window.welcome.fill([str(path)])
    window.welcome.setFocus()
    shoot("start-screen-dark.png")
    window.open_path(path)
    settle(app)
    window.editor.show_page("ownership")  # a page with open findings, in red on dark
    shoot("main-window-dark.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

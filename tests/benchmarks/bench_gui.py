"""Benchmarks of the GUI: start-up to a painted main window, and an edit to updated findings.

Run: .venv/bin/python tests/benchmarks/bench_gui.py [--repeat R] [--systems N]

Start-up is measured from process start (the parent spawns a fresh interpreter) until the
main window has painted once (its shell: menus, toolbar, "Opening…"), and until the
workspace content has painted ("workspace shown": the window is interactive), with the
six-system demo and with an N-system workspace (default 200). Each figure is printed as a
ratio to a bare PySide6 window started the same way in the same run, because machines here
are noisy: compare ratios, not seconds.

The edit figure is in-process: one RACI cell assigned through ``document.run`` on an
N-system workspace, until the navigator and findings panel show the new analysis.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1400, 860)
spy = Painted()
window.installEventFilter(spy)
window.show()
app.exec()
"""

APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from planner.app import make_application, show_window
from planner.preferences import Preferences
from planner.ui.settings import WindowSettings

class Painted(QObject):
    def __init__(self, marker, then=None):
        super().__init__()
        self.marker, self.then, self.done = marker, then, False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(self.marker, flush=True)
            if self.then is not None:
                QTimer.singleShot(0, self.then)
        return False

app = make_application(sys.argv[:1])
settings = WindowSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
interactive = Painted("interactive", QApplication.quit)

def on_opened(_path):
    # The workspace content is shown once the navigator (part of it) has painted.
    window.navigator.installEventFilter(interactive)

painted = Painted("painted")
# As planner.app.run does: the shell is shown (it paints once the loop runs), then the
# workspace opens. MainWindow sizes itself 1400 x 860, as the bare window is.
window = show_window(Path(sys.argv[1]), preferences=Preferences(), settings=settings)
window.installEventFilter(painted)
window.workspace_opened.connect(on_opened)
app.exec()
"""


def start_up(script: str, *args: str) -> tuple[float, float]:
    """Seconds from spawning the interpreter to the first paint of its window, and to the
    workspace content painted (the same figure for the bare window, which has none)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    painted = time.perf_counter() - started
    if line.strip() != "painted":
        process.wait(timeout=120)
        raise RuntimeError(f"the window did not paint (exit {process.returncode})")
    interactive = painted
    if script is APP:
        line = process.stdout.readline()
        interactive = time.perf_counter() - started
        if line.strip() != "interactive":
            process.wait(timeout=120)
            raise RuntimeError(f"the workspace was not shown (exit {process.returncode})")
    process.wait(timeout=120)
    return painted, interactive


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def make_workspace(path: Path, systems: int) -> Path:
    from planner.demo import create_demo
    from planner.store.workspace import create_workspace

    with create_workspace(path, actor="bench") as ws:
        create_demo(ws, systems=systems, seed=1)
    return path


def bench_edit(path: Path, repeat: int, folder: Path) -> tuple[list[float], list[float]]:
    """Assign RACI cells through the document; time until findings and scores are updated.

    Also returns the same edits made through the bare operation on another system (the
    floor), taking turns with the GUI's, so the figure can be read as a ratio.
    """
    from PySide6.QtCore import QSettings

    from planner.app import make_application
    from planner.operations import assign_raci
    from planner.preferences import Preferences
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import WindowSettings

    app = make_application([sys.argv[0]])
    settings = WindowSettings(QSettings(str(folder / "edit.ini"), QSettings.Format.IniFormat))
    window = MainWindow(preferences=Preferences(), settings=settings)
    window.open_path(path)
    window.show()
    app.processEvents()  # type: ignore[attr-defined]
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()  # the first whole analysis
    app.processEvents()  # type: ignore[attr-defined]
    assert window.tracker is not None
    assert not window.tracker.busy
    document = window.document
    assert document is not None
    plan = document.plan
    system, other = list(plan)[:2]
    window.navigator.select_system(system.id)
    person = next(p for p in plan.people.values() if p.active)
    activities = [a.id for a in plan.activities]
    seen: list[float] = []
    window.tracker.updated.connect(lambda _ids: seen.append(time.perf_counter()))
    times, floor = [], []
    for n in range(repeat):
        # Every edit changes the cell (assigning the letter it already holds is a no-op).
        activity = activities[n % len(activities)]
        role = ("R", "C", "I")[(n + n // len(activities)) % 3]
        seen.clear()
        started = time.perf_counter()
        document.run(
            assign_raci,
            system_id=system.id,
            activity_id=activity,
            role=role,
            person_id=person.id,
        )
        app.processEvents()  # type: ignore[attr-defined]
        if not seen:
            raise RuntimeError("the findings were not updated")
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        assign_raci(
            document.ws, system_id=other.id, activity_id=activity, role=role, person_id=person.id
        )
        floor.append(time.perf_counter() - started)
    window.close()
    return times, floor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--systems", type=int, default=200)
    parser.add_argument("--edit-only", action="store_true", help="skip the start-up figures")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    big = make_workspace(folder / f"big{args.systems}.handover", args.systems)
    if not args.edit_only:
        start_ups(args, big, make_workspace(folder / "demo.handover", 6), folder)
    edits, floor = bench_edit(big, max(9, args.repeat * 3), folder)
    print(
        f"RACI edit -> findings updated, {args.systems} systems: "
        f"{median_ms(edits):6.1f} ms median of {len(edits)}"
        f"  = {median_ms(edits) / median_ms(floor):4.1f} x the bare operation"
        f" ({median_ms(floor):.1f} ms)"
    )
    return 0


def start_ups(args: argparse.Namespace, big: Path, demo: Path, folder: Path) -> None:
    """Print the start-up figures, as ratios to a bare PySide6 window."""
    ini = str(folder / "window.ini")

    bare: list[float] = []
    small: list[tuple[float, float]] = []
    large: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        bare.append(start_up(BARE)[0])
        small.append(start_up(APP, str(demo), ini))
        large.append(start_up(APP, str(big), ini))
    base = median_ms(bare)
    print(f"bare PySide6 window painted:          {base:7.0f} ms (median of {args.repeat})")
    for label, values in (("demo (6 systems)", small), (f"{args.systems} systems", large)):
        for n, what in enumerate(("main window painted,", "workspace shown,   ")):
            ms = median_ms([v[n] for v in values])
            print(f"{what} {label:17}{ms:7.0f} ms  = {ms / base:4.2f} x bare")


if __name__ == "__main__":
    sys.exit(main())

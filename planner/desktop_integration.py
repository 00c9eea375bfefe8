"""Install the app into the user's desktop (freedesktop.org): menu entry, icon, file type.

``install_desktop()`` writes, under ``$XDG_DATA_HOME`` (default ``~/.local/share``):

- ``applications/handover-planner.desktop``, which opens ``.handover`` files;
- ``icons/hicolor/scalable/apps/handover-planner.svg`` (also the file type's icon);
- ``mime/packages/handover-planner.xml``, the shared-mime-info type for ``*.handover``;

then refreshes the MIME and desktop databases when their tools are there.
``uninstall_desktop()`` removes exactly those files again. No Qt here: the CLI runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from planner.domain.errors import PlannerError
from planner.resources import resource_path

APP_ID = "handover-planner"
MIME_TYPE = "application/x-handover-workspace"
EXTENSION = ".handover"

# The same keys as packaging/handover-planner.desktop (a test keeps them in step); only
# Exec and TryExec differ, because they name the program this installation runs.
DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.4
Name=Handover Planner
GenericName=AI system handover planner
Comment=Plan who keeps an AI system running after the pilot
Exec={exec_line} open %f
TryExec={try_exec}
Icon=handover-planner
Terminal=false
Categories=Office;ProjectManagement;Qt;
Keywords=AI;handover;RACI;escalation;runbook;sign-off;operations;
MimeType={mime_type};
StartupNotify=true
StartupWMClass=handover-planner
"""

# A workspace is an SQLite file whose header holds our application_id ("HOVR") at byte 68.
MIME_XML = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Handover Planner workspace</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="{APP_ID}"/>
    <glob pattern="*{EXTENSION}"/>
    <magic priority="60">
      <match type="string" value="SQLite format 3" offset="0">
        <match type="big32" value="0x484F5652" offset="68"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


class DesktopIntegrationError(PlannerError):
    """The desktop integration cannot be installed here (not a freedesktop.org system)."""


@dataclass
class DesktopReport:
    """What an install or uninstall did, for the command line to print."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_paths(base: Path) -> dict[str, Path]:
    """The files install_desktop writes under ``base``, by kind."""
    return {
        "desktop": base / "applications" / f"{APP_ID}.desktop",
        "icon": base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "mime": base / "mime" / "packages" / f"{APP_ID}.xml",
    }


def launcher() -> list[str]:
    """The command that starts this installation of the app, as absolute paths.

    An AppImage names itself in $APPIMAGE; a frozen bundle is its own executable; a pip
    install has the ``handover-planner`` script beside its Python; anything else runs the
    package with this Python.
    """
    if appimage := os.environ.get("APPIMAGE"):
        return [str(Path(appimage).resolve())]
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).parent / APP_ID
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "planner"]


def exec_quote(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry spec asks and escaped as a string."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`=%")
    if argument and not reserved & set(argument):
        return argument
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # "%" starts a field code unless doubled; string escaping then doubles each backslash.
    return '"' + quoted.replace("%", "%%").replace("\\", "\\\\") + '"'


def desktop_entry(command: list[str]) -> str:
    """The desktop entry text for a launcher command (absolute paths)."""
    exec_line = " ".join(exec_quote(part) for part in command)
    try_exec = command[0].replace("\\", "\\\\")
    return DESKTOP_ENTRY.format(exec_line=exec_line, try_exec=try_exec, mime_type=MIME_TYPE)


def _require_freedesktop() -> None:
    if sys.platform in ("win32", "darwin"):
        raise DesktopIntegrationError(
            "install-desktop is for Linux desktops; on Windows and macOS start the app "
            "from its folder or make a shortcut to it"
        )


def _refresh(base: Path, report: DesktopReport) -> None:
    """Rebuild the MIME cache (without it no file manager knows the type) and the desktop
    database; a machine without the tools gets a note, not an error."""
    tools = [
        ("update-mime-database", base / "mime"),
        ("update-desktop-database", base / "applications"),
    ]
    for tool, folder in tools:
        program = shutil.which(tool)
        if program is None:
            report.notes.append(f"{tool} is not installed; the desktop may pick this up later")
            continue
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([program, str(folder)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            report.notes.append(f"{tool} failed: {done.stderr.strip() or done.returncode}")


def install_desktop(base: Path | None = None, command: list[str] | None = None) -> DesktopReport:
    """Write the desktop entry, the icon and the MIME type under ``base`` (XDG data home)."""
    _require_freedesktop()
    base = base or data_home()
    contents = {
        "desktop": desktop_entry(command or launcher()).encode(),
        "icon": resource_path("icons", f"{APP_ID}.svg").read_bytes(),
        "mime": MIME_XML.encode(),
    }
    report = DesktopReport()
    for key, path in installed_paths(base).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(contents[key])
        partial.replace(path)
        report.files.append(path)
    _refresh(base, report)
    return report


def uninstall_desktop(base: Path | None = None) -> DesktopReport:
    """Remove what ``install_desktop`` wrote (and nothing else); missing files are fine."""
    _require_freedesktop()
    base = base or data_home()
    report = DesktopReport()
    for path in installed_paths(base).values():
        if path.exists():
            path.unlink()
            report.files.append(path)
    if report.files:
        _refresh(base, report)
    return report

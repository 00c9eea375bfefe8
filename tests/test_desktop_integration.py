"""install-desktop / uninstall-desktop, run with XDG_DATA_HOME in a temporary folder."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from planner import cli, desktop_integration
from planner.desktop_integration import (
    MIME_TYPE,
    desktop_entry,
    exec_quote,
    install_desktop,
    installed_paths,
)

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"


def _entry(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path / "share"


def test_install_desktop_writes_entry_icon_and_mime_type(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["install-desktop"]) == cli.EXIT_OK
    paths = installed_paths(data_home)
    out = capsys.readouterr().out
    for path in paths.values():
        assert path.is_file()
        assert f"wrote {path}" in out
    entry = _entry(paths["desktop"].read_text())
    assert entry["MimeType"] == f"{MIME_TYPE};"
    assert entry["Exec"].endswith(" open %f")
    assert Path(entry["TryExec"]).is_absolute()
    assert "*.handover" in paths["mime"].read_text()
    assert paths["icon"].read_bytes().startswith(b"<svg")


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="needs shared-mime-info")
def test_the_mime_database_knows_handover_files_until_uninstalled(data_home: Path) -> None:
    install_desktop()
    globs = data_home / "mime" / "globs2"
    assert f"{MIME_TYPE}:*.handover" in globs.read_text()
    assert cli.main(["uninstall-desktop"]) == cli.EXIT_OK
    assert "handover" not in globs.read_text()


def test_uninstall_removes_only_what_install_wrote(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = data_home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    install_desktop()
    assert cli.main(["uninstall-desktop"]) == cli.EXIT_OK
    assert not any(path.exists() for path in installed_paths(data_home).values())
    assert other.exists()
    capsys.readouterr()
    assert cli.main(["uninstall-desktop"]) == cli.EXIT_OK
    assert "nothing to remove" in capsys.readouterr().out


def test_refuses_on_windows_with_one_line(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop_integration.sys, "platform", "win32")
    assert cli.main(["install-desktop"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "Linux desktops" in err
    assert len(err.strip().splitlines()) == 1
    assert not data_home.exists()


def test_entry_matches_the_shipped_desktop_file_but_for_the_program() -> None:
    shipped = _entry((PACKAGING / "handover-planner.desktop").read_text())
    generated = _entry(desktop_entry(["/opt/handover-planner/handover-planner"]))
    for key in ("Exec", "TryExec"):
        shipped.pop(key)
        generated.pop(key)
    assert generated == shipped


def test_exec_quotes_paths_with_spaces_and_reserved_characters() -> None:
    assert exec_quote("/usr/bin/handover-planner") == "/usr/bin/handover-planner"
    assert exec_quote("/home/a b/bin/app") == '"/home/a b/bin/app"'
    # "$" is escaped for the shell-like Exec syntax, then the backslash for the string.
    assert exec_quote("/x/$HOME/100%") == '"/x/\\\\$HOME/100%%"'


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "handover-planner.desktop"
    path.write_text(desktop_entry(["/home/a b/venv/bin/handover-planner"]))
    done = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_metainfo_names_this_version_and_the_workspace_type() -> None:
    import xml.etree.ElementTree as ET

    from planner import __version__

    root = ET.parse(PACKAGING / "handover-planner.metainfo.xml").getroot()
    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    assert root.findtext("provides/mediatype") == MIME_TYPE
    assert root.findtext("launchable") == "handover-planner.desktop"

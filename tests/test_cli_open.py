"""``handover-planner open`` and the bare ``handover-planner URL|FILE``: which window starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import cli

URL = "postgresql://ana@db.example/handover"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, bool]]:
    """What the GUI would have been started on (no window is shown)."""
    import planner.app

    calls: list[tuple[object, bool]] = []
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(
        planner.app, "run", lambda path, create=False: calls.append((path, create)) or 0
    )
    return calls


@pytest.mark.parametrize("argv", [["open", URL], [URL], [f"  {URL}"]])
def test_a_server_url_opens_the_window_on_the_server(
    started: list[tuple[object, bool]], argv: list[str]
) -> None:
    assert cli.main(argv) == 0
    assert started == [(URL, False)]


def test_a_bare_existing_file_opens_like_open(
    started: list[tuple[object, bool]], tmp_path: Path
) -> None:
    path = tmp_path / "plan.handover"
    path.write_bytes(b"")
    assert cli.main([str(path)]) == 0
    assert started == [(path, False)]


def test_a_bare_word_that_is_no_file_is_still_a_bad_command(
    started: list[tuple[object, bool]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["no-such-thing.handover"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert started == []


def test_recent_server_urls_are_kept_without_their_password(tmp_path: Path) -> None:
    from planner.preferences import Preferences

    preferences = Preferences()
    preferences.add_recent("postgresql://ana:s3cret@db.example:6543/plans?sslmode=require")
    preferences.add_recent(tmp_path / "plan.handover")
    preferences.save(tmp_path / "preferences.json")
    text = (tmp_path / "preferences.json").read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert Preferences.load(tmp_path / "preferences.json").recent_files == [
        str((tmp_path / "plan.handover").resolve()),
        "postgresql://ana@db.example:6543/plans?sslmode=require",
    ]


def test_a_command_stays_a_command_when_a_file_has_its_name(
    started: list[tuple[object, bool]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "templates").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["templates"]) == 0
    assert started == []
    assert capsys.readouterr().out

"""The command line, run in-process: exit codes, one-line errors, files left untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner import __version__, cli
from planner.domain.templates import load_templates
from planner.store.workspace import create_workspace, open_workspace

Capture = pytest.CaptureFixture[str]


def scratch_folder() -> Path:
    """A fresh folder on tmpfs where there is one: on a disk, SQLite's fsyncs dominate."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="handover-test-", dir=shm if shm.is_dir() else None))


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """Overrides pytest's, so the workspace files land on tmpfs too."""
    folder = scratch_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_file() -> Iterator[Path]:
    """A demo workspace made once through the CLI; tests that change files use copies."""
    folder = scratch_folder()
    path = folder / "demo.handover"
    assert cli.main(["demo", str(path)]) == 0
    yield path
    shutil.rmtree(folder, ignore_errors=True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def audit_operations(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT operation FROM audit_event ORDER BY seq")]
    finally:
        conn.close()


def one_error_line(capsys: Capture) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert lines[0].startswith("handover-planner: ")
    return lines[0]


# --- version, help, templates ---------------------------------------------------------


@pytest.mark.parametrize("argv", [["--version"], ["templates", "--version"]])
def test_version(capsys: Capture, argv: list[str]) -> None:
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.strip().endswith(__version__)


COMMANDS = [
    [],
    ["open"],
    ["new"],
    ["demo"],
    ["import"],
    ["export"],
    ["export", "json"],
    ["templates"],
    ["audit"],
    ["audit-head"],
    ["bring-back"],
    ["check"],
    ["copy"],
    ["install-desktop"],
    ["reassign"],
    ["rules"],
    ["server"],
    ["uninstall-desktop"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_help_on_each_command(capsys: Capture, command: list[str]) -> None:
    assert cli.main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: handover-planner")
    assert "--help" in out


def test_every_subcommand_has_a_help_test() -> None:
    # Both ways: a command added without a help test fails here (it did not: nine had none).
    covered = {c[0] for c in COMMANDS if c}
    assert covered == set(cli.build_parser().command_names)


def test_templates_lists_every_template(capsys: Capture) -> None:
    assert cli.main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    templates = load_templates()
    assert len(lines) == len(templates)
    for line, template in zip(lines, templates.values(), strict=True):
        assert line.startswith(template.key)
        assert template.name in line


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["new"],
        ["export"],
        ["export", "json", "x.handover"],
        ["audit", "x", "--limit", "0"],
    ],
    ids=["unknown command", "missing path", "no format", "no output", "limit 0"],
)
def test_bad_command_lines_exit_2_with_one_line(capsys: Capture, argv: list[str]) -> None:
    assert cli.main(argv) == 2
    one_error_line(capsys)


# --- new, demo ------------------------------------------------------------------------


def test_new_creates_an_empty_workspace(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path)]) == 0
    assert str(path) in capsys.readouterr().out
    assert table_count(path, "ai_system") == 0
    assert table_count(path, "activity") == 9
    with open_workspace(path, read_only=True) as ws:
        assert ws.path == path


@pytest.mark.parametrize("key", ["document_extraction", "anomaly_detection"])
def test_new_with_a_template(tmp_path: Path, key: str) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path), "--template", key]) == 0
    conn = sqlite3.connect(path)
    try:
        systems = conn.execute("SELECT name, template FROM ai_system").fetchall()
    finally:
        conn.close()
    assert systems == [(load_templates()[key].name, key)]
    assert table_count(path, "document") == len(load_templates()[key].documents)


def test_new_with_a_template_and_a_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path), "--template", "ai_copilot", "--name", "Copilot EU"]) == 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM ai_system").fetchall() == [("Copilot EU",)]
    finally:
        conn.close()


def test_new_refuses_an_existing_file(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.handover"
    path.write_text("precious notes", encoding="utf-8")
    digest = sha256(path)
    assert cli.main(["new", str(path)]) == 2
    assert "plan.handover" in one_error_line(capsys)
    assert sha256(path) == digest


def test_new_refuses_an_existing_workspace(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path)]) == 0
    capsys.readouterr()
    digest = sha256(path)
    assert cli.main(["new", str(path), "--template", "ai_copilot"]) == 2
    assert "already exists" in one_error_line(capsys)
    assert sha256(path) == digest


def test_new_with_an_unknown_template_creates_nothing(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path), "--template", "nope"]) == 2
    assert "nope" in one_error_line(capsys)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_demo_creates_a_workspace(demo_file: Path) -> None:
    assert table_count(demo_file, "ai_system") == 6
    assert table_count(demo_file, "person") > 0
    operations = audit_operations(demo_file)
    assert operations[:2] == ["create_workspace", "import_workspace"]
    assert set(operations[2:]) <= {"sign_off"}


def test_demo_with_fewer_systems(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "small.handover"
    assert cli.main(["demo", str(path), "--systems", "2", "--seed", "7"]) == 0
    assert str(path) in capsys.readouterr().out
    assert table_count(path, "ai_system") == 2


# --- import, export, audit ------------------------------------------------------------


def test_import_creates_the_target(demo_file: Path, tmp_path: Path, capsys: Capture) -> None:
    exported = tmp_path / "a.json"
    assert cli.main(["export", "json", str(demo_file), "-o", str(exported)]) == 0
    target = tmp_path / "new.handover"
    assert cli.main(["import", str(target), str(exported)]) == 0
    assert "import 6 systems" in capsys.readouterr().out
    assert table_count(target, "ai_system") == 6


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"format_version": 99, "workspace": {}}', b"\xff\xfe\x00"],
    ids=["bad json", "array", "version 2", "binary"],
)
def test_import_of_a_bad_file_creates_nothing(
    tmp_path: Path, capsys: Capture, content: bytes
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    target = tmp_path / "new.handover"
    assert cli.main(["import", str(target), str(source)]) == 2
    assert "bad.json: " in one_error_line(capsys)  # the file, then what is wrong with it
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_import_that_fails_late_removes_the_new_target(
    demo_file: Path, tmp_path: Path, capsys: Capture
) -> None:
    """A file that parses but names a missing row fails inside the import operation."""
    exported = tmp_path / "a.json"
    assert cli.main(["export", "json", str(demo_file), "-o", str(exported)]) == 0
    document = json.loads(exported.read_bytes())
    document["raci"][0]["person_id"] = "8b0e8f4e-3c59-4d43-9c1e-3f1a3e4b5c6d"
    exported.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    target = tmp_path / "new.handover"
    assert cli.main(["import", str(target), str(exported)]) == 2
    assert "$.raci[0].person_id" in one_error_line(capsys)
    assert not target.exists()


def test_import_of_a_bad_file_leaves_an_existing_target_untouched(
    demo_file: Path, tmp_path: Path, capsys: Capture
) -> None:
    target = tmp_path / "mine.handover"
    shutil.copyfile(demo_file, target)
    digest = sha256(target)
    source = tmp_path / "bad.json"
    source.write_text('{"format_version": 1, "workspace": {}, "people": [{}]}', encoding="utf-8")
    assert cli.main(["import", str(target), str(source)]) == 2
    assert "$.people[0]" in one_error_line(capsys)
    assert sha256(target) == digest


@pytest.mark.parametrize("missing", ["file", "folder"])
def test_import_of_a_missing_or_folder_source(
    tmp_path: Path, capsys: Capture, missing: str
) -> None:
    source = tmp_path / "in.json"
    if missing == "folder":
        source.mkdir()
    target = tmp_path / "new.handover"
    assert cli.main(["import", str(target), str(source)]) == 2
    assert "in.json" in one_error_line(capsys)
    assert not target.exists()


@pytest.mark.parametrize("audit", [False, True])
def test_export_json(demo_file: Path, tmp_path: Path, capsys: Capture, audit: bool) -> None:
    digest = sha256(demo_file)
    out = tmp_path / "out.json"
    argv = ["export", "json", str(demo_file), "-o", str(out)] + (["--audit"] if audit else [])
    assert cli.main(argv) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    document = json.loads(out.read_bytes())
    assert len(document["systems"]) == 6
    assert ("audit" in document) is audit
    if audit:
        assert [e["operation"] for e in document["audit"]] == audit_operations(demo_file)
        assert [e["seq"] for e in document["audit"]] == list(range(1, len(document["audit"]) + 1))
    assert sha256(demo_file) == digest  # exporting never writes to the workspace


def test_export_json_into_a_missing_folder_is_a_user_error(
    demo_file: Path, tmp_path: Path, capsys: Capture
) -> None:
    out = tmp_path / "nowhere" / "out.json"
    assert cli.main(["export", "json", str(demo_file), "-o", str(out)]) == 2
    one_error_line(capsys)
    assert not out.parent.exists()


def test_audit(demo_file: Path, capsys: Capture) -> None:
    assert cli.main(["audit", str(demo_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    operations = audit_operations(demo_file)
    assert len(lines) == len(operations) >= 2
    assert [line.split()[0] for line in lines] == [str(n) for n in range(1, len(lines) + 1)]
    for line, operation in zip(lines, operations, strict=True):
        assert f" {operation} " in line
    assert "create_workspace" in lines[0]
    assert "import_workspace" in lines[1]


def test_audit_limit_shows_the_newest(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "plan.handover"
    assert cli.main(["new", str(path), "--template", "ai_copilot", "--name", "Mine"]) == 0
    assert cli.main(["demo", str(path), "--systems", "2"]) == 0
    capsys.readouterr()
    assert cli.main(["audit", str(path)]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert len(everything) >= 3
    assert "add_system" in everything[1]
    assert cli.main(["audit", str(path), "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == everything[-2:]
    assert cli.main(["audit", str(path), "--limit", "100"]) == 0
    assert capsys.readouterr().out.splitlines() == everything


def test_done_criterion_demo_export_import_export(tmp_path: Path) -> None:
    w, w2 = tmp_path / "w.handover", tmp_path / "w2.handover"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert cli.main(["demo", str(w)]) == 0
    assert cli.main(["export", "json", str(w), "-o", str(a)]) == 0
    assert cli.main(["import", str(w2), str(a)]) == 0
    assert cli.main(["export", "json", str(w2), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert len(json.loads(a.read_bytes())["systems"]) == 6


# --- bad workspace files --------------------------------------------------------------


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("Minutes of the handover workshop\n" * 50, encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE bookmarks (url TEXT)")
        conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.close()


def _truncated(path: Path) -> None:
    source = path.with_name("whole.handover")
    create_workspace(source, actor="tester").close()
    data = source.read_bytes()
    source.unlink()
    path.write_bytes(data[: len(data) // 2])


def _newer(path: Path) -> None:
    create_workspace(path, actor="tester").close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.close()


def _folder(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


BAD_FILES = {
    "empty": (_empty, "empty"),
    "text": (_text, "not a Handover Planner workspace"),
    "foreign sqlite": (_foreign_sqlite, "another program"),
    "truncated": (_truncated, "truncated or damaged"),
    "newer revision": (_newer, "newer version"),
    "folder": (_folder, "folder"),
    "missing": (_missing, "no such file"),
}

READ_COMMANDS = {
    "export json": lambda p, out: ["export", "json", str(p), "-o", str(out / "out.json")],
    "audit": lambda p, out: ["audit", str(p)],
}
# Commands that write into an existing workspace must refuse a bad one just the same.
WRITE_COMMANDS = {
    "demo": lambda p, out: ["demo", str(p)],
    "import": lambda p, out: ["import", str(p), str(out / "in.json")],
}


def fingerprint(path: Path) -> str:
    if path.is_dir():
        return "folder:" + ",".join(sorted(p.name for p in path.iterdir()))
    if not path.exists():
        return "missing"
    return sha256(path)


# demo and import create a missing workspace (tested above), so "missing" is read-only.
BAD_CASES = [
    pytest.param(command, bad, id=f"{command}-{bad}")
    for command in [*READ_COMMANDS, *WRITE_COMMANDS]
    for bad in BAD_FILES
    if not (bad == "missing" and command in WRITE_COMMANDS)
]


@pytest.mark.parametrize(("command", "bad"), BAD_CASES)
def test_bad_workspace_files_are_refused_and_untouched(
    tmp_path: Path, capsys: Capture, bad: str, command: str, demo_file: Path
) -> None:
    make, words = BAD_FILES[bad]
    path = tmp_path / "Quarterly plan.handover"
    make(path)
    out = tmp_path / "out"
    out.mkdir()
    if command == "import":
        assert cli.main(["export", "json", str(demo_file), "-o", str(out / "in.json")]) == 0
        capsys.readouterr()
    before = fingerprint(path)
    argv = {**READ_COMMANDS, **WRITE_COMMANDS}[command](path, out)

    assert cli.main(argv) == 2

    line = one_error_line(capsys)
    assert "Quarterly plan.handover" in line
    assert words in line
    assert fingerprint(path) == before
    assert capsys.readouterr().out == ""
    assert not (out / "out.json").exists()
    leftovers = {p.name for p in tmp_path.iterdir()} - {"out", "Quarterly plan.handover"}
    assert leftovers == set()


# --- unexpected errors and the GUI ----------------------------------------------------


def test_unexpected_error_exits_70_and_logs_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    def explode(_args: object) -> int:
        raise RuntimeError("kaboom in the handler")

    monkeypatch.setattr(cli, "cmd_templates", explode)
    assert cli.main(["templates"]) == 70
    line = one_error_line(capsys)
    assert "unexpected error (RuntimeError)" in line
    log = Path(line.rsplit("details in ", 1)[1])
    assert log.is_file()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "RuntimeError: kaboom in the handler" in text
    assert "explode" in text


@pytest.mark.parametrize("argv", [[], ["open", "plan.handover"]], ids=["default", "open"])
def test_gui_without_a_display_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: Capture, tmp_path: Path, argv: list[str]
) -> None:
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    assert "no display" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


# --- damaged content, failures after creating (found by fault injection) --------------


def _corrupt_column(path: Path, statement: str) -> None:
    create_workspace(path, actor="tester").close()
    cli.main(["new", str(path.with_name("t.handover")), "--template", "ai_copilot"])
    shutil.copyfile(path.with_name("t.handover"), path)
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE ai_system SET stage = 'not-a-stage'",
        "UPDATE ai_system SET go_live = 'yesterday-ish'",
        "UPDATE document SET title = CAST(x'c328ff' AS TEXT)",
    ],
)
@pytest.mark.parametrize(
    "command",
    [["check"], ["export", "json"], ["export", "pdf"], ["audit"]],
)
def test_damaged_values_are_one_line_never_exit_70(
    tmp_path: Path, capsys: Capture, statement: str, command: list[str]
) -> None:
    path = tmp_path / "damaged.handover"
    _corrupt_column(path, statement)
    argv = [*command, str(path)]
    if command[0] == "export":
        argv += ["-o", str(tmp_path / f"out.{command[1]}")]
    if command == ["export", "pdf"]:
        argv += ["--kind", "portfolio"]
    capsys.readouterr()

    code = cli.main(argv)

    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    assert "unexpected error" not in err
    assert "Traceback" not in err
    assert err.count("\n") <= 1


def test_a_new_target_is_removed_whatever_the_import_fails_with(
    demo_file: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.operations.interchange as interchange

    exported = tmp_path / "a.json"
    assert cli.main(["export", "json", str(demo_file), "-o", str(exported)]) == 0

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(interchange, "import_workspace", boom)
    target = tmp_path / "new.handover"
    assert cli.main(["import", str(target), str(exported)]) == 70
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def _cover_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(pdf).pages[0].extract_text()


def test_export_pdf_by_names_who_exported_it_on_the_cover_and_in_the_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    path, out = tmp_path / "w.db", tmp_path / "p.pdf"
    assert cli.main(["demo", str(path)]) == 0
    command = ["export", "pdf", str(path), "-o", str(out), "--system", "Claims Triage"]
    assert cli.main([*command, "--by", "Ana Lima"]) == 0
    assert "Ana Lima" in _cover_text(out)
    assert PdfReader(out).metadata.author == "Ana Lima"


def test_a_cover_without_a_name_says_how_to_set_one_never_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen on a machine with no USER and no name in the preferences: 'Exported by unknown'."""
    from planner.preferences import Preferences

    for variable in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(Preferences, "load", classmethod(lambda cls: cls()))
    path, out = tmp_path / "w.db", tmp_path / "p.pdf"
    assert cli.main(["demo", str(path)]) == 0
    assert cli.main(["export", "pdf", str(path), "-o", str(out), "--kind", "portfolio"]) == 0
    cover = " ".join(_cover_text(out).split())
    assert "unknown" not in cover
    assert "Preferences" in cover
    assert "--by" in cover


@pytest.mark.parametrize("kind", ["pdf", "raci", "pagerduty", "backstage"])
def test_a_path_after_system_names_says_where_the_path_goes(
    capsys: Capture, tmp_path: Path, kind: str
) -> None:
    # --system takes every name after it, so a path typed last was read as a system name
    # and the error said only that PATH was missing.
    argv = [
        "export",
        kind,
        "-o",
        str(tmp_path / "out"),
        "--system",
        "Claims Triage",
        "plan.handover",
    ]
    assert cli.main(argv) == 2
    line = one_error_line(capsys)
    assert "PATH" in line
    assert "before --system" in line


def test_importing_a_file_that_is_not_json_names_the_file(capsys: Capture, tmp_path: Path) -> None:
    source = tmp_path / "notes.json"
    source.write_text("garbage", encoding="utf-8")
    assert cli.main(["import", str(tmp_path / "plan.handover"), str(source)]) == 2
    line = one_error_line(capsys)
    assert "notes.json: not valid JSON" in line  # not "$: not valid JSON": which file?
    assert not (tmp_path / "plan.handover").exists()


def test_a_demo_too_large_to_be_meant_is_refused_at_once(capsys: Capture, tmp_path: Path) -> None:
    # "--systems 999999" ran for hours writing a file of gigabytes; the demo goes to
    # 10,000 systems, five times the largest portfolio the benchmarks measure.
    path = tmp_path / "big.handover"
    assert cli.main(["demo", str(path), "--systems", "999999"]) == 2
    assert "at most 10,000" in one_error_line(capsys)
    assert not path.exists()

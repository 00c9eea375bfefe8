"""Schema migrations: the revision list, upgrades with data, backups, failed upgrades."""

from __future__ import annotations

import hashlib
import itertools
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from old_workspaces import downgrade

from planner.operations import add_system
from planner.store import migrations
from planner.store.database import make_engine
from planner.store.plan_loader import load_plan
from planner.store.workspace import WorkspaceError, create_workspace, open_workspace

VERSIONS = migrations.SCRIPT_LOCATION / "versions"

ADD_COLUMN = '''"""add a column"""
import sqlalchemy as sa
from alembic import op

revision = "0099_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ai_system") as batch:
        batch.add_column(sa.Column("nickname", sa.String(50), nullable=False, server_default="x"))
    op.execute("UPDATE ai_system SET nickname = 'upgraded'")
'''

FAILING = '''"""a migration that fails half-way"""
import sqlalchemy as sa
from alembic import op

revision = "0099_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("ai_system") as batch:
        batch.add_column(sa.Column("nickname", sa.String(50)))
    op.execute("UPDATE no_such_table SET x = 1")
'''


def test_revision_list_matches_the_migration_scripts() -> None:
    found = []
    for script in VERSIONS.glob("*.py"):
        match = re.search(r"^revision = ['\"](.+?)['\"]", script.read_text(), re.MULTILINE)
        assert match, script
        found.append(match.group(1))
    assert sorted(found) == sorted(migrations.REVISIONS)
    assert migrations.REVISIONS[-1] == migrations.HEAD


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install a copy of the migration scripts plus one more revision written by the test."""

    head = migrations.HEAD

    def install(source: str) -> None:
        scripts = tmp_path / "migrations"
        shutil.copytree(
            migrations.SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__")
        )
        (scripts / "versions" / "0099_test.py").write_text(source.replace("{head}", head))
        monkeypatch.setattr(migrations, "SCRIPT_LOCATION", scripts)
        monkeypatch.setattr(migrations, "REVISIONS", (*migrations.REVISIONS, "0099_test"))
        monkeypatch.setattr(migrations, "HEAD", "0099_test")

    return install


def _old_workspace(path: Path) -> None:
    ws = create_workspace(path, actor="tester")
    add_system(ws, name="Claims triage", template="claims_review_support")
    ws.close()


def test_upgrade_keeps_data_and_backs_up_first(tmp_path: Path, next_revision) -> None:
    path = tmp_path / "old.handover"
    _old_workspace(path)
    original = path.read_bytes()
    next_revision(ADD_COLUMN)

    ws = open_workspace(path)
    plan = load_plan(ws)
    ws.close()

    assert [s.name for s in plan] == ["Claims triage"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT nickname FROM ai_system").fetchone() == ("upgraded",)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099_test",)
    conn.close()
    (backup,) = tmp_path.glob(f"old.before-{migrations.REVISIONS[-2]}-*.bak")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
        migrations.REVISIONS[-2],
    )
    assert conn.execute("SELECT name FROM ai_system").fetchall() == [("Claims triage",)]
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert len(backup.read_bytes()) == len(original)


def test_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path, next_revision) -> None:
    path = tmp_path / "old.handover"
    _old_workspace(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    next_revision(FAILING)

    with pytest.raises(Exception, match="no_such_table"):
        open_workspace(path)

    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "half_done" not in tables
    assert not any(name.startswith("_alembic_tmp") for name in tables)
    assert not (tmp_path / "old.handover.lock").exists()


def test_read_only_open_never_migrates(tmp_path: Path, next_revision) -> None:
    path = tmp_path / "old.handover"
    _old_workspace(path)
    before = path.read_bytes()
    next_revision(ADD_COLUMN)

    with pytest.raises(WorkspaceError, match="older version"):
        open_workspace(path, read_only=True)
    assert path.read_bytes() == before


REBUILD_PERSON = '''"""rebuild the person table, as batch migrations do for most changes"""
import sqlalchemy as sa
from alembic import op

revision = "0099_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", recreate="always") as batch:
        batch.add_column(sa.Column("pronouns", sa.String(32), nullable=False, server_default=""))
'''

BREAKS_REFERENCES = '''"""a migration that leaves RACI rows pointing at nobody"""
from alembic import op

revision = "0099_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM person")
'''

_DEPENDANTS = ("raci_assignment", "sign_off", "escalation_target", "person")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _DEPENDANTS}
    finally:
        conn.close()


def _files(folder: Path) -> list[str]:
    """What is beside the workspace (the test's migration scripts aside)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "migrations")


def _demo_workspace(path: Path) -> None:
    from planner.demo import create_demo

    ws = create_workspace(path, actor="tester")
    create_demo(ws, systems=3, seed=1)
    ws.close()


def test_a_table_rebuild_does_not_cascade_to_rows_that_reference_it(
    tmp_path: Path, next_revision
) -> None:
    path = tmp_path / "old.handover"
    _demo_workspace(path)
    before = _counts(path)
    assert min(before.values()) > 0
    next_revision(REBUILD_PERSON)

    open_workspace(path).close()

    assert _counts(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM person WHERE pronouns = ''").fetchone()[0] > 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_a_migration_that_breaks_references_is_refused(tmp_path: Path, next_revision) -> None:
    path = tmp_path / "old.handover"
    _demo_workspace(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    next_revision(BREAKS_REFERENCES)

    with pytest.raises(WorkspaceError, match="broken references"):
        open_workspace(path)

    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert _files(tmp_path) == ["old.handover"]


def test_a_failed_upgrade_says_one_line_and_keeps_no_backup(
    tmp_path: Path, next_revision, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    path = tmp_path / "old.handover"
    _old_workspace(path)
    next_revision(FAILING)

    assert main(["check", str(path)]) == 2  # read-only: refuses to migrate, one line
    assert main(["demo", str(path), "--systems", "1"]) == 2
    err = capsys.readouterr().err
    assert "left as it was" in err
    assert "Traceback" not in err
    assert _files(tmp_path) == ["old.handover"]


def test_a_backup_that_cannot_be_written_stops_the_upgrade(
    tmp_path: Path, next_revision, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.store import workspace

    path = tmp_path / "old.handover"
    _old_workspace(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    next_revision(ADD_COLUMN)

    def disk_full(_source: object, destination: Path) -> None:
        destination.write_bytes(b"")  # what SQLite leaves when the first page cannot go out
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(workspace, "backup_to", disk_full)
    with pytest.raises(WorkspaceError, match="disk is full"):
        open_workspace(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert _files(tmp_path) == ["old.handover"]


def test_upgrading_an_old_file_chains_its_audit_trail(tmp_path: Path) -> None:
    from planner.store.audit_chain import verify

    path = tmp_path / "old.handover"
    _demo_workspace(path)
    downgrade(path, "0001_baseline")

    ws = open_workspace(path)
    with ws.read() as session:
        assert verify(session) == []
    ws.close()
    assert list(tmp_path.glob("old.before-0001_baseline-*.bak"))


def test_upgrading_a_0004_file_gives_the_reader_fields_their_defaults(tmp_path: Path) -> None:
    """Severity definitions take the default wording; plan hashes (signatures) do not move."""
    from planner.domain.plan_hash import plan_hash
    from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS

    path = tmp_path / "old.handover"
    _demo_workspace(path)
    with sqlite3.connect(path) as raw:
        # As a 0004 file holds them: no dashboards, no resolution targets yet.
        raw.execute("UPDATE ai_system SET dashboards = ''")
        raw.execute("UPDATE support_tier SET resolution_minutes = NULL, escalate_when = ''")
    ws = open_workspace(path)
    try:
        before = {s.id: plan_hash(plan, s) for plan in [load_plan(ws)] for s in plan}
    finally:
        ws.close()
    downgrade(path, "0004")
    with sqlite3.connect(path) as raw:
        columns = {row[1] for row in raw.execute("PRAGMA table_info(support_tier)")}
    assert "resolution_minutes" not in columns

    ws = open_workspace(path)
    try:
        plan = load_plan(ws)
    finally:
        ws.close()
    assert list(tmp_path.glob("old.before-0004-*.bak"))
    for severity, text in DEFAULT_SEVERITY_DEFINITIONS.items():
        assert plan.info.severity_definition(severity) == text
        assert getattr(plan.info, f"{severity.value}_definition") == text
    assert {s.system.dashboards for s in plan} == {""}
    tiers = [t for s in plan for t in s.support_tiers]
    assert tiers
    assert {(t.resolution_minutes, t.escalate_when) for t in tiers} == {(None, "")}
    assert {s.id: plan_hash(plan, s) for s in plan} == before


def test_upgrading_to_row_versions_starts_every_row_at_1_and_keeps_signatures(
    tmp_path: Path,
) -> None:
    from planner.domain.plan_hash import plan_hash

    path = tmp_path / "old.handover"
    _demo_workspace(path)
    with open_workspace(path) as ws:
        signed = {s.id: s.system.signed_hash for s in load_plan(ws) if s.system.signed_hash}
    assert signed  # the demo signs some of its systems
    downgrade(path, "0005")  # the revision before row versions
    with sqlite3.connect(path) as raw:
        assert "version" not in {row[1] for row in raw.execute("PRAGMA table_info(ai_system)")}

    with open_workspace(path, actor="tester") as ws:
        plan = load_plan(ws)
        records = [*plan.people.values(), *plan.teams.values(), *plan.activities, plan.info]
        records += [row for s in plan for row in (s.system, *s.raci, *s.documents, *s.actions)]
        assert {record.version for record in records} == {1}
        for system_id, signature in signed.items():
            assert plan_hash(plan, plan.systems[system_id]) == signature


def _schema(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Each table's columns (name, type, not null, default, key) and its indexes."""
    with sqlite3.connect(path) as raw:
        tables = [
            row[0]
            for row in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        return {
            table: [
                *(tuple(c[1:]) for c in raw.execute(f"PRAGMA table_info({table})")),
                *(tuple(i[1:3]) for i in raw.execute(f"PRAGMA index_list({table})")),
            ]
            for table in sorted(tables)
        }


def _step(path: Path, revision: str) -> None:
    engine = make_engine(path, read_only=False)
    try:
        migrations.upgrade(engine, revision)
    finally:
        engine.dispose()


def test_each_revision_since_0004_upgrades_and_downgrades_one_step_cleanly(
    tmp_path: Path,
) -> None:
    """0004 -> 0005 -> 0006 -> 0007 one step at a time; each downgrade gives back the schema
    and the rows the step started from, so the chain can be re-ordered by the integrator."""
    path = tmp_path / "old.handover"
    _demo_workspace(path)
    downgrade(path, "0004")
    later = migrations.REVISIONS[migrations.REVISIONS.index("0004") :]
    for older, newer in itertools.pairwise(later):
        schema, rows = _schema(path), _counts(path)
        _step(path, newer)
        assert _schema(path) != schema, newer
        assert _counts(path) == rows, newer
        downgrade(path, older)
        assert _schema(path) == schema, f"{newer} -> {older}"
        assert _counts(path) == rows, f"{newer} -> {older}"
        _step(path, newer)
    assert _schema(path) == _schema_of_a_new_file(tmp_path / "new.handover")


def _schema_of_a_new_file(path: Path) -> dict[str, list[tuple[object, ...]]]:
    create_workspace(path, actor="tester").close()
    return _schema(path)


def test_0005_writes_its_own_wording_whatever_the_app_defaults_say_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision must do the same every time it runs: rewording the app's default
    severity definitions later must not change what upgrading a 0004 file writes."""
    from planner.domain import severities
    from planner.domain.enums import Severity

    path = tmp_path / "old.handover"
    _demo_workspace(path)
    downgrade(path, "0004")
    monkeypatch.setitem(severities.DEFAULT_SEVERITY_DEFINITIONS, Severity.SEV1, "Reworded.")

    _step(path, "0005")

    with sqlite3.connect(path) as raw:
        (stored,) = raw.execute("SELECT sev1_definition FROM workspace_info").fetchone()
    assert stored.startswith("The service is down")

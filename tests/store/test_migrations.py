"""Schema migrations: the revision list, upgrades with data, backups, failed upgrades."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from planner.operations import add_system
from planner.store import migrations
from planner.store.snapshot import load_plan
from planner.store.workspace import WorkspaceError, create_workspace, open_workspace

VERSIONS = migrations.SCRIPT_LOCATION / "versions"

ADD_COLUMN = '''"""add a column"""
import sqlalchemy as sa
from alembic import op

revision = "0002_test"
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

revision = "0002_test"
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

    def install(source: str) -> None:
        scripts = tmp_path / "migrations"
        shutil.copytree(
            migrations.SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__")
        )
        (scripts / "versions" / "0002_test.py").write_text(
            source.replace("{head}", migrations.HEAD)
        )
        monkeypatch.setattr(migrations, "SCRIPT_LOCATION", scripts)
        monkeypatch.setattr(migrations, "REVISIONS", (*migrations.REVISIONS, "0002_test"))
        monkeypatch.setattr(migrations, "HEAD", "0002_test")

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
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002_test",)
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

"""Team workspaces on PostgreSQL: init with roles, an append-only audit trail, open, copy.

These run against the throw-away server .ci/postgres.sh starts (HANDOVER_TEST_POSTGRES);
without one they are skipped with that reason.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from server_databases import APP, OWNER, database_url
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from planner.analysis import analyse
from planner.cli import main
from planner.demo import create_demo
from planner.operations import add_system, update_entity
from planner.store.copying import content_hash, copy_workspace
from planner.store.plan_loader import load_plan
from planner.store.server import ServerLocation, init_server, open_server_workspace
from planner.store.workspace import WorkspaceError, create_workspace, open_workspace

TODAY = dt.date(2026, 12, 6)


def _as_role(url: str, role: str) -> str:
    location = ServerLocation.parse(url)
    return database_url(url, str(location.url.database)).replace(
        f"//{location.url.username}@", f"//{role}@", 1
    )


@pytest.fixture
def empty_database(server_admin: str) -> str:
    engine = create_engine(
        server_admin.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with engine.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS handover_empty WITH (FORCE)"))
        connection.execute(text("CREATE DATABASE handover_empty"))
    engine.dispose()
    return database_url(server_admin, "handover_empty")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET actor = 'someone else'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        "DROP TABLE audit_event",
    ],
)
def test_the_app_role_cannot_rewrite_the_audit_trail(server_url: str, statement: str) -> None:
    engine = create_engine(
        _as_role(server_url, APP).replace("postgresql://", "postgresql+psycopg://")
    )
    with (
        engine.connect() as connection,
        pytest.raises(ProgrammingError, match="permission denied|must be owner"),
    ):
        connection.execute(text(statement))
    engine.dispose()


def test_the_app_role_edits_plans_and_appends_to_the_trail(server_url: str) -> None:
    with open_server_workspace(_as_role(server_url, APP), actor="app") as ws:
        add_system(ws, name="Claims Triage", template="claims_review_support")
        plan = load_plan(ws)
        assert [s.name for s in plan] == ["Claims Triage"]
    with open_server_workspace(server_url, actor="admin") as ws:
        assert load_plan(ws).audit_seq >= 2


def test_a_demo_on_the_server_analyses_like_the_same_demo_in_a_file(
    server_url: str, tmp_path: Path
) -> None:
    with (
        open_server_workspace(server_url, actor="t") as server,
        create_workspace(tmp_path / "same.handover", actor="t") as file,
    ):
        create_demo(server, systems=6, seed=3, today=TODAY)
        create_demo(file, systems=6, seed=3, today=TODAY)
        on_server = analyse(load_plan(server), today=TODAY)
        in_file = analyse(load_plan(file), today=TODAY)
    assert on_server.score == in_file.score
    assert [f.message for f in on_server.findings] == [f.message for f in in_file.findings]


def test_copy_file_to_server_and_back_is_verified_and_complete(
    server_url: str, tmp_path: Path
) -> None:
    with create_workspace(tmp_path / "a.handover", actor="t") as original:
        create_demo(original, systems=6, seed=1, today=TODAY)
        digest = content_hash(original)
        result = copy_workspace(original, server_url)
    assert result.digest == digest
    with open_server_workspace(server_url, actor="t") as server:
        assert content_hash(server) == digest
        back = copy_workspace(server, tmp_path / "b.handover")
        # The trail goes on from the copied numbers.
        seq = load_plan(server).audit_seq
        add_system(server, name="After the copy")
        assert load_plan(server).audit_seq == seq + 1
    with open_workspace(tmp_path / "b.handover", read_only=True) as copied:
        assert content_hash(copied) == digest == back.digest


def test_copy_refuses_a_server_workspace_that_holds_a_plan(server_url: str, tmp_path: Path) -> None:
    with open_server_workspace(server_url, actor="t") as server:
        add_system(server, name="Already here")
        before = content_hash(server)
    with (
        create_workspace(tmp_path / "a.handover", actor="t") as original,
        pytest.raises(WorkspaceError, match="already holds a plan"),
    ):
        copy_workspace(original, server_url)
    with open_server_workspace(server_url, actor="t") as server:
        assert content_hash(server) == before


def test_opening_an_empty_database_says_how_to_create_the_workspace(empty_database: str) -> None:
    with pytest.raises(WorkspaceError, match="server init"):
        open_server_workspace(empty_database)


def test_init_refuses_missing_roles_and_a_database_in_use(empty_database: str) -> None:
    with pytest.raises(WorkspaceError, match="no role named 'ghost'"):
        init_server(empty_database, owner="ghost", app_role=APP)
    with pytest.raises(WorkspaceError, match="must differ"):
        init_server(empty_database, owner=APP, app_role=APP)
    init_server(empty_database, owner=OWNER, app_role=APP)
    with pytest.raises(WorkspaceError, match="already holds a workspace"):
        init_server(empty_database, owner=OWNER, app_role=APP)


def test_a_database_of_another_program_is_refused_untouched(empty_database: str) -> None:
    engine = create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id int)"))
    with pytest.raises(WorkspaceError, match="other tables"):
        open_server_workspace(empty_database)
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        )
        assert [t for (t,) in tables] == ["invoices"]
    engine.dispose()


def test_passwords_never_reach_a_message() -> None:
    location = ServerLocation.parse("postgresql://ana:s3cret@127.0.0.1:1/plans")
    assert location.label == "ana@127.0.0.1:1/plans"
    with pytest.raises(WorkspaceError) as refused:
        open_server_workspace("postgresql://ana:s3cret@127.0.0.1:1/plans")
    assert "s3cret" not in str(refused.value)
    assert "cannot reach the server" in str(refused.value)


@pytest.mark.parametrize(
    ("location", "says"),
    [
        ("postgresql://host", "name the database"),
        ("mysql://host/db", "not a postgresql:// URL"),
    ],
)
def test_malformed_urls_are_refused_in_one_line(location: str, says: str) -> None:
    with pytest.raises(WorkspaceError, match=says):
        ServerLocation.parse(location)


def test_cli_init_demo_check_and_copy(
    empty_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["server", "init", empty_database, "--owner", OWNER, "--app-role", APP]) == 0
    assert main(["demo", empty_database, "--systems", "3"]) == 0
    assert main(["check", empty_database, "--today", "2026-12-06"]) in (0, 1)
    assert main(["copy", empty_database, str(tmp_path / "offline.handover")]) == 0
    out = capsys.readouterr().out
    assert "verified" in out
    assert "3 systems checked" in out
    assert main(["copy", empty_database, str(tmp_path / "offline.handover")]) == 2
    assert "already exists" in capsys.readouterr().err


def test_cli_server_to_file_and_back(
    server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workshop takes the team's plan offline, edits it, and brings it back to the server."""
    with open_server_workspace(server_url, actor="lee") as server:
        system = add_system(server, name="Claims Copilot").first_id("system")
    offline = str(tmp_path / "offline.handover")
    assert main(["copy", server_url, offline]) == 0
    with open_workspace(Path(offline), actor="ana") as copy:
        update_entity(copy, kind_name="system", entity_id=str(system), values={"purpose": "Ana"})
    capsys.readouterr()
    assert main(["bring-back", offline, server_url, "--dry-run"]) == 0
    assert "would apply 1 change" in capsys.readouterr().out
    assert main(["bring-back", offline, server_url]) == 0
    assert "Claims Copilot: purpose: (empty) → 'Ana' (by ana)" in capsys.readouterr().out
    with open_server_workspace(server_url, read_only=True) as server:
        assert load_plan(server).system_named("Claims Copilot").system.purpose == "Ana"
    assert main(["bring-back", offline, server_url]) == 0
    assert "nothing changed in the copy" in capsys.readouterr().out


def test_copying_into_a_server_as_the_app_role_says_who_may(
    server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app role may not rewrite the audit trail, so it cannot fill a server workspace:
    one sentence naming who can, never a traceback, and the server left as it was."""
    with create_workspace(tmp_path / "a.handover", actor="t") as original:
        add_system(original, name="Claims Triage")
    app_url = _as_role(server_url, APP)
    assert main(["copy", str(tmp_path / "a.handover"), app_url]) == 2
    err = capsys.readouterr().err
    assert "server init" in err
    assert "Traceback" not in err
    with open_server_workspace(server_url, read_only=True) as server:
        assert [s.name for s in load_plan(server)] == []

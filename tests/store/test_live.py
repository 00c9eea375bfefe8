"""Live changes on a server workspace: a committed write notifies, others hear it, lost
connections come back. Against the throw-away server .ci/postgres.sh starts (skipped
without one, like the other server tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, text

from planner.domain.errors import DomainError
from planner.operations import add_system, update_entity
from planner.store.live import ChangeListener, ServerChange
from planner.store.server import open_server_workspace
from planner.store.workspace import Workspace


class Heard:
    """What a listener called back with, waited on from the test's thread."""

    def __init__(self) -> None:
        self.changes: list[ServerChange] = []
        self.online: list[bool] = []
        self._event = threading.Condition()

    def change(self, change: ServerChange) -> None:
        with self._event:
            self.changes.append(change)
            self._event.notify_all()

    def status(self, online: bool) -> None:
        with self._event:
            self.online.append(online)
            self._event.notify_all()

    def wait(self, test, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
        with self._event:
            return self._event.wait_for(test, timeout)


@pytest.fixture
def two_clients(server_url: str) -> Iterator[tuple[Workspace, Workspace]]:
    mine = open_server_workspace(server_url, actor="Ana")
    theirs = open_server_workspace(server_url, actor="Priya Shah")
    yield mine, theirs
    mine.close()
    theirs.close()


@pytest.fixture
def listening(two_clients: tuple[Workspace, Workspace]) -> Iterator[tuple[Heard, ChangeListener]]:
    heard = Heard()
    listener = ChangeListener(two_clients[0], on_change=heard.change, on_online=heard.status)
    listener.start()
    assert heard.wait(lambda: heard.online == [True])
    yield heard, listener
    listener.stop()


def test_another_clients_commit_is_heard_with_its_audit_seq(
    two_clients: tuple[Workspace, Workspace], listening: tuple[Heard, ChangeListener]
) -> None:
    mine, theirs = two_clients
    heard, _listener = listening
    started = time.perf_counter()
    change = add_system(theirs, name="Claims Triage")
    assert heard.wait(lambda: heard.changes, timeout=2.0)
    assert time.perf_counter() - started < 2.0
    assert heard.changes == [ServerChange(change.seq, theirs.client_id)]
    assert mine.client_id != theirs.client_id


def test_own_writes_and_refused_writes_send_nothing(
    two_clients: tuple[Workspace, Workspace], listening: tuple[Heard, ChangeListener]
) -> None:
    mine, theirs = two_clients
    heard, _listener = listening
    add_system(mine, name="Mine")  # its own client: left out
    with pytest.raises(DomainError):  # rolled back: PostgreSQL drops its notification
        update_entity(theirs, kind_name="system", entity_id="no-such-id", values={"name": "x"})
    marker = add_system(theirs, name="Marker")  # the one that must arrive
    assert heard.wait(lambda: heard.changes)
    time.sleep(0.3)  # anything sent before the marker has arrived by now
    assert heard.changes == [ServerChange(marker.seq, theirs.client_id)]


def test_a_lost_connection_is_reported_and_restored(
    server_admin: str,
    two_clients: tuple[Workspace, Workspace],
    listening: tuple[Heard, ChangeListener],
) -> None:
    mine, theirs = two_clients
    heard, _listener = listening
    admin = create_engine(
        server_admin.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        killed = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :db AND query LIKE 'LISTEN%'"
            ),
            {"db": str(mine.engine.url.database)},
        ).scalar()
    admin.dispose()
    assert killed == 1
    assert heard.wait(lambda: heard.online[-1:] == [True] and False in heard.online)
    assert heard.online == [True, False, True]
    # Back: it says changes may have been missed (seq 0), then hears new ones again.
    assert heard.wait(lambda: ServerChange(0, "") in heard.changes)
    change = add_system(theirs, name="After the outage")
    assert heard.wait(lambda: ServerChange(change.seq, theirs.client_id) in heard.changes)


def test_a_file_workspace_has_no_live_changes(ws: Workspace) -> None:
    if ws.is_server:
        pytest.skip("about file workspaces")
    with pytest.raises(ValueError, match="server"):
        ChangeListener(ws, on_change=lambda _change: None)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [("12 abc", ServerChange(12, "abc")), ("7", ServerChange(7, "")), ("junk", None)],
)
def test_payloads_are_read_strictly(payload: str, expected: ServerChange | None) -> None:
    assert ServerChange.parse(payload) == expected


def test_the_address_to_reopen_a_server_never_holds_its_password() -> None:
    from planner.store.server import ServerLocation

    location = ServerLocation.parse(
        "postgresql://ana:s3cret word@db.example:6543/plans?sslmode=require"
    )
    assert location.public_url == "postgresql://ana@db.example:6543/plans?sslmode=require"
    assert location.has_password
    assert not ServerLocation.parse(location.public_url).has_password
    assert location.with_password("other").url.password == "other"


@pytest.mark.parametrize("url", ["postgresql://ana@db.example:/plans", "postgresql://a@h:x/p"])
def test_a_bad_port_is_one_sentence(url: str) -> None:
    from planner.store.server import ServerLocation
    from planner.store.workspace import WorkspaceError

    with pytest.raises(WorkspaceError, match="not a valid server URL"):
        ServerLocation.parse(url)


class _ScriptedListener(ChangeListener):
    """A listener whose connections follow a script (True: it connects, then drops;
    False: it cannot connect), recording each pause before it tries again."""

    def __init__(self, script: list[bool]) -> None:
        engine = create_engine("postgresql+psycopg://me@db.example/handover")
        server = SimpleNamespace(is_server=True, engine=engine, client_id="me")
        super().__init__(server, on_change=lambda _change: None)  # type: ignore[arg-type]
        self.script = script
        self.pauses: list[float] = []
        self._stop = self  # type: ignore[assignment]  (the script decides when it ends)

    def is_set(self) -> bool:
        return not self.script

    def wait(self, seconds: float) -> bool:
        self.pauses.append(seconds)
        return not self.script

    def _listen(self, *, resync: bool) -> None:
        if self.script.pop(0):
            self._set_online(True)
        raise OSError("server closed the connection unexpectedly")


def test_the_pause_between_retries_starts_short_again_after_a_reconnect() -> None:
    """A server that was back for a while and drops again is retried within a second,
    not after the longest pause the previous outage reached."""
    listener = _ScriptedListener([False, False, False, True, False])
    listener._run()
    assert listener.pauses == [0.5, 1.0, 2.0, 0.5]

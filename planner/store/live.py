"""Live changes on a server workspace: each write announces itself, and a listener hears others.

Every committed write on a server workspace sends ``NOTIFY handover_planner`` with the
audit sequence number it reached and the id of the workspace object that wrote it, in the
same transaction (PostgreSQL delivers a notification only if its transaction commits).
``ChangeListener`` holds one connection of its own on a background thread, listens, and
calls back with each change made by another client; when the connection is lost it says
so and reconnects with a growing pause. The app above sees two callables, never a session.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session

if TYPE_CHECKING:
    from planner.store.workspace import Workspace

CHANNEL = "handover_planner"
log = logging.getLogger(__name__)


def announce(session: Session, client: str) -> None:
    """Queue this transaction's notification: the newest audit seq and who wrote it."""
    session.execute(
        text(
            "SELECT pg_notify(:channel, coalesce(max(seq), 0)::text || ' ' || :client) "
            "FROM audit_event"
        ),
        {"channel": CHANNEL, "client": client},
    )


@dataclass(frozen=True)
class ServerChange:
    """Someone committed a change: the audit seq it reached, and the writing client's id."""

    seq: int
    client: str

    @classmethod
    def parse(cls, payload: str) -> ServerChange | None:
        seq, _, client = payload.partition(" ")
        return cls(int(seq), client) if seq.isdigit() else None


class ChangeListener:
    """Listens for other clients' changes to one server workspace on a daemon thread.

    ``on_change(ServerChange)`` runs on the listener's thread for each change another
    client committed (the ones ``ws`` itself wrote are left out), and once after a lost
    connection is back (seq 0: changes may have been missed meanwhile). ``on_online(bool)``
    runs when the connection is lost or restored. Both must only hand the news on (e.g.
    emit a Qt signal); they must not touch the workspace from this thread.
    """

    # Seconds: how often the thread looks at its stop flag, how long it may sit idle before
    # it checks the connection is alive, and the first and longest pause between retries.
    poll = 0.5
    keepalive = 10.0
    first_retry = 0.5
    longest_retry = 30.0

    def __init__(
        self,
        ws: Workspace,
        *,
        on_change: Callable[[ServerChange], None],
        on_online: Callable[[bool], None] = lambda _online: None,
    ) -> None:
        if not ws.is_server:
            raise ValueError("only a server workspace has live changes")
        # The same connection arguments the workspace's engine uses (password included,
        # in memory only).
        args, params = ws.engine.dialect.create_connect_args(ws.engine.url)
        self._connect_args: tuple[list[Any], dict[str, Any]] = (list(args), dict(params))
        self._client = ws.client_id
        self._on_change = on_change
        self._on_online = on_online
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self.online = False

    def start(self) -> None:
        """Connect and listen on the background thread (returns at once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and close the connection (waits for the thread, up to ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        retry = self.first_retry
        missed = False
        while not self._stop.is_set():
            try:
                self._listen(resync=missed)
            except Exception as exc:  # any lost connection: a dropped socket, a restart
                # Said once per outage; each retry that fails again only at debug level.
                level = logging.DEBUG if missed and not self.online else logging.WARNING
                log.log(level, "Live changes: connection lost (%s)", _first_line(exc))
            self._close()
            if self._stop.is_set():
                break
            if self.online:  # it was connected: a new outage retries quickly again
                retry = self.first_retry
            if self.online or not missed:
                self._set_online(False)
            missed = True
            if self._stop.wait(retry):
                break
            retry = min(retry * 2, self.longest_retry)
        self._close()

    def _listen(self, *, resync: bool) -> None:
        import psycopg

        args, params = self._connect_args
        self._connection = connection = psycopg.connect(*args, **params, autocommit=True)
        connection.execute(f"LISTEN {CHANNEL}")
        self._set_online(True)
        if resync:
            log.info("Live changes: connection restored")
            self._on_change(ServerChange(0, ""))
        idle = 0.0
        while not self._stop.is_set():
            heard = False
            for notify in connection.notifies(timeout=self.poll, stop_after=1):
                heard = True
                change = ServerChange.parse(notify.payload)
                if change is not None and change.client != self._client:
                    self._on_change(change)
            idle = 0.0 if heard else idle + self.poll
            if idle >= self.keepalive:
                # A server gone without closing the socket is only noticed by asking.
                connection.execute("SELECT 1")
                idle = 0.0

    def _set_online(self, online: bool) -> None:
        self.online = online
        self._on_online(online)

    def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken connection may raise; it is gone either way
                log.debug("Live changes: closing the connection failed", exc_info=True)


def _first_line(exc: BaseException) -> str:
    message = str(exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__

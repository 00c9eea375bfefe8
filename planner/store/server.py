"""Team workspaces on a PostgreSQL server: connecting, recognising, creating and securing them.

A server workspace is the same schema as a file, migrated by the same Alembic revisions,
behind the same ``Workspace`` interface, so the operations, the analysis, the exports and
the GUI do not know which one they have. What differs lives here: the URL (never shown or
logged with its password), no lock file (the server serialises writers), and the roles
that make the audit trail append-only for the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from planner.store import migrations
from planner.store.server_url import redact_password, without_password
from planner.store.workspace import Workspace, WorkspaceError, default_actor

DRIVER = "postgresql+psycopg"
# Tables the app may change; the audit trail is only appended to and read.
AUDIT_TABLE = "audit_event"
_ROLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]{0,62}$")


@dataclass(frozen=True)
class ServerLocation:
    """A parsed server URL; ``label`` is what users see (never the password)."""

    url: URL

    @classmethod
    def parse(cls, location: str) -> ServerLocation:
        text_ = location.strip()
        scheme, sep, rest = text_.partition("://")
        if not sep or scheme.lower() not in ("postgresql", "postgres"):
            raise WorkspaceError(f"{redact_password(text_)}: not a postgresql:// URL")
        try:
            url = make_url(f"{DRIVER}://{rest}")
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise WorkspaceError(f"{redact_password(text_)}: not a valid server URL") from None
        if not url.database:
            raise WorkspaceError(
                f"{redact_password(text_)}: name the database, e.g. postgresql://user@host/handover"
            )
        return cls(url)

    @classmethod
    def from_parts(
        cls,
        *,
        host: str,
        port: int | None,
        database: str,
        user: str,
        password: str = "",
        query: dict[str, str] | None = None,
    ) -> ServerLocation:
        """A location from a form's fields (empty ones are left to libpq's defaults)."""
        if not database:
            raise WorkspaceError("name the database, e.g. handover")
        url = URL.create(
            DRIVER,
            username=user or None,
            password=password or None,
            host=host or None,
            port=port,
            database=database,
            query=query or {},
        )
        return cls(url)

    @property
    def label(self) -> str:
        """user@host/database, without the password."""
        host = self.url.host or self.url.query.get("host") or "localhost"
        host = host if isinstance(host, str) else host[0]
        user = f"{self.url.username}@" if self.url.username else ""
        port = f":{self.url.port}" if self.url.port else ""
        return f"{user}{host}{port}/{self.url.database}"

    @property
    def name(self) -> str:
        return str(self.url.database)

    @property
    def public_url(self) -> str:
        """The URL to open it again, without the password (for recent lists and settings)."""
        rendered = self.url.render_as_string(hide_password=False)
        return without_password(rendered.replace(f"{DRIVER}://", "postgresql://", 1))

    @property
    def has_password(self) -> bool:
        return bool(self.url.password)

    def with_password(self, password: str) -> ServerLocation:
        """The same server, logging in with ``password`` (kept in memory only)."""
        return ServerLocation(self.url.set(password=password))


class ServerConnectError(WorkspaceError):
    """The server could not be reached or refused the login; ``needs_password`` when a
    password would help (none was given, or the one given was wrong)."""

    def __init__(self, message: str, *, needs_password: bool = False) -> None:
        super().__init__(message)
        self.needs_password = needs_password


# Seconds to wait for an unreachable server before saying so (libpq waits far longer).
CONNECT_TIMEOUT = 10


def make_server_engine(location: ServerLocation, **options: Any) -> Engine:
    url = location.url
    if "connect_timeout" not in url.query:
        url = url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT)})
    return create_engine(url, pool_pre_ping=True, **options)


# libpq's wording of the usual failures (a pattern), the sentence the user gets for each,
# and whether a password would help.
_FAILURES: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    (
        re.compile(r"password authentication failed"),
        "the server refused the password for user {user}",
        True,
    ),
    (
        re.compile(r"no password supplied|password is required"),
        "the server asks for a password for user {user}",
        True,
    ),
    (re.compile(r"role \S+ does not exist"), "the server has no user named {user}", False),
    (
        re.compile(r"database \S+ does not exist"),
        "the server has no database named {database}; ask its administrator to create it",
        False,
    ),
    (
        re.compile(
            r"connection refused|no such file or directory|could not translate host name|"
            r"failed to resolve host|name or service not known|timeout expired|"
            r"no route to host|network is unreachable"
        ),
        "cannot reach the server: check the host and port, and that the server is running",
        False,
    ),
)


def _connect_error(location: ServerLocation, exc: Exception) -> ServerConnectError:
    """One sentence for a failed connection, naming the likely cause."""
    full = str(getattr(exc, "orig", exc)).strip()
    names = {"user": location.url.username or default_actor(), "database": location.name}
    for pattern, sentence, needs_password in _FAILURES:
        if pattern.search(full.lower()):
            return ServerConnectError(
                f"{location.label}: {sentence.format(**names)}", needs_password=needs_password
            )
    # psycopg may echo the connection string; never let a password through.
    detail = redact_password(full.splitlines()[0]) if full else type(exc).__name__
    return ServerConnectError(f"{location.label}: cannot connect to the server ({detail})")


def server_revision(engine: Engine, location: ServerLocation) -> str | None:
    """The schema revision of the database, or None for an empty database."""
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            if not names:
                return None
            if "alembic_version" not in names or "workspace_info" not in names:
                raise WorkspaceError(
                    f"{location.label}: this database holds other tables, not a Handover "
                    "Planner workspace"
                )
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    except OperationalError as exc:
        raise _connect_error(location, exc) from exc
    if row is None:
        raise WorkspaceError(f"{location.label}: the workspace has no schema version")
    return str(row[0])


def open_server_workspace(
    location_text: str | ServerLocation, *, read_only: bool = False, actor: str | None = None
) -> Workspace:
    """Open a server workspace; migrate it first if this app knows a newer schema.

    A server is not backed up by the app before migrating (that is the database
    administrator's job, with the server's own tools); the migration runs in one
    transaction, so a failure leaves the schema as it was. A ``ServerLocation`` may carry a
    password the user typed (never written anywhere); without one, libpq looks in
    PGPASSWORD and ~/.pgpass as usual.
    """
    location = (
        location_text
        if isinstance(location_text, ServerLocation)
        else ServerLocation.parse(location_text)
    )
    engine = make_server_engine(location)
    try:
        revision = server_revision(engine, location)
        if revision is None:
            raise WorkspaceError(
                f"{location.label}: the database is empty; create the workspace first with "
                "'handover-planner server init URL --owner ROLE --app-role ROLE'"
            )
        if revision not in migrations.REVISIONS:
            raise WorkspaceError(
                f"{location.label}: written by a newer version of Handover Planner; "
                "update the app to open it"
            )
        if revision != migrations.HEAD:
            if read_only:
                raise WorkspaceError(
                    f"{location.label}: made by an older version; open it for writing once "
                    "to upgrade it"
                )
            migrations.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Workspace(
        path=None,
        engine=engine,
        read_only=read_only,
        actor=actor or default_actor(),
        location=location.label,
        title=location.name,
        address=location.public_url,
    )


def init_server(
    location_text: str, *, owner: str, app_role: str, actor: str | None = None
) -> ServerLocation:
    """Create the workspace schema in an empty database, owned by ``owner``.

    The connecting user must be allowed to ``SET ROLE owner`` (a superuser, or a member
    of it). ``app_role`` gets what the app needs and no more: it may read and change the
    plan's tables, but may only INSERT into and SELECT from the audit trail, so even
    someone holding the app's credentials cannot rewrite history.
    """
    from planner.store.seed import seed_new_workspace

    for role in (owner, app_role):
        if not _ROLE.match(role):
            raise WorkspaceError(f"{role!r}: not a valid role name")
    if owner == app_role:
        raise WorkspaceError(
            "the owner and the app role must differ, or the app could alter the audit trail"
        )
    location = ServerLocation.parse(location_text)
    engine = make_server_engine(location)
    try:
        if server_revision(engine, location) is not None:
            raise WorkspaceError(f"{location.label}: already holds a workspace")
        with engine.begin() as connection:
            _require_roles(connection, location, owner, app_role)
            connection.execute(text(f'GRANT USAGE, CREATE ON SCHEMA public TO "{owner}"'))
            connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{app_role}"'))
            # Created as the owner, so the tables are the owner's and not the app's.
            connection.execute(text(f'SET ROLE "{owner}"'))
            migrations.upgrade_on(connection)
            _grant(connection, app_role)
            connection.execute(text("RESET ROLE"))
        seed_new_workspace(engine, actor=actor or default_actor())
    except DBAPIError as exc:
        raise WorkspaceError(
            f"{location.label}: the server refused to create the workspace "
            f"({redact_password(str(exc.orig).strip().splitlines()[0])})"
        ) from exc
    finally:
        engine.dispose()
    return location


def _require_roles(connection: Any, location: ServerLocation, *roles: str) -> None:
    for role in roles:
        found = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
        ).first()
        if found is None:
            raise WorkspaceError(
                f"{location.label}: no role named {role!r}; create it first "
                f"(CREATE ROLE {role} LOGIN PASSWORD '...')"
            )


def _grant(connection: Any, app_role: str) -> None:
    tables = [
        name
        for name in inspect(connection).get_table_names()
        if name not in (AUDIT_TABLE, "alembic_version")
    ]
    quoted = ", ".join(f'"{name}"' for name in tables)
    connection.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted} TO "{app_role}"'))
    connection.execute(text(f'GRANT SELECT ON alembic_version TO "{app_role}"'))
    connection.execute(text(f'GRANT SELECT, INSERT ON "{AUDIT_TABLE}" TO "{app_role}"'))
    connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{app_role}"'))

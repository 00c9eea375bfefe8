"""Throw-away databases on the test server: one initialised template, a copy per test."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

OWNER, APP = "handover_owner", "handover_app"
_numbers = itertools.count()


def _admin_engine(admin_url: str):  # type: ignore[no-untyped-def]
    url = make_url(admin_url.replace("postgresql://", "postgresql+psycopg://", 1))
    return create_engine(url, isolation_level="AUTOCOMMIT")


def database_url(admin_url: str, database: str) -> str:
    url = make_url(admin_url.replace("postgresql://", "postgresql+psycopg://", 1))
    rendered = url.set(database=database).render_as_string(hide_password=False)
    return rendered.replace("postgresql+psycopg://", "postgresql://", 1)


def make_template(admin_url: str) -> str:
    """Create the roles and an initialised template database (once per test run)."""
    from planner.store.server import init_server

    name = f"handover_template_{os.getpid()}"
    engine = _admin_engine(admin_url)
    with engine.connect() as connection:
        for role in (OWNER, APP):
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first()
            if exists is None:
                connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    init_server(database_url(admin_url, name), owner=OWNER, app_role=APP, actor="tester")
    return name


@contextlib.contextmanager
def fresh_database(admin_url: str, template: str) -> Iterator[str]:
    """A copy of the template for one test; dropped (connections and all) afterwards."""
    name = f"{template}_{next(_numbers)}"
    engine = _admin_engine(admin_url)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield database_url(admin_url, name)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


# .ci/postgres.sh makes this one role log in with a password (pg_hba.conf); every other
# local connection is trusted.
PASSWORD_ROLE, PASSWORD = "handover_password_user", "correct horse battery"


def password_role(admin_url: str) -> str:
    """The role that must give a password, a member of the app role (made once)."""
    engine = _admin_engine(admin_url)
    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": PASSWORD_ROLE}
        ).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'"))
            connection.execute(text(f"GRANT {APP} TO {PASSWORD_ROLE}"))
    engine.dispose()
    return PASSWORD_ROLE


def as_role(url: str, role: str, password: str | None = None) -> str:
    """The same database's URL, logging in as ``role`` (with ``password`` if given)."""
    parsed = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    rendered = parsed.set(username=role, password=password).render_as_string(hide_password=False)
    return rendered.replace("postgresql+psycopg://", "postgresql://", 1)

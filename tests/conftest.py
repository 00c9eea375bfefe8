"""Shared fixtures: every test gets a fresh workspace file in its own folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Without a display Qt aborts with no message; offscreen works everywhere, and setdefault
# leaves a real display (Xvfb screenshots) alone.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep preferences, logs and the default workspace out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USER", "tester")


def scratch_folder() -> Path:
    """A fresh folder on tmpfs where there is one: on a disk, SQLite's fsyncs dominate."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="handover-test-", dir=shm if shm.is_dir() else None))


@pytest.fixture(scope="session")
def make_scratch_folder() -> Callable[[], Path]:
    """For module-scoped fixtures that need a tmpfs folder of their own."""
    return scratch_folder


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """Overrides pytest's, so workspace files of every test land on tmpfs too."""
    folder = scratch_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pristine() -> Iterator[Path]:
    """One freshly created workspace file; tests get copies (creating one runs migrations)."""
    from planner.store.workspace import create_workspace

    folder = scratch_folder()
    create_workspace(folder / "pristine.handover", actor="tester").close()
    yield folder / "pristine.handover"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "plan.handover"


# With HANDOVER_TEST_BACKEND=postgresql the workspace fixtures below are server workspaces
# (on the server named by HANDOVER_TEST_POSTGRES), so the same tests run on both engines.
ON_SERVER = os.environ.get("HANDOVER_TEST_BACKEND") == "postgresql"


@pytest.fixture(scope="session")
def server_admin() -> str:
    """An administrator's URL of a throw-away PostgreSQL (.ci/postgres.sh starts one)."""
    url = os.environ.get("HANDOVER_TEST_POSTGRES")
    if not url:
        pytest.skip("no test server: set HANDOVER_TEST_POSTGRES (see .ci/postgres.sh)")
    return url


@pytest.fixture(scope="session")
def server_template(server_admin: str) -> str:
    """A database initialised once per run; each test gets a copy of it."""
    from server_databases import make_template

    return make_template(server_admin)


@pytest.fixture
def server_url(server_admin: str, server_template: str) -> Iterator[str]:
    """The URL of a fresh server workspace (a copy of the template), dropped afterwards."""
    from server_databases import fresh_database

    with fresh_database(server_admin, server_template) as url:
        yield url


@pytest.fixture
def ws(request: pytest.FixtureRequest, workspace_path: Path) -> Iterator[object]:
    """A fresh, empty workspace opened for writing by 'tester' (a copy of a new file)."""
    from planner.store.workspace import open_workspace

    if ON_SERVER:
        from planner.store.server import open_server_workspace

        workspace = open_server_workspace(request.getfixturevalue("server_url"), actor="tester")
    else:
        shutil.copyfile(request.getfixturevalue("pristine"), workspace_path)
        workspace = open_workspace(workspace_path, actor="tester")
    yield workspace
    workspace.close()


@pytest.fixture
def second_writer(request: pytest.FixtureRequest, ws: Any) -> Iterator[Any]:
    """A second writer on ``ws`` (see ``writers.another_writer``)."""
    from writers import another_writer

    with another_writer(request, ws) as other:
        yield other


@pytest.fixture
def demo_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A workspace filled with the six-system demo."""
    from planner.demo import create_demo
    from planner.store.workspace import create_workspace

    if ON_SERVER:
        from planner.store.server import open_server_workspace

        workspace = open_server_workspace(request.getfixturevalue("server_url"), actor="tester")
    else:
        workspace = create_workspace(tmp_path / "demo.handover", actor="tester")
    create_demo(workspace, systems=6, seed=1)
    yield workspace
    workspace.close()

"""Where the app finds its fonts and templates: installed copy first, then the clone."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import resources


def test_the_clone_uses_the_top_level_resources_folder() -> None:
    assert Path(resources.__file__).resolve().parent.parent / "resources" == resources.RESOURCES
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()


def test_an_installed_copy_wins_over_a_folder_beside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "planner"
    (package / "_resources").mkdir(parents=True)
    # site-packages/resources may belong to another distribution: never read it.
    (tmp_path / "site-packages" / "resources").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources._find_resources() == package / "_resources"

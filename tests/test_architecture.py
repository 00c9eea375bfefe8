"""Architecture rules: import contracts, and every module saying what it holds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "planner"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations/versions" not in p.as_posix())


def test_import_contracts_hold() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports() == 0, "run lint-imports to see which contract is broken"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_starts_with_a_docstring(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if not tree.body and path.name == "__init__.py":
        return
    docstring = ast.get_docstring(tree)
    assert docstring, f"{path.name} needs a one-line docstring saying what it holds"

"""Fault injection: kill -9 at random points, fuzzed imports, bad files, full disks.

Every test here is marked slow. CI runs a bounded version (a few random points per
operation) within its budget; ``python tests/faults/run_long.py`` runs the long one by
raising the bounds in fault_bounds.py through the environment.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_bounds import HERE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.slow)

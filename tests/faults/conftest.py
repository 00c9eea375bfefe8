"""Fault injection: kill -9 at random points, fuzzed imports, bad files, full disks.

Every test here is marked slow. CI runs a bounded version (a few random points per
operation) within its budget; ``python tests/faults/run_long.py`` runs the long one by
raising the bounds through the environment:

- ``HANDOVER_FAULT_KILLS``: random kill points per operation (default 2)
- ``HANDOVER_FAULT_EXAMPLES``: fuzzed import documents (default 30)
- ``HANDOVER_FAULT_SEED``: the random seed (default: a fixed one, so CI is repeatable)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

KILLS = int(os.environ.get("HANDOVER_FAULT_KILLS", "2"))
EXAMPLES = int(os.environ.get("HANDOVER_FAULT_EXAMPLES", "30"))
SEED = int(os.environ.get("HANDOVER_FAULT_SEED", "20261206"))

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.slow)

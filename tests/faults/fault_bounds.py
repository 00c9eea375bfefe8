"""How hard the fault suite pushes: bounded for CI, raised through the environment.

- ``HANDOVER_FAULT_KILLS``: random kill points per operation (default 2)
- ``HANDOVER_FAULT_EXAMPLES``: fuzzed import documents (default 30)
- ``HANDOVER_FAULT_SEED``: the random seed (default: a fixed one, so CI is repeatable)
"""

from __future__ import annotations

import os
from pathlib import Path

KILLS = int(os.environ.get("HANDOVER_FAULT_KILLS", "2"))
EXAMPLES = int(os.environ.get("HANDOVER_FAULT_EXAMPLES", "30"))
SEED = int(os.environ.get("HANDOVER_FAULT_SEED", "20261206"))

HERE = Path(__file__).resolve().parent

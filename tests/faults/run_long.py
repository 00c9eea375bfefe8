"""Run the fault-injection suite long: many kill points, many fuzzed documents.

    .venv/bin/python tests/faults/run_long.py [--kills N] [--examples N] [--seed S]

CI runs the same tests bounded (see tests/faults/conftest.py); this raises the bounds and
picks a fresh seed unless one is given, printing it so a failure can be replayed.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40, help="kill points per operation")
    parser.add_argument("--examples", type=int, default=2000, help="fuzzed import documents")
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(2**31))
    args = parser.parse_args()
    print(
        f"fault injection: {args.kills} kills per operation, {args.examples} documents, "
        f"seed {args.seed}",
        flush=True,
    )
    env = {
        **os.environ,
        "HANDOVER_FAULT_KILLS": str(args.kills),
        "HANDOVER_FAULT_EXAMPLES": str(args.examples),
        "HANDOVER_FAULT_SEED": str(args.seed),
    }
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/faults"]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

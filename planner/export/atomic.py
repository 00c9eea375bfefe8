"""Writing output files atomically: a temporary file beside the target, renamed into place."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from planner.store.partial import partial_file, user_file_mode


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``target``, on failure it vanishes.

    An existing file at ``target`` is never left half-overwritten: it is replaced only by
    a complete, flushed and synced new file, with the user's normal file mode (exports are
    meant to be shared). A crash mid-write leaves a locked ``.partial`` file that the next
    export to the same folder removes.
    """
    target = Path(target)
    fd, temporary = partial_file(target)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, user_file_mode())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if sys.platform != "win32":
                # Renamed while still open (and locked), so no cleaner can take it meanwhile.
                os.replace(temporary, target)
        if sys.platform == "win32":  # pragma: no cover - Windows cannot rename an open file
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

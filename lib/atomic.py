"""Writing a file so that a crash leaves the old or the new version, never a torn one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path


def atomic_write(path: Path, payload: bytes, check: Callable[[bytes], None] | None = None) -> None:
    """Write `payload` to `path` so that a crash leaves the old or the new file.

    With `check`, the new file is read back from the disk and handed to it
    before it replaces the old one: if `check` raises, the old file stays.
    """
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            # fsync before the rename: otherwise a power cut can leave the
            # new name pointing at a file whose bytes never reached the disk.
            os.fsync(temp.fileno())
        if check is not None:
            check(Path(temp_name).read_bytes())
        os.replace(temp_name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    # The rename itself lives in the folder: sync it so it survives a power cut.
    # The new file is already in place, so a folder that cannot be synced (some
    # file systems refuse) must not be reported as a failed save.
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files left by a writer that was killed mid-save (call under the lock)."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()

"""Safety copies: a timestamped copy of the data file before anything replaces or deletes.

Not to be confused with a backup, the JSON file a user downloads (lib/backup_files.py).
The copies live in a `backups/` folder beside the data file, a name users already know.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lib.atomic import atomic_write

KEEP = 20
FOLDER = "backups"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.json$")


@dataclass(frozen=True)
class SafetyCopy:
    """One copy in the backups folder."""

    path: Path
    taken: datetime
    reason: str
    size: int


def folder_for(data_file: Path) -> Path:
    """Where the safety copies of `data_file` live: `backups/` next to it."""
    return data_file.parent / FOLDER


def take(data_file: Path, reason: str, now: datetime) -> Path | None:
    """Copy `data_file` into the backups folder (none if it does not exist yet); keep the newest."""
    try:
        payload = data_file.read_bytes()
    except FileNotFoundError:
        return None
    folder = folder_for(data_file)
    created = not folder.exists()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"{data_file.stem}-{now:%Y%m%d-%H%M%S-%f}-{reason}.json"
    try:
        atomic_write(target, payload)
    except OSError:
        if created:
            with suppress(OSError):
                folder.rmdir()  # leave no trace of a copy that failed
        raise
    os.chmod(target, 0o600)
    prune(data_file)
    return target


def listing(data_file: Path) -> list[SafetyCopy]:
    """The safety copies of `data_file`, newest first."""
    folder = folder_for(data_file)
    if not folder.is_dir():
        return []
    copies = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and match["stem"] == data_file.stem and path.is_file():
            taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
            copies.append(SafetyCopy(path, taken, match["reason"], path.stat().st_size))
    return sorted(copies, key=lambda copy: copy.taken, reverse=True)


def prune(data_file: Path, keep: int = KEEP) -> None:
    """Delete all but the newest `keep` safety copies."""
    for old in listing(data_file)[keep:]:
        old.path.unlink(missing_ok=True)


def set_aside(data_file: Path, now: datetime) -> Path:
    """Rename an unreadable data file (or folder) out of the way, never overwriting anything.

    The bytes stay exactly as they were, under a new name beside the original.
    """
    stamp = f"{now:%Y%m%d-%H%M%S}"
    for attempt in range(100):
        extra = f"-{attempt}" if attempt else ""
        target = data_file.with_name(
            f"{data_file.stem}.unreadable-{stamp}{extra}{data_file.suffix}"
        )
        if not target.exists():
            os.rename(data_file, target)
            return target
    raise FileExistsError(f"Too many set-aside copies of {data_file} at {stamp}.")

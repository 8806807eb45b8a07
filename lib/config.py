"""Where the diary lives, and what day it is. Read when asked, never at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "closer.json"
DB_VARIABLE = "CLOSER_DB"
# A test hook: the browser tests start the server with a fixed day, so the tests
# and the server they drive never disagree across a week boundary (a test run at
# 23:59:59 on a Sunday). Unset (or blank) in normal use.
TODAY_VARIABLE = "CLOSER_TODAY"


def data_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The data file: `$CLOSER_DB` if set, else `data/closer.json` in the project."""
    value = environ.get(DB_VARIABLE, "").strip()
    if not value:
        return DEFAULT_DB
    path = Path(value).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path)


def today(environ: Mapping[str, str] = os.environ) -> date:
    """The local date, or the ISO date in `$CLOSER_TODAY` (e.g. 2026-11-24) when it is set."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{TODAY_VARIABLE} must be an ISO date such as 2026-11-24, not {value!r}"
        ) from None


def now(environ: Mapping[str, str] = os.environ) -> datetime:
    """The local time with its UTC offset; under `$CLOSER_TODAY`, that day at this time of day."""
    current = datetime.now()
    if environ.get(TODAY_VARIABLE, "").strip():
        # The offset is the one in force on the fixed day (summer time may differ).
        current = datetime.combine(today(environ), current.time())
    return current.astimezone()

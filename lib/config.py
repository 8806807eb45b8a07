"""Where the diary lives. Read when asked, never at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "closer.json"
DB_VARIABLE = "CLOSER_DB"


def data_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The data file: `$CLOSER_DB` if set, else `data/closer.json` in the project."""
    value = environ.get(DB_VARIABLE, "").strip()
    if not value:
        return DEFAULT_DB
    path = Path(value).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path)

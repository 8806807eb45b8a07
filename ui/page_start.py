"""What every page does first: the frame (unless app.py drew it), then the diary."""

from __future__ import annotations

from lib.errors import DataFileError
from lib.snapshots import Snapshot
from ui import frame, recovery, session


def open_page() -> Snapshot:
    """The diary as it is now, for this page; if it cannot be read, the recovery page instead.

    The snapshot is re-read only when the file changed since the last run.
    """
    frame.ensure_framed()
    try:
        return session.active_diary().snapshot()
    except DataFileError as error:
        recovery.show_data_error(error)  # stops the run
        raise

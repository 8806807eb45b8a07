"""What every page does first: the frame (unless app.py drew it), then the diary."""

from __future__ import annotations

import streamlit as st

from lib.errors import DataFileError, DiaryLockedError
from lib.snapshots import Snapshot
from ui import diary_gate, frame, recovery, session


def open_page() -> Snapshot:
    """The diary as it is now, for this page; if it cannot be read, the recovery page instead.

    The snapshot is re-read only when the file changed since the last run.
    """
    frame.ensure_framed()
    try:
        return session.active_diary().snapshot()
    except DiaryLockedError:
        # Locked since the frame looked (another window's "Lock now"): ask again.
        diary_gate.lock_screen()
        st.stop()
        raise
    except DataFileError as error:
        recovery.show_data_error(error)  # stops the run
        raise

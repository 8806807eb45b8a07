"""The diary this browser session works on: the user's file, or its own made-up sample.

Also today's date and time, as every page sees them.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import streamlit as st

from lib import config
from lib.diary import Diary
from lib.sample import sample_entries
from ui import passcode_gate

_SAMPLE_MODE = "sample_mode"
_SAMPLE_DIARY = "sample_diary"

# One handle per data file per process: every session (thread) shares it, and
# its lock serialises their writes. A plain dict, not st.cache_resource: a page
# asks for it several times a rerun, and each cache lookup costs more than the
# rest of a slider move's own work.
_DIARIES: dict[str, Diary] = {}
_DIARIES_LOCK = threading.Lock()


def data_path() -> Path:
    """The user's data file (CLOSER_DB, or the default)."""
    return config.data_path()


def diary() -> Diary:
    """The user's own diary, whatever this session shows."""
    path = str(data_path())
    found = _DIARIES.get(path)
    if found is None:
        with _DIARIES_LOCK:
            found = _DIARIES.setdefault(path, Diary.open(Path(path)))
    return found


def in_sample_mode() -> bool:
    """True while this browser session explores the made-up sample history."""
    return bool(st.session_state.get(_SAMPLE_MODE))


def active_diary() -> Diary:
    """The user's diary, or in sample mode this session's in-memory sample."""
    if not in_sample_mode():
        return diary()
    if _SAMPLE_DIARY not in st.session_state:
        sample = Diary.in_memory()
        for entry in sample_entries(today()):
            sample.save_entry(entry)
        st.session_state[_SAMPLE_DIARY] = sample
    return st.session_state[_SAMPLE_DIARY]


def start_sample() -> None:
    """Switch this session to a new sample, forgetting everything it held."""
    forget()
    st.session_state[_SAMPLE_MODE] = True


def forget() -> None:
    """Drop everything this session holds but the unlocked passcode.

    Form values, drafts, pending messages and widget states all belong to one
    diary; none of them may cross between the sample and the user's own.
    """
    for name in list(st.session_state):
        if name != passcode_gate.UNLOCKED:
            del st.session_state[name]


def today() -> date:
    """The user's local date (fixed by `$CLOSER_TODAY` in tests, see lib.config)."""
    return config.today()


def now() -> datetime:
    """The user's local time, with its offset (on `$CLOSER_TODAY`'s day if set)."""
    return config.now()

"""What every page shares: the diary handle, content, today's date, the data error page."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import streamlit as st

from lib.checkin import entry_from_form
from lib.config import data_path
from lib.content import AppText, Practice, load_app_text, load_practices, personalise
from lib.entries import EntryError, WeekEntry
from lib.storage import DataFileError, Diary, SaveError
from lib.weeks import IsoWeek

__all__ = ["data_path", "personalise"]
_SAVE_RESULT = "save_result"


@st.cache_resource(show_spinner=False)
def _diary_for(path: str) -> Diary:
    # One handle per data file per process: every session (thread) shares it,
    # and its lock serialises their writes.
    return Diary.open(Path(path))


def diary() -> Diary:
    """The diary for the configured data file."""
    return _diary_for(str(data_path()))


@st.cache_resource(show_spinner=False)
def practices() -> tuple[Practice, ...]:
    """The six practices, loaded and validated once per process."""
    return load_practices()


@st.cache_resource(show_spinner=False)
def app_text() -> AppText:
    """Closer's own sentences."""
    return load_app_text()


def practice(key: str) -> Practice:
    """One practice by key."""
    return next(item for item in practices() if item.key == key)


def today() -> date:
    """The user's local date."""
    return date.today()


def show_data_error(error: DataFileError) -> None:
    """Explain an unreadable data file and stop the page; nothing is written."""
    st.error(f"**Closer cannot open your diary.** The file `{error.path}` {error.problem}")
    st.markdown(
        "Closer has not changed or overwritten this file, and it will not save anything "
        "until the problem is fixed. You can:\n"
        "- restore the file from a backup copy you made, or\n"
        "- move the file somewhere safe and reload this page to start a new, empty diary, or\n"
        "- point Closer at a different file with the `CLOSER_DB` environment variable."
    )
    st.stop()


def saved_entries() -> list[WeekEntry]:
    """Every saved week, oldest first; if the file cannot be read, say why and stop."""
    try:
        return diary().list_entries()
    except DataFileError as error:
        show_data_error(error)
        raise  # unreachable: st.stop() ends the run
    except SaveError as error:  # the file is busy in another program
        st.error(str(error))
        st.stop()
        raise


def practice_page(item: Practice) -> st.Page:
    """The navigation page of one practice (one page function serves all six)."""
    from pages.practice import render

    return st.Page(
        partial(render, item.key),
        title=item.title,
        icon=item.icon,
        url_path=item.key.replace("_", "-"),
    )


def save_check_in(week: IsoWeek) -> None:
    """Button callback: validate the form and save it; the form keeps its values on failure."""
    try:
        stored = diary().get_entry(week)
        entry = entry_from_form(week, st.session_state, stored.focus if stored else None)
        diary().save_entry(entry)
    except EntryError as error:
        st.session_state[_SAVE_RESULT] = (week, error.problems)
    except (SaveError, DataFileError) as error:
        st.session_state[_SAVE_RESULT] = (week, [str(error)])
    else:
        st.session_state[_SAVE_RESULT] = (week, [])


def show_save_result(week: IsoWeek) -> None:
    """Say once whether the last save of `week` worked, and if not, why."""
    result = st.session_state.pop(_SAVE_RESULT, None)
    if result is None or result[0] != week:
        return
    problems = result[1]
    if problems:
        st.error("**Not saved.** " + " ".join(problems) + " Your ratings and notes are still here.")
    else:
        st.success(f"Saved your check-in for {week} ({week.label()}).", icon="✅")
        st.toast(f"Check-in for {week} saved", icon="✅")

"""Helpers for driving Closer's pages with Streamlit's AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.checkin import widget_key
from lib.diary import Diary
from lib.entries import PRACTICE_KEYS
from lib.weeks import IsoWeek
from ui import workarounds

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 30
# A Tuesday: week 2026-W48 runs Monday 23 to Sunday 29 November.
TODAY = date(2026, 11, 24)
THIS_WEEK = IsoWeek.of(TODAY)


@dataclass
class Closer:
    """A running copy of the app on a temporary data file."""

    db_path: Path

    def open(self, page: str = "", **query: str) -> AppTest:
        """Run the app and go to `page` (a file under pages/, or "" for home)."""
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    def open_url(self, url_path: str) -> AppTest:
        """Run the app and go to the page at `/url_path` (works for function pages too)."""
        # Every page is a file named for its url path (ui/navigation.py says why).
        return self.open(f"pages/{url_path}.py" if url_path else "")

    def diary(self) -> Diary:
        """A separate handle on the same file, to check what was really written."""
        return Diary.open(self.db_path)


def open_notes(at: AppTest, week: IsoWeek = THIS_WEEK) -> AppTest:
    """Open every practice's note on the check-in (a click on each "Note on …")."""
    for key in PRACTICE_KEYS:
        at.session_state[widget_key(week, "note_open", key)] = True
    return at.run()


def rate_all(at: AppTest, week: IsoWeek = THIS_WEEK, value: int = 5) -> AppTest:
    """Move every rating slider of `week`'s check-in to `value`."""
    for key in PRACTICE_KEYS:
        at.select_slider(key=widget_key(week, "rating", key)).set_value(value)
    return at.run()


def clear_streamlit_caches() -> None:
    """Caches outlive an AppTest instance; every case starts from nothing."""
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def first_run_closer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Closer]:
    """The app on an empty data file, every run as a server's first (Streamlit's folder mode)."""
    db_path = tmp_path / "closer.json"
    monkeypatch.setenv("CLOSER_DB", str(db_path))
    monkeypatch.setenv("CLOSER_TODAY", TODAY.isoformat())
    clear_streamlit_caches()
    yield Closer(db_path)
    clear_streamlit_caches()


@pytest.fixture
def closer(first_run_closer: Closer) -> Iterator[Closer]:
    """The app on an empty data file in `tmp_path`, with today fixed to TODAY, as served."""
    with workarounds.apptest_runs_as_served():
        yield first_run_closer

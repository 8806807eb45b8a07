"""Each page's view of the diary, computed once per data-file revision and shared by sessions.

The key is the diary's revision (`Diary.revision`), which changes with every
write by any session or process, so a save shows on the next rerun in every
tab, and a rerun that changes nothing re-reads and re-analyses nothing.
`st.cache_resource`, not `st.cache_data`: cache_data would unpickle a copy of
the frames and charts on every rerun, which at ten years of weeks costs more
than building them once. What these return is shared: never change it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib import journal, views
from lib.entries import WeekEntry
from lib.snapshots import Snapshot
from lib.weeks import IsoWeek
from ui import texts

# Old revisions are never asked for again; a few entries cover every page and tab.
_KEEP = 16


# The keys are plain strings: Streamlit hashes a date or an IsoWeek by pickling
# it, which cost more than the rest of a check-in rerun's own work.


@st.cache_resource(max_entries=_KEEP, show_spinner=False)
def _home(revision: str, day: str, _entries: tuple[WeekEntry, ...]) -> views.HomeView:
    return views.home_view(_entries, texts.titles(), date.fromisoformat(day))


@st.cache_resource(max_entries=_KEEP, show_spinner=False)
def _trends(
    revision: str, day: str, weeks: int | None, highlight: str | None, _home_view: views.HomeView
) -> views.TrendsView:
    return views.trends_view(_home_view.history, weeks, highlight)


@st.cache_resource(max_entries=_KEEP, show_spinner=False)
def _check_in(
    revision: str, day: str, week: str, _entries: tuple[WeekEntry, ...]
) -> views.CheckInView:
    return views.check_in_view(_entries, date.fromisoformat(day), IsoWeek.parse(week))


@st.cache_resource(max_entries=_KEEP, show_spinner=False)
def _practice(
    revision: str, day: str, key: str, _entries: tuple[WeekEntry, ...]
) -> views.PracticeView:
    return views.practice_view(_entries, texts.titles(), key, date.fromisoformat(day))


@st.cache_resource(max_entries=_KEEP, show_spinner=False)
def _journal(revision: str, _entries: tuple[WeekEntry, ...]) -> tuple[journal.Page, ...]:
    return journal.pages(_entries)


def home(snapshot: Snapshot, today: date) -> views.HomeView:
    """The dashboard (the diary has at least one entry)."""
    return _home(snapshot.revision, today.isoformat(), snapshot.entries)


def trends(
    snapshot: Snapshot,
    today: date,
    weeks: int | None,
    dashboard: views.HomeView,
    highlight: str | None = None,
) -> views.TrendsView:
    """The dashboard's trends for the last `weeks` weeks (None: all), from its `home` view.

    `highlight` is the practice the trend picks out (None: none); each choice is
    its own view, built once per revision like the rest.
    """
    return _trends(snapshot.revision, today.isoformat(), weeks, highlight, dashboard)


def check_in(snapshot: Snapshot, today: date, week: IsoWeek) -> views.CheckInView:
    """The check-in page's picker, previous check-in, focus outcome and suggestion."""
    return _check_in(snapshot.revision, today.isoformat(), str(week), snapshot.entries)


def practice(snapshot: Snapshot, today: date, key: str) -> views.PracticeView:
    """Practice `key`'s history (the diary has at least one entry)."""
    return _practice(snapshot.revision, today.isoformat(), key, snapshot.entries)


def journal_pages(snapshot: Snapshot) -> tuple[journal.Page, ...]:
    """Every saved week as the journal lists it, newest first, its text folded for search."""
    return _journal(snapshot.revision, snapshot.entries)


def forget_all() -> None:
    """Drop every view kept (after Lock now: what was read from the diary goes with the key)."""
    for cached in (_home, _trends, _check_in, _practice, _journal):
        cached.clear()

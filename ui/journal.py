"""The journal page's parts: the search and filters, what they found, and one week's card."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import csv_files, journal
from lib.content import Practice
from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN
from lib.journal import Filters, Page, Selection
from lib.journal_html import ratings_html, writing_html
from lib.wording import plural
from ui.texts import CSV_NOT_ENCRYPTED

# The search's key is its name in the address: /journal?q=river%20walk.
SEARCH_KEY = "q"
PAGE_KEY = "journal_page"
SEEN_KEY = "journal_seen"
ANY_PRACTICE = "Any practice"
# Streamlit forgets a widget's value after a run that does not draw it, so the
# filters would reset on the way back from a week opened in the check-in: each
# keeps its value for the session (the search is kept by the address).
KEPT = "session"


def filters(titles: Mapping[str, str], first: date, today: date) -> Filters:
    """The search box and the filters under it, as the user set them."""
    query = st.text_input(
        "Search your notes and reflections",
        key=SEARCH_KEY,
        bind="query-params",
        placeholder="For example: river walk",
        help="Every word must be in the week, in any order; capitals and accents do not count.",
    )
    with st.expander("Narrow the weeks down"):
        practice = st.selectbox(
            "Practice",
            [None, *PRACTICE_KEYS],
            format_func=lambda key: ANY_PRACTICE if key is None else titles[key],
            key="journal_practice",
            persist_state=KEPT,
        )
        lowest, highest = st.slider(
            "Its rating",
            RATING_MIN,
            RATING_MAX,
            (RATING_MIN, RATING_MAX),
            key="journal_rating",
            persist_state=KEPT,
            disabled=practice is None,
            help="Weeks where that practice was rated in this range. A skipped week has no "
            "rating, so it is left out.",
        )
        since_column, until_column = st.columns(2)
        since = _date_field(since_column, "From", "journal_since", first, today)
        until = _date_field(until_column, "To", "journal_until", first, today)
        notes_only = st.checkbox(
            "Only weeks with a note or a reflection", key="journal_notes", persist_state=KEPT
        )
    return Filters(query or "", practice, lowest, highest, since, until, notes_only)


def _date_field(
    column: DeltaGenerator, label: str, key: str, first: date, today: date
) -> date | None:
    """One end of the date span, empty until chosen, kept for the session."""
    chosen = column.date_input(
        label,
        value=None,
        min_value=first,
        max_value=today,
        key=key,
        persist_state=KEPT,
        help="Weeks that overlap the dates chosen are shown.",
    )
    return chosen if isinstance(chosen, date) else None


def found(selection: Selection, filters: Filters, today: date, *, sample: bool) -> Shown:
    """The count, the export of these weeks and the page of results to show; say why none."""
    if filters.since and filters.until and filters.since > filters.until:
        st.warning("“From” is after “To”, so no week can fall between them.")
    if selection.why_none:  # it gives the count itself: "none of your 29 weeks contain …"
        st.info(selection.why_none)
        return Shown(st.container(), ())
    count = len(selection.pages)
    everything = count == selection.total
    st.caption(
        f"All {plural(count, 'week')}, newest first."
        if everything
        else f"{plural(count, 'week')} of {selection.total} match, newest first."
    )
    st.download_button(
        export_label(count, everything=everything),
        # Made when pressed, as the data page's exports are; a press does not rerun.
        partial(csv_files.export_csv, selection.weeks, sample=sample),
        file_name=(
            csv_files.export_filename(today, sample=sample)
            if everything
            else csv_files.chosen_weeks_filename(today, sample=sample)
        ),
        mime="text/csv",
        icon="📄",
        help=(
            "The sample's weeks, to read; Closer does not import sample files."
            if sample
            else "The same columns as the full export on Your data; it can be imported back."
        ),
        key="journal_export",
        on_click="ignore",
    )
    if not sample:
        st.caption(CSV_NOT_ENCRYPTED)
    return _one_page(selection.pages, filters)


def export_label(count: int, *, everything: bool) -> str:
    """`Export this week (CSV)`, `Export all 52 weeks (CSV)`, `Export these 3 weeks (CSV)`."""
    if count == 1:
        return "Export this week (CSV)"
    return f"Export {'all' if everything else 'these'} {count} weeks (CSV)"


@dataclass(frozen=True)
class Shown:
    """The weeks to show on this page of results, and where on the page their cards go."""

    place: DeltaGenerator
    pages: Sequence[Page]


def _one_page(pages: Sequence[Page], filters: Filters) -> Shown:
    """The results on the page the user is on, PAGE_WEEKS at a time; page 1 after a new search.

    The page buttons go under the cards, where a reader who reached the last one is.
    """
    if st.session_state.get(SEEN_KEY) != filters:
        st.session_state[SEEN_KEY] = filters
        st.session_state.pop(PAGE_KEY, None)  # the widget starts again at its default, 1
    count = math.ceil(len(pages) / journal.PAGE_WEEKS)
    range_caption, cards = st.empty(), st.container()
    number = st.pagination(count, key=PAGE_KEY, persist_state=KEPT) if count > 1 else 1
    start = (number - 1) * journal.PAGE_WEEKS
    shown = pages[start : start + journal.PAGE_WEEKS]
    if count > 1:
        range_caption.caption(f"Weeks {start + 1}–{start + len(shown)} of {len(pages)}.")
    return Shown(cards, shown)


def week(
    page: Page, words: Sequence[str], practices: Sequence[Practice], titles: Mapping[str, str]
) -> None:
    """One week: its heading, six ratings, focus, notes and reflection, a way to open it."""
    entry = page.entry
    with st.container(border=True, key=f"journal_week_{entry.week}"):
        st.header(entry.week.with_monday(), anchor=False)
        st.html(ratings_html(entry, practices))
        if entry.focus is not None:
            st.caption(f"Focus chosen for the next week: {titles[entry.focus]}")
        writing = writing_html(entry, titles, words)
        if writing:
            st.html(writing)
        st.page_link(
            "pages/check-in.py",
            label=f"Open {entry.week} in the check-in",
            icon="✍️",
            query_params={"week": str(entry.week)},
        )

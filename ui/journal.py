"""The journal page's parts: the search and filters, what they found, and one week's card."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial

import streamlit as st

from lib import csv_files, journal
from lib.content import Practice
from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN
from lib.journal import Filters, Page, Selection
from lib.journal_html import ratings_html, writing_html
from lib.wording import plural

# The search's key is its name in the address: /journal?q=river%20walk.
SEARCH_KEY = "q"
PAGE_KEY = "journal_page"
SEEN_KEY = "journal_seen"
ANY_PRACTICE = "Any practice"
# Streamlit forgets a widget's value after a run that does not draw it, so the
# filters would reset on the way back from a week opened in the check-in. Their
# values are kept under KEPT_KEY and put back before they are drawn again.
FILTER_KEYS = (
    "journal_practice",
    "journal_rating",
    "journal_since",
    "journal_until",
    "journal_notes",
)
KEPT_KEY = "journal_kept"
ANY_RATING = (RATING_MIN, RATING_MAX)


def _restore_filters() -> None:
    """Put back the filters as the user left them, if Streamlit has forgotten them."""
    kept = st.session_state.get(KEPT_KEY, {})
    for key in FILTER_KEYS:
        if key not in st.session_state and key in kept:
            st.session_state[key] = kept[key]
    # The slider's default is set here, not as its value, so putting one back is allowed.
    st.session_state.setdefault("journal_rating", ANY_RATING)


def _keep_filters() -> None:
    st.session_state[KEPT_KEY] = {key: st.session_state[key] for key in FILTER_KEYS}


def filters(titles: Mapping[str, str], first: date, today: date) -> Filters:
    """The search box and the filters under it, as the user set them."""
    _restore_filters()
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
        )
        lowest, highest = st.slider(
            "Its rating",
            RATING_MIN,
            RATING_MAX,
            key="journal_rating",
            disabled=practice is None,
            help="Weeks where that practice was rated in this range. A skipped week has no "
            "rating, so it is left out.",
        )
        since_column, until_column = st.columns(2)
        since = since_column.date_input(
            "From", value=None, min_value=first, max_value=today, key="journal_since"
        )
        until = until_column.date_input(
            "To", value=None, min_value=first, max_value=today, key="journal_until"
        )
        notes_only = st.checkbox("Only weeks with a note or a reflection", key="journal_notes")
    _keep_filters()
    return Filters(query or "", practice, lowest, highest, since, until, notes_only)


def found(selection: Selection, filters: Filters, today: date, *, sample: bool) -> Sequence[Page]:
    """The count, the export of these weeks and the page of results to show; say why none."""
    if filters.since and filters.until and filters.since > filters.until:
        st.warning("“From” is after “To”, so no week can fall between them.")
    if selection.why_none:  # it gives the count itself: "none of your 29 weeks contain …"
        st.info(selection.why_none)
        return ()
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
        help="The same columns as the full export on Your data; it can be imported back.",
        key="journal_export",
        on_click="ignore",
    )
    return _one_page(selection.pages, filters)


def export_label(count: int, *, everything: bool) -> str:
    """`Export this week (CSV)`, `Export all 52 weeks (CSV)`, `Export these 3 weeks (CSV)`."""
    if count == 1:
        return "Export this week (CSV)"
    return f"Export {'all' if everything else 'these'} {count} weeks (CSV)"


def _one_page(pages: Sequence[Page], filters: Filters) -> Sequence[Page]:
    """The results on the page the user is on, PAGE_WEEKS at a time; page 1 after a new search."""
    if st.session_state.get(SEEN_KEY) != filters:
        st.session_state[SEEN_KEY] = filters
        st.session_state.pop(PAGE_KEY, None)  # the widget starts again at its default, 1
    count = math.ceil(len(pages) / journal.PAGE_WEEKS)
    number = st.pagination(count, key=PAGE_KEY) if count > 1 else 1
    start = (number - 1) * journal.PAGE_WEEKS
    shown = pages[start : start + journal.PAGE_WEEKS]
    if count > 1:
        st.caption(f"Weeks {start + 1}–{start + len(shown)} of {len(pages)}.")
    return shown


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

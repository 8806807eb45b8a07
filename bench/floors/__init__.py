"""Bare Streamlit scripts the bench measures Closer against.

The page floors (home, check_in, practice, data) draw what one of Closer's
pages draws, from values bench/inputs.py worked out beforehand, under the same
page list and sidebar as app.py; `route` is that frame.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import streamlit as st

from bench import inputs
from lib import chart_specs
from lib.charts import WEEK_PICK
from ui.dashboard import table_switch
from ui.page_tweaks import PHONE_SIDEBAR_JS, READABLE_CSS

_pages: dict[str, st.Page] = {}
# The naive floor (naive_home.py) draws the same page with st.altair_chart, as a
# straightforward app would: Altair turns each chart into a spec (and validates
# it) on every rerun.
_naive = False


def _elsewhere() -> None:
    """Every page but the measured one: never run by the bench."""


def route(draw: Callable[[], None], url_path: str, *, naive: bool = False) -> None:
    """Run `draw` as the page at `url_path` ("" for home) in app.py's frame, with no data.

    With `naive`, its charts are drawn with `st.altair_chart` (see `chart`).
    """
    global _naive
    _naive = naive
    nav = inputs.get(inputs.Nav)
    st.set_page_config(page_title="Closer", page_icon="🫶", layout="centered")
    sections = {
        section: [
            st.Page(
                draw if path == url_path else _elsewhere,
                title=title,
                icon=icon,
                url_path=path or None,
                default=not path,
            )
            for title, icon, path in pages
        ]
        for section, pages in nav.sections
    }
    _pages.clear()
    _pages.update({page.url_path: page for pages in sections.values() for page in pages})
    page = st.navigation(sections)
    if page.url_path != url_path:
        st.switch_page(_pages[url_path])  # the first run only: the bench measures the page
    st.set_page_config(page_title=f"{page.title} · Closer")
    st.html(READABLE_CSS)  # app.py's frame draws Closer's style sheet on every page
    with st.sidebar:
        st.caption(nav.sidebar)
    st.sidebar.html(PHONE_SIDEBAR_JS, unsafe_allow_javascript=True)
    page.run()


def link(url_path: str) -> st.Page:
    """The page at `url_path`, for `st.page_link`."""
    return _pages[url_path]


@st.fragment
def chart(
    figure: alt.TopLevelMixin, table: object, key: str, name: str, opens_week: bool = False
) -> None:
    """ui/dashboard.py's chart, a fragment: a "Show … as a table" switch, the spec or the table.

    The week grid's selection is drawn but never used: the bench clicks no week.
    """
    if st.toggle(table_switch(name), key=f"{key}_as_table"):
        st.dataframe(table, hide_index=True, width="stretch")
        return
    selection: dict[str, str] = (
        {"on_select": "rerun", "selection_mode": WEEK_PICK} if opens_week else {}
    )
    if _naive:
        st.altair_chart(figure, theme="streamlit", width="stretch", key=key, **selection)
    else:
        spec = chart_specs.spec_of(figure).fresh()
        st.vega_lite_chart(spec=spec, theme="streamlit", width="stretch", key=key, **selection)

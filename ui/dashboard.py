"""Dashboard pieces shared by pages: status, the focus card, charts with a table view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import altair as alt
import streamlit as st

from lib import chart_specs, charts, insights
from lib.checkin import focus_heading, focus_week
from lib.settings import Settings
from lib.snapshots import Snapshot
from lib.views import HomeView
from lib.weeks import IsoWeek, day_label
from ui import actions, messages, texts, views


def status(view: HomeView) -> None:
    """This week's check-in state, the streak and the 12-week consistency."""
    state = view.status
    with st.container(border=True, key="week_status"):
        if state.done:
            st.success(f"**This week ({state.week}) is checked in.** You can still edit it.")
            label = "Edit this week's check-in"
        else:
            until = "tonight" if state.days_left == 0 else day_label(state.week.sunday)
            st.info(f"**This week's check-in ({state.week}) is open until {until}.**")
            label = "Check in for this week"
        st.page_link("pages/check-in.py", label=label, icon="✍️")
    streak, consistency, total = st.columns(3)
    streak.metric("Streak", view.streak, help="Weeks in a row checked in")
    consistency.metric(
        "Last 12 weeks",
        f"{view.consistency} of {insights.CONSISTENCY_WEEKS}",
        help="Weeks with a check-in, this one included",
    )
    total.metric("Weeks checked in", state.weeks_checked_in)


def score_line() -> str:
    """What a score is, said where scores are shown."""
    return f"Score: {insights.SCORE_MEANING}."


def focus_card(view: HomeView, today: date, current: Settings) -> None:
    """The chosen focus, if any; Closer's suggestion, why, one idea, and a button to choose it."""
    suggestion = view.suggestion
    with st.container(border=True, key="focus_suggestion"):
        if suggestion is None:
            st.markdown("Check in once and Closer will suggest a practice to focus on.")
            return
        messages.show(messages.FOCUS)
        target = view.focus_target
        item = texts.practice(suggestion.practice)
        reasons = "\n".join(f"- {reason[:1].upper()}{reason[1:]}" for reason in suggestion.reasons)
        idea_index = IsoWeek.of(today).week
        # Which week a focus stored now is for; None until this or last week is checked in.
        when = None if target is None else focus_week(target.week, today)
        if target is None or target.focus is None:
            heading = "Suggested focus" if when is None else f"Suggested focus {when}"
            st.header(f"{heading}: {item.icon} {item.title}", anchor=False)
            st.markdown(reasons)
            st.caption(score_line())
            idea = item.ideas[idea_index % len(item.ideas)]
            st.markdown(f"**One idea to try:** {texts.personal_markdown(idea, current)}")
            if target is None:
                st.caption("Check in for this week to choose a focus.")
            else:
                st.button(
                    f"Make it {when}'s focus",
                    key="make_focus",
                    on_click=actions.set_focus,
                    args=(target.week, item.key, when),
                )
            return
        # A focus the user chose leads the card; a different suggestion never hides it.
        chosen = texts.practice(target.focus)
        st.header(
            f"{focus_heading(target.week, today)}: {chosen.icon} {chosen.title}", anchor=False
        )
        st.caption(f"Chosen at your check-in for {target.week} ({target.week.label()}).")
        idea = chosen.ideas[idea_index % len(chosen.ideas)]
        st.markdown(f"**One idea to try:** {texts.personal_markdown(idea, current)}")
        if chosen.key == item.key:
            st.markdown(f"✓ Closer suggests {chosen.title} too:")
            st.markdown(reasons)
            st.caption(score_line())
            return
        st.markdown(f"**Closer suggests {item.icon} {item.title} instead:**")
        st.markdown(reasons)
        st.caption(score_line())
        st.button(
            f"Switch {when}'s focus to {item.title} (replaces {chosen.title})",
            key="switch_focus",
            on_click=actions.set_focus,
            args=(target.week, item.key, when),
        )


# What each dashboard chart shows, in the words of its "Show … as a table" switch.
CHART_NAMES = {
    "wheel": "this week's ratings",
    "trend": "the trends",
    "overall": "all six together",
    "heatmap": "the week grid",
}


def table_switch(name: str) -> str:
    """The label of a chart's table switch: each says which chart it turns into a table."""
    return f"Show {name} as a table"


@st.fragment
def chart(
    figure: alt.TopLevelMixin,
    table: object,
    key: str,
    name: str,
    opens_week: bool = False,
) -> None:
    """A chart (its text alternative is the chart's own description) with a table view.

    `name` says what the chart shows. With `opens_week`, a click on a week
    (the chart's `charts.WEEK_PICK` selection) opens that week's check-in.
    A fragment: its switch reruns this chart alone, not the page. The chart
    goes to Streamlit as a Vega-Lite spec made once per chart object
    (lib/chart_specs.py): views are built once per revision, so an unchanged
    rerun validates nothing.
    """
    if st.toggle(table_switch(name), key=f"{key}_as_table"):
        st.dataframe(table, hide_index=True, width="stretch")
        return
    spec = chart_specs.spec_of(figure).fresh()
    selection: dict[str, str] = (
        {"on_select": "rerun", "selection_mode": charts.WEEK_PICK} if opens_week else {}
    )
    drawn = st.vega_lite_chart(spec=spec, theme="streamlit", width="stretch", key=key, **selection)
    picked = drawn.selection.get(charts.WEEK_PICK) if opens_week else None
    if picked:
        st.switch_page("pages/check-in.py", query_params={"week": picked[0]["week"]})


@st.fragment
def trends(snapshot: Snapshot, today: date, home: HomeView) -> None:
    """The trends section: span, a practice to pick out, three charts, a week to open.

    A fragment: a change of span or of the practice picked out reruns this
    section, not the status and focus card above it. It draws from the
    snapshot the page was last run with; a save anywhere reruns the page.
    """
    span = trend_span()
    highlight = practice_pick(texts.titles())
    view = views.trends(snapshot, today, span, home, highlight)
    chart(view.trend_chart, view.trend_table, "trend", CHART_NAMES["trend"])
    chart(view.overall_chart, view.overall_table, "overall", CHART_NAMES["overall"])
    chart(
        view.heatmap_chart, view.heatmap_table, "heatmap", CHART_NAMES["heatmap"], opens_week=True
    )
    open_week(view.weeks)


# How many weeks the trends show; a radio group always has one chosen, so the
# choice shown is always the span drawn (a segmented control can be emptied).
SPANS: dict[str, int | None] = {"12 weeks": 12, "26 weeks": 26, "1 year": 52, "All": None}
DEFAULT_SPAN = "26 weeks"
SPAN_LABEL = "Show"


def trend_span() -> int | None:
    """The trends' span as the user chose it: a number of weeks, or None for all of them."""
    span = st.radio(
        SPAN_LABEL,
        list(SPANS),
        index=list(SPANS).index(DEFAULT_SPAN),
        horizontal=True,
        key="trend_span",
    )
    return SPANS[span]


PICK_LABEL = "Pick out a practice"
OPEN_WEEK_LABEL = "Open a week's check-in"


def practice_pick(titles: Mapping[str, str]) -> str | None:
    """The keyboard's way to pick a practice out of the trend, as a click on its legend does.

    Returns the practice key chosen, or None to show all six alike.
    """
    return st.pills(
        PICK_LABEL,
        list(titles),
        format_func=titles.__getitem__,
        key="trend_pick",
        help="The chart fades the other practices. Choose it again to show all six.",
    )


def open_week_label(week: str | None) -> str:
    """The button under the week list: it names the week it opens."""
    return "Open the chosen week's check-in" if week is None else f"Open {week}'s check-in"


def open_week(weeks: Mapping[str, str]) -> None:
    """The keyboard's way into the week grid: choose one of its weeks, then open its check-in.

    Choosing only picks (nothing opens until the button, and nothing is stored).
    """
    week = st.selectbox(
        OPEN_WEEK_LABEL,
        list(weeks),
        index=None,
        format_func=weeks.__getitem__,
        key="week_open",
        placeholder="Choose a week from the grid",
    )
    if st.button(open_week_label(week), key="open_week", icon="✍️", disabled=week is None):
        st.switch_page("pages/check-in.py", query_params={"week": week})


def focus_effects(effects: Sequence[insights.FocusEffect]) -> None:
    """Per practice with enough weeks, a sentence on how it moved after focus versus otherwise.

    Sentences, not a table: they fit a phone's width. Until one practice can be
    compared, one line says when it will.
    """
    titles = texts.titles()
    ready = [effect for effect in effects if insights.compared(effect)]
    if not ready:
        st.caption(insights.effects_pending(effects, titles))
        return
    st.markdown("\n".join(f"- {insights.describe_effect(e, titles[e.practice])}" for e in ready))
    left_out = insights.effects_left_out(effects, titles)
    if left_out:
        st.caption(left_out)

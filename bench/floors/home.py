"""Floor of the dashboard: pages/home.py's elements and charts, from bench.inputs."""

import streamlit as st

from bench import floors, inputs
from ui import dashboard
from ui.dashboard import CHART_NAMES


def draw() -> None:
    """The dashboard of a diary with entries."""
    view = inputs.get(inputs.Home)
    st.title(f"🫶 {view.text.name}", anchor=False)
    st.caption(view.text.tagline)

    with st.container(border=True, key="week_status"):
        (st.success if view.status_done else st.info)(view.status_message)
        st.page_link(floors.link("check-in"), label=view.status_link, icon="✍️")
    streak, consistency, total = st.columns(3)
    streak.metric("Streak", view.streak, help="Weeks in a row checked in")
    consistency.metric(
        "Last 12 weeks", view.consistency, help="Weeks with a check-in, this one included"
    )
    total.metric("Weeks checked in", view.weeks_checked_in)

    with st.container(border=True, key="focus_suggestion"):
        for kind, line in view.focus_lines:
            if kind == "header":
                st.header(line, anchor=False)
            else:
                (st.caption if kind == "caption" else st.markdown)(line)
        if view.focus_button is not None:
            label, key = view.focus_button
            st.button(label, key=key)

    st.header("At a glance", anchor=False)
    floors.chart(view.wheel_chart, view.wheel_table, "wheel", CHART_NAMES["wheel"])

    st.header("Trends", anchor=False)
    trends_section(view)

    st.header("Does focusing help?", anchor=False)
    for kind, line in view.effects:
        (st.caption if kind == "caption" else st.markdown)(line)

    st.divider()
    st.caption(view.text.disclaimer)


@st.fragment
def trends_section(view: inputs.Home) -> None:
    """ui/dashboard.py's trends, a fragment as there."""
    trends = view.trends[dashboard.trend_span()]
    dashboard.practice_pick(view.titles)  # never picked: the bench draws the unpicked trend
    floors.chart(trends.trend_chart, trends.trend_table, "trend", CHART_NAMES["trend"])
    floors.chart(trends.overall_chart, trends.overall_table, "overall", CHART_NAMES["overall"])
    floors.chart(
        trends.heatmap_chart,
        trends.heatmap_table,
        "heatmap",
        CHART_NAMES["heatmap"],
        opens_week=True,
    )
    dashboard.open_week(trends.weeks)


if __name__ == "__main__":  # run as a script; naive_home.py imports `draw`
    floors.route(draw, "")

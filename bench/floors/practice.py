"""Floor of a practice page: ui/practice_view.py's content and history, from bench.inputs."""

import streamlit as st

from bench import floors, inputs


def draw() -> None:
    """One practice's page for a diary with entries."""
    view = inputs.get(inputs.PracticePage)
    st.title(view.title, anchor=False)
    st.markdown(view.summary)
    st.caption(view.number)

    about, history = st.tabs(["About this practice", "Your history"])
    with about:
        st.header("Why it matters", anchor=False)
        st.markdown(view.why)
        if view.caution:
            st.warning(view.caution, icon="⚖️")
        st.header("Ideas for this week", anchor=False)
        st.markdown(view.ideas)
        st.header("Questions to reflect on", anchor=False)
        st.markdown(view.prompts)
        st.header("How to rate it", anchor=False)
        st.markdown(view.scale)
    with history:
        left, middle, right = st.columns(3)
        left.metric("Score", view.score, help="Out of 10, like a rating")
        left.caption(inputs.SCORE_LINE)
        middle.metric("Trend", view.trend, view.change)
        right.metric("Times as focus", view.times_focused)
        floors.chart(view.chart, view.table, f"history_{view.key}", view.chart_name)
        st.header("Your notes", anchor=False)
        if not view.notes:
            st.caption("No notes on this practice yet.")
        for caption, note in view.notes:
            st.caption(caption)
            st.text(note)
        if view.older_notes:
            st.button(view.older_notes, key=f"older_notes_{view.key}")
    st.page_link(floors.link("check-in"), label="Rate this week's practices", icon="✍️")


floors.route(draw, inputs.get(inputs.PracticePage).key.replace("_", "-"))

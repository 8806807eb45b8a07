"""Floor of a practice page: ui/practice_view.py's content and history, from bench.inputs."""

import streamlit as st

from bench import floors, inputs


def draw() -> None:
    """One practice's page for a diary with entries."""
    view = inputs.get(inputs.PracticePage)
    st.title(view.title)
    st.markdown(view.summary)
    st.caption(view.number)

    about, history = st.tabs(["About this practice", "Your history"])
    with about:
        st.subheader("Why it matters")
        st.markdown(view.why)
        if view.caution:
            st.warning(view.caution, icon="⚖️")
        st.subheader("Ideas for this week")
        st.markdown(view.ideas)
        st.subheader("Questions to reflect on")
        st.markdown(view.prompts)
        st.subheader("How to rate it")
        st.markdown(view.scale)
    with history:
        left, middle, right = st.columns(3)
        left.metric("Score", view.score, help="Smoothed, out of 10")
        middle.metric("Trend", view.trend, view.change)
        right.metric("Times as focus", view.times_focused)
        floors.chart(view.chart, view.table, f"history_{view.key}", view.chart_name)
        st.subheader("Your notes")
        if not view.notes:
            st.caption("No notes on this practice yet.")
        for caption, note in view.notes:
            st.caption(caption)
            st.text(note)
        if view.older_notes:
            st.button(view.older_notes, key=f"older_notes_{view.key}")
    st.page_link(floors.link("check-in"), label="Rate this week's practices", icon="✍️")


floors.route(draw, inputs.get(inputs.PracticePage).key.replace("_", "-"))

"""Floor of the check-in: pages/check_in.py's form for this week, from bench.inputs."""

import streamlit as st

from bench import floors, inputs


def draw() -> None:
    """This week's form, as after a slider change (so "unsaved changes" shows)."""
    view = inputs.get(inputs.CheckIn)
    for name, value in view.form.items():
        st.session_state.setdefault(name, value)

    st.title("✍️ Check-in")
    st.session_state["week_picker"] = str(view.week)
    st.selectbox(
        "Week",
        list(view.week_labels),
        key="week_picker",
        format_func=view.week_labels.__getitem__,
        help="Pick an earlier week to fill it in late or to edit it.",
    )
    if view.editing is not None:
        st.info(view.editing, icon="✏️")
    if view.outcome is not None:
        key, icon, since, before = view.outcome
        st.info(f"**{since}:** {before} then, {st.session_state[key]} now.", icon=icon)

    for item in view.ratings:
        with st.container(border=True, key=f"practice_{item.key}"):
            head, last = st.columns([3, 1], vertical_alignment="bottom")
            head.markdown(item.heading)
            last.caption(item.last, text_alignment="right")
            st.caption(item.summary)
            rating, skip = st.columns([3, 1], vertical_alignment="center")
            rating.slider(
                item.slider_label,
                min_value=1,
                max_value=10,
                key=item.rating_key,
                disabled=st.session_state[item.skip_key],
                label_visibility="collapsed",
                persist_state="session",
            )
            skip.toggle("Skip this week", key=item.skip_key, persist_state="session")
            low, mid, high = st.columns(3)
            low.caption(item.low)
            mid.caption(item.mid, text_alignment="center")
            high.caption(item.high, text_alignment="right")
            st.text_area(
                item.note_label,
                key=item.note_key,
                placeholder=item.placeholder,
                height=68,
                persist_state="session",
            )

    st.text_area(
        "Reflection on the week (optional)",
        key=view.reflection_key,
        placeholder="Anything else about this week you want to remember?",
        persist_state="session",
    )
    st.selectbox(
        "Focus for the coming week",
        list(view.focus_labels),
        key=view.focus_key,
        format_func=view.focus_labels.__getitem__,
        help="The one practice to give extra attention next week. Closer suggests one.",
        persist_state="session",
    )
    st.caption("You have unsaved changes.")
    st.button("Save check-in", type="primary", key="save")
    if view.editing is not None:
        with st.expander(f"Delete the check-in for {view.week}"):
            st.caption("A safety copy of your diary is kept first (see Your data).")
            st.button("Delete this week", key="delete_week")


floors.route(draw, "check-in")

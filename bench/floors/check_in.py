"""Floor of the check-in: pages/check-in.py's form for this week, from bench.inputs.

A plain Streamlit app's form: its widgets have no callbacks, so a slider
move here keeps no draft; what keeping one costs is part of Closer's figure.
"""

import streamlit as st

from bench import floors, inputs

NOT_RATED_LABEL = "not rated yet"
STOPS = (None, *range(1, 11))


def stop_label(stop: int | None) -> str:
    """A rating stop as the slider shows it."""
    return NOT_RATED_LABEL if stop is None else str(stop)


def progress(view: inputs.CheckIn) -> tuple[str, list[str]]:
    """The save bar's caption, and the practices not rated yet."""
    state = st.session_state
    skipped = [item.key for item in view.ratings if state[item.skip_key]]
    unrated = [
        item.key
        for item in view.ratings
        if not state[item.skip_key] and state[item.rating_key] is None
    ]
    rated = len(view.ratings) - len(skipped) - len(unrated)
    parts = [f"{rated} of {len(view.ratings)} rated"]
    if skipped:
        parts.append(f"{len(skipped)} skipped")
    if unrated:
        parts.append(f"{len(unrated)} not rated yet")
    if any(state[name] != value for name, value in view.form.items()):
        parts[-1] += " · unsaved changes kept as a draft on this computer"
    return ", ".join(parts), unrated


def practice(item: inputs.Rating) -> None:
    """One practice: title, last rating, slider, its 1 and 10, skip, and the note."""
    with st.container(border=True, key=f"practice_{item.key}", gap="xsmall"):
        with st.container(horizontal=True, vertical_alignment="center", wrap=False):
            st.header(item.heading, anchor=False, width="stretch")
            if item.last is not None:
                st.caption(item.last, width="content", wrap=False)
        st.select_slider(
            item.slider_label,
            options=STOPS,
            format_func=stop_label,
            key=item.rating_key,
            disabled=st.session_state[item.skip_key],
            label_visibility="collapsed",
            persist_state="session",
        )
        st.caption(item.scale)
        st.toggle(item.skip_label, key=item.skip_key, persist_state="session")
        with st.expander(
            item.note_label,
            key=item.note_open_key,
            on_change="rerun",
            type="compact",
        ) as note:
            if note.open:
                st.text_area(
                    item.note_label,
                    key=item.note_key,
                    placeholder=item.placeholder,
                    label_visibility="collapsed",
                    height=68,
                    persist_state="session",
                )


def draw() -> None:
    """This week's form; the bench moves a slider before each rerun."""
    view = inputs.get(inputs.CheckIn)
    for name, value in view.form.items():
        st.session_state.setdefault(name, value)
    for item in view.ratings:
        st.session_state.setdefault(item.note_open_key, bool(st.session_state[item.note_key]))

    st.title("✍️ Check-in", anchor=False)
    st.session_state["week_picker"] = str(view.week)
    st.selectbox(
        "Week",
        list(view.week_labels),
        key="week_picker",
        format_func=view.week_labels.__getitem__,
        help="Pick an earlier week to fill it in late or to edit it.",
    )
    if view.editing is not None:
        st.caption(view.editing)
    if view.outcome is not None:
        rating_key, skip_key, icon, sentence = view.outcome
        now = "skipped" if st.session_state[skip_key] else stop_label(st.session_state[rating_key])
        st.info(f"{sentence}{now} now.", icon=icon)
    st.html(view.style)
    with st.container(key="check_in_form"):
        for item in view.ratings:
            practice(item)
        st.text_area(
            "Reflection on the week (optional)",
            key=view.reflection_key,
            placeholder="Anything else about this week you want to remember?",
            height=68,
            persist_state="session",
        )
        st.selectbox(
            view.focus_label,
            list(view.focus_labels),
            key=view.focus_key,
            format_func=view.focus_labels.__getitem__,
            help="The one practice to give extra attention in the week after this check-in.",
            persist_state="session",
        )
    status, unrated = progress(view)
    if unrated:
        selectors = ", ".join(f'.st-key-practice_{key} [data-testid="stSlider"]' for key in unrated)
        st.html(f"<style>{selectors} {{ filter: grayscale(1); }}</style>")
    with st.container(horizontal=True, vertical_alignment="center", key="save_bar"):
        st.button("Save check-in", type="primary", key="save")
        if "unsaved changes" in status:
            st.button(
                "Discard changes",
                type="tertiary",
                key="discard_changes",
                help="Go back to what is saved for this week and forget the draft.",
            )
        st.caption(status, width="stretch")
    if view.editing is not None:
        with st.expander(f"Delete the check-in for {view.week}"):
            st.caption("A safety copy of your diary is kept first (see Your data).")
            st.button("Delete this week", key="delete_week")
    st.sidebar.html(view.script, unsafe_allow_javascript=True)


floors.route(draw, "check-in")

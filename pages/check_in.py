"""Check-in: rate the six practices for one week, add notes, and save."""

import streamlit as st

from lib import checkin
from lib.entries import NOTE_MAX_CHARS, REFLECTION_MAX_CHARS
from lib.weeks import IsoWeek, moment_label
from pages import common

today = common.today()
saved = {entry.week: entry for entry in common.saved_entries()}
week, week_problem = checkin.resolve_week(st.query_params.get("week"), today)
entry = saved.get(week)
previous = checkin.previous_entry(saved.values(), week)
for name, value in checkin.form_values(week, entry).items():
    st.session_state.setdefault(name, value)

st.title("✍️ Check-in")
if week_problem:
    st.warning(week_problem)
    del st.query_params["week"]  # said once; the URL now matches the week shown
options = [str(option) for option in checkin.picker_weeks(today, saved, also=week)]
st.session_state["week_picker"] = str(week)
st.selectbox(
    "Week",
    options,
    key="week_picker",
    format_func=lambda option: checkin.week_option_label(IsoWeek.parse(option), today, set(saved)),
    on_change=lambda: st.query_params.update(week=st.session_state["week_picker"]),
    help="Pick an earlier week to fill it in late or to edit it.",
)
if entry is not None:
    st.info(
        f"You are editing the check-in you saved for {week} on "
        f"{moment_label(entry.updated_at)}. Saving replaces it.",
        icon="✏️",
    )

for item in common.practices():
    with st.container(border=True, key=f"practice_{item.key}"):
        head, last = st.columns([3, 1], vertical_alignment="bottom")
        head.markdown(f"#### {item.icon} {item.title}")
        last.caption(
            checkin.previous_rating_label(previous, week, item.key, IsoWeek.of(today)),
            text_alignment="right",
        )
        st.caption(item.summary)
        skip_key = checkin.widget_key(week, "skip", item.key)
        rating, skip = st.columns([3, 1], vertical_alignment="center")
        rating.slider(
            f"{item.title}: your rating from 1 to 10",
            min_value=1,
            max_value=10,
            key=checkin.widget_key(week, "rating", item.key),
            disabled=st.session_state[skip_key],
            label_visibility="collapsed",
            help=f"5: {item.scale.mid}",
            persist_state="session",
        )
        skip.toggle("Skip this week", key=skip_key, persist_state="session")
        low, high = st.columns(2)
        low.caption(f"**1** · {item.scale.low}")
        high.caption(f"{item.scale.high} · **10**", text_alignment="right")
        st.text_area(
            f"Note on {item.title.lower()} (optional)",
            key=checkin.widget_key(week, "note", item.key),
            placeholder=common.personalise(item.prompts[0]),
            max_chars=NOTE_MAX_CHARS,
            height=68,
            persist_state="session",
        )

st.text_area(
    "Reflection on the week (optional)",
    key=checkin.widget_key(week, "reflection"),
    placeholder="Anything else about this week you want to remember?",
    max_chars=REFLECTION_MAX_CHARS,
    persist_state="session",
)
if checkin.has_unsaved_changes(week, st.session_state, entry):
    st.caption("You have unsaved changes.")
st.button("Save check-in", type="primary", key="save", on_click=common.save_check_in, args=(week,))
common.show_save_result(week)

"""Check-in: rate the six practices for one week, add notes, and save."""

import streamlit as st

from lib import checkin, insights
from lib.content import escape_markdown
from lib.weeks import IsoWeek, moment_label
from pages import blocks, common, gate

gate.guard()
today = common.today()
saved = {entry.week: entry for entry in common.saved_entries()}
week, week_problem = checkin.resolve_week(st.query_params.get("week"), today)
entry = saved.get(week)
previous = checkin.previous_entry(saved.values(), week)
for name, value in checkin.form_values(week, entry).items():
    st.session_state.setdefault(name, value)

st.title("✍️ Check-in")
if week_problem:
    st.warning(escape_markdown(week_problem))
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

outcome = insights.focus_outcome(list(saved.values()), week)
if outcome is not None:
    blocks.focus_outcome(outcome, week)
settings = common.settings()  # read once: each read checks the whole diary
for item in common.practices():
    blocks.practice_rating(item, week, previous, IsoWeek.of(today), settings)

st.text_area(
    "Reflection on the week (optional)",
    key=checkin.widget_key(week, "reflection"),
    placeholder="Anything else about this week you want to remember?",
    persist_state="session",
)
suggestion = insights.focus_suggestion(list(saved.values()), today)
blocks.focus_picker(week, suggestion.practice if suggestion else None)
if checkin.has_unsaved_changes(week, st.session_state, entry):
    st.caption("You have unsaved changes.")
st.button("Save check-in", type="primary", key="save", on_click=common.save_check_in, args=(week,))
common.show_save_result(week)
common.show_deleted(week)
if entry is not None:
    with st.expander(f"Delete the check-in for {week}"):
        st.caption("A safety copy of your diary is kept first (see Your data).")
        st.button("Delete this week", key="delete_week", on_click=common.delete_week, args=(week,))

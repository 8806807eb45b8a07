"""Check-in: rate the six practices for one week, add notes, and save."""

import streamlit as st

from lib import checkin
from lib.content import escape_markdown
from lib.weeks import IsoWeek, moment_label
from pages import blocks, cached, common, gate

gate.guard()
today = common.today()
snapshot = common.snapshot()
week, week_problem = checkin.resolve_week(st.query_params.get("week"), today)
entry = snapshot.by_week.get(week)
view = cached.check_in(snapshot, today, week)
for name, value in checkin.form_values(week, entry).items():
    st.session_state.setdefault(name, value)

st.title("✍️ Check-in")
if week_problem:
    st.warning(escape_markdown(week_problem))
    del st.query_params["week"]  # said once; the URL now matches the week shown
st.session_state["week_picker"] = str(week)
st.selectbox(
    "Week",
    list(view.week_labels),
    key="week_picker",
    format_func=view.week_labels.__getitem__,
    on_change=lambda: st.query_params.update(week=st.session_state["week_picker"]),
    help="Pick an earlier week to fill it in late or to edit it.",
)
if entry is not None:
    st.info(
        f"You are editing the check-in you saved for {week} on "
        f"{moment_label(entry.updated_at)}. Saving replaces it.",
        icon="✏️",
    )

if view.outcome is not None:
    blocks.focus_outcome(view.outcome, week)
settings = common.settings(snapshot)
for item in common.practices():
    blocks.practice_rating(item, week, view.previous, IsoWeek.of(today), settings)

st.text_area(
    "Reflection on the week (optional)",
    key=checkin.widget_key(week, "reflection"),
    placeholder="Anything else about this week you want to remember?",
    persist_state="session",
)
blocks.focus_picker(week, view.suggested)
if checkin.has_unsaved_changes(week, st.session_state, entry):
    st.caption("You have unsaved changes.")
st.button("Save check-in", type="primary", key="save", on_click=common.save_check_in, args=(week,))
common.show_save_result(week)
common.show_deleted(week)
if entry is not None:
    with st.expander(f"Delete the check-in for {week}"):
        st.caption("A safety copy of your diary is kept first (see Your data).")
        st.button("Delete this week", key="delete_week", on_click=common.delete_week, args=(week,))

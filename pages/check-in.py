"""Check-in: rate the six practices for one week, add notes, and save."""

import streamlit as st

from lib import checkin
from lib.content import escape_markdown
from lib.weeks import IsoWeek
from ui import actions, check_in_form, page_start, page_tweaks, session, texts, views

snapshot = page_start.open_page()
today = session.today()
week, week_problem = checkin.resolve_week(st.query_params.get("week"), today)
entry = snapshot.by_week.get(week)
view = views.check_in(snapshot, today, week)
check_in_form.open_form(week, entry)

st.title("✍️ Check-in", anchor=False)
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
check_in_form.where_it_stands(week, entry)

if view.outcome is not None:
    check_in_form.focus_outcome(view.outcome, week, today)
settings = snapshot.settings
page_tweaks.compact_check_in()
# Everything typed here is inside the form's container, which the typing script watches.
with st.container(key=check_in_form.FORM_KEY):
    for item in texts.practices():
        check_in_form.practice_rating(item, week, view.previous, IsoWeek.of(today), settings)
    st.text_area(
        "Reflection on the week (optional)",
        key=checkin.widget_key(week, "reflection"),
        placeholder="Anything else about this week you want to remember?",
        height=68,
        persist_state="session",
        on_change=actions.keep_draft,
        args=(week,),
    )
    check_in_form.focus_picker(week, view.suggested, today)
progress = checkin.form_progress(week, st.session_state)
page_tweaks.mute_unrated(progress.unanswered)
check_in_form.save_bar(week, progress, checkin.has_unsaved_changes(week, st.session_state, entry))
check_in_form.save_outcome(week)
check_in_form.undo_delete(week, entry)
if entry is not None:
    check_in_form.delete_section(week)
page_tweaks.keep_typing()

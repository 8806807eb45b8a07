"""Check-in: rate the six practices for one week, add notes, and save."""

import streamlit as st

from lib import checkin
from lib.content import escape_markdown
from lib.weeks import IsoWeek, moment_label
from pages import cached, check_in_form, common, gate, page_dom

gate.guard()
today = common.today()
snapshot = common.snapshot()
week, week_problem = checkin.resolve_week(st.query_params.get("week"), today)
entry = snapshot.by_week.get(week)
view = cached.check_in(snapshot, today, week)
common.open_form(week, entry)

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
common.show_draft_note()
draft = common.restored_draft(week)
if draft is not None:
    with st.container(border=True, key="draft_notice"):
        st.markdown(
            f"📝 **Your unsaved changes from {moment_label(draft.kept_at)} are back.** "
            "Save to keep them, or discard them to go back to "
            + ("the saved check-in." if entry is not None else "an empty form.")
        )
        st.button("Discard draft", key="discard_draft", on_click=common.discard_draft, args=(week,))
elif entry is not None:
    st.caption(f"✏️ Editing the check-in you saved on {moment_label(entry.updated_at)}.")

if view.outcome is not None:
    check_in_form.focus_outcome(view.outcome, week, today)
settings = common.settings(snapshot)
page_dom.compact_check_in()
# Everything typed here is inside the form's container, which the typing script watches.
with st.container(key=check_in_form.FORM_KEY):
    for item in common.practices():
        check_in_form.practice_rating(item, week, view.previous, IsoWeek.of(today), settings)
    st.text_area(
        "Reflection on the week (optional)",
        key=checkin.widget_key(week, "reflection"),
        placeholder="Anything else about this week you want to remember?",
        height=68,
        persist_state="session",
        on_change=common.keep_draft,
        args=(week,),
    )
    check_in_form.focus_picker(week, view.suggested, today)
progress = checkin.form_progress(week, st.session_state)
page_dom.mute_unrated(progress.unanswered)
check_in_form.save_bar(week, progress, checkin.has_unsaved_changes(week, st.session_state, entry))
common.show_save_result(week)
common.show_deleted(week)
if entry is not None:
    with st.expander(f"Delete the check-in for {week}"):
        st.caption("A safety copy of your diary is kept first (see Your data).")
        st.button("Delete this week", key="delete_week", on_click=common.delete_week, args=(week,))
page_dom.keep_typing()

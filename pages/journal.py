"""Journal: every week checked in, newest first, searched and filtered."""

import streamlit as st

from lib import journal
from ui import journal as journal_ui
from ui import page_start, page_tweaks, session, texts, views

snapshot = page_start.open_page()
today = session.today()
titles = texts.titles()

st.title("📖 Journal", anchor=False)
page_tweaks.journal()
if not snapshot.entries:
    st.info(
        "No check-ins yet. Each week you check in shows here, newest first, with its "
        "ratings, notes and reflection, and you can search them."
    )
    st.page_link("pages/check-in.py", label="Start your first check-in", icon="✍️")
    st.stop()

st.caption("Every week you checked in, newest first. Search your notes and reflections.")
filters = journal_ui.filters(titles, snapshot.entries[0].week.monday, today)
selection = journal.select(views.journal_pages(snapshot), filters, titles)
shown = journal_ui.found(selection, filters, today, sample=session.in_sample_mode())
with shown.place:
    for page in shown.pages:
        journal_ui.week(page, selection.words, texts.practices(), titles)

"""Floor of the journal: pages/journal.py's search, filters and first page, from bench.inputs.

The search box and filters are ui/journal.py's own (only widgets); what they
found, the export and the cards come ready from bench.inputs.
"""

import streamlit as st

from bench import floors, inputs
from ui import journal as journal_ui
from ui import page_tweaks
from ui.texts import CSV_NOT_ENCRYPTED


def draw() -> None:
    """The journal of a diary with entries, searched for the page's query."""
    view = inputs.get(inputs.JournalPage)
    st.title("📖 Journal", anchor=False)
    page_tweaks.journal()
    st.caption("Every week you checked in, newest first. Search your notes and reflections.")
    journal_ui.filters(view.titles, view.first, view.today)
    st.caption(view.count_caption)
    st.download_button(
        view.export_label,
        lambda: view.csv,
        file_name=view.export_name,
        mime="text/csv",
        icon="📄",
        help="The same columns as the full export on Your data; it can be imported back.",
        key="journal_export",
        on_click="ignore",
    )
    st.caption(CSV_NOT_ENCRYPTED)
    range_caption, cards = st.empty(), st.container()
    if view.pages > 1:
        st.pagination(view.pages, key=journal_ui.PAGE_KEY, persist_state=journal_ui.KEPT)
        range_caption.caption(view.page_caption)
    with cards:
        for card in view.cards:
            with st.container(border=True, key=card.key):
                st.header(card.heading, anchor=False)
                st.html(card.ratings)
                if card.focus is not None:
                    st.caption(card.focus)
                if card.writing:
                    st.html(card.writing)
                st.page_link(
                    floors.link("check-in"),
                    label=card.link_label,
                    icon="✍️",
                    query_params={"week": card.week},
                )


floors.route(draw, "journal")

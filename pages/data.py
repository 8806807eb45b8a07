"""Your data: export, import, backup and restore, safety copies, delete."""

import streamlit as st

from ui import data_sections, exports, messages, page_start, session

snapshot = page_start.open_page()
entries = snapshot.entries
sample = session.in_sample_mode()  # then every export is the sample's, and nothing here writes

st.title("🗂️ Your data", anchor=False)
if sample:
    st.caption(
        "This page shows the made-up sample, not your diary. Its exports are named and "
        "marked as sample, and Closer will not import them into a diary."
    )
else:
    st.caption(f"Your diary is the file `{session.data_path()}`. It is yours: take it anywhere.")
messages.show(messages.DATA)

st.header("Export", anchor=False)
exports.export_section(entries, sample=sample)

st.header("Import", anchor=False)
data_sections.import_section(entries, sample)

st.header("Restore a backup", anchor=False)
data_sections.restore_section(entries, snapshot.settings, sample)

st.header("Safety copies", anchor=False)
data_sections.safety_copies_section(sample)

st.header("Delete", anchor=False)
data_sections.delete_all_section(len(entries), sample)

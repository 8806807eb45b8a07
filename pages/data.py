"""Your data: export, import, backup and restore, safety copies, delete."""

from functools import partial

import streamlit as st

from lib import backup_files, csv_files
from ui import data_sections, messages, page_start, session

snapshot = page_start.open_page()
entries = snapshot.entries
today = session.today()
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
# Each file is made when its button is pressed, not on every rerun of this page.
# A press must not rerun the page either: a rerun registers the files anew and
# revokes the ids the browser is about to fetch, and the download then fails.
csv_column, tidy_column, backup_column = st.columns(3)
csv_column.download_button(
    "Entries (CSV)",
    partial(csv_files.export_csv, entries, sample=sample),
    file_name=csv_files.export_filename(today, sample=sample),
    mime="text/csv",
    icon="📄",
    help=(
        "One row per week of the sample; opens in any spreadsheet."
        if sample
        else "One row per week; opens in any spreadsheet and can be imported back."
    ),
    key="export_csv",
    on_click="ignore",
)
tidy_column.download_button(
    "For analysis (CSV)",
    partial(csv_files.export_tidy_csv, entries, sample=sample),
    file_name=csv_files.tidy_filename(today, sample=sample),
    mime="text/csv",
    icon="📊",
    help="One row per week and practice, for pandas or a pivot table.",
    key="export_tidy",
    on_click="ignore",
)
backup_column.download_button(
    "Full backup (JSON)",
    partial(session.active_diary().backup_json, sample=sample),
    file_name=backup_files.backup_filename(session.now(), sample=sample),
    mime="application/json",
    icon="💾",
    help=(
        "Everything in the sample, to read."
        if sample
        else "Everything, settings included; restore it below."
    ),
    key="export_backup",
    on_click="ignore",
)

st.header("Import", anchor=False)
data_sections.import_section(entries, sample)

st.header("Restore a backup", anchor=False)
data_sections.restore_section(entries, snapshot.settings, sample)

st.header("Safety copies", anchor=False)
data_sections.safety_copies_section(sample)

st.header("Delete", anchor=False)
data_sections.delete_all_section(len(entries), sample)

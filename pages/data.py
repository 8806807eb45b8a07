"""Your data: export, import, backup and restore, safety copies, delete."""

from functools import partial

import streamlit as st

from lib import transfer
from pages import common, gate, transfer_ui

gate.guard()
entries = common.saved_entries()
today = common.today()

st.title("🗂️ Your data")
st.caption(f"Your diary is the file `{common.data_path()}`. It is yours: take it anywhere.")
transfer_ui.show_flash()

st.subheader("Export")
# Each file is made when its button is pressed, not on every rerun of this page.
# A press must not rerun the page either: a rerun registers the files anew and
# revokes the ids the browser is about to fetch, and the download then fails.
csv_column, tidy_column, backup_column = st.columns(3)
csv_column.download_button(
    "Entries (CSV)",
    partial(transfer.export_csv, entries),
    file_name=transfer.export_filename(today),
    mime="text/csv",
    icon="📄",
    help="One row per week; opens in any spreadsheet and can be imported back.",
    key="export_csv",
    on_click="ignore",
)
tidy_column.download_button(
    "For analysis (CSV)",
    partial(transfer.export_tidy_csv, entries),
    file_name=transfer.tidy_filename(today),
    mime="text/csv",
    icon="📊",
    help="One row per week and practice, for pandas or a pivot table.",
    key="export_tidy",
    on_click="ignore",
)
backup_column.download_button(
    "Full backup (JSON)",
    common.active_diary().backup_json,
    file_name=transfer.backup_filename(common.now()),
    mime="application/json",
    icon="💾",
    help="Everything, settings included; restore it below.",
    key="export_backup",
    on_click="ignore",
)

st.subheader("Import")
st.caption(f"Files up to {st.get_option('server.maxUploadSize')} MB. You see a preview first.")
transfer_ui.import_section(entries)

st.subheader("Restore a backup")
transfer_ui.restore_section(entries)

st.subheader("Safety copies")
transfer_ui.safety_copies_section()

st.subheader("Delete")
st.caption("To delete one week, open it on the check-in page.")
transfer_ui.delete_all_section(len(entries))

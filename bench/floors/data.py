"""Floor of Your data: pages/data.py's exports and forms, from bench.inputs."""

import streamlit as st

from bench import floors, inputs
from ui.texts import CSV_NOT_ENCRYPTED


def draw() -> None:
    """The data page with nothing uploaded."""
    view = inputs.get(inputs.Data)
    st.title("🗂️ Your data", anchor=False)
    st.caption(view.path_caption)

    st.header("Export", anchor=False)
    # As on the page, each file is handed over only when its button is pressed.
    csv_column, tidy_column, backup_column = st.columns(3)
    csv_column.download_button(
        "Entries (CSV)",
        lambda: view.csv,
        file_name=view.csv_name,
        mime="text/csv",
        icon="📄",
        help="One row per week; opens in any spreadsheet and can be imported back.",
        key="export_csv",
        on_click="ignore",
    )
    tidy_column.download_button(
        "For analysis (CSV)",
        lambda: view.tidy,
        file_name=view.tidy_name,
        mime="text/csv",
        icon="📊",
        help="One row per week and practice, for pandas or a pivot table.",
        key="export_tidy",
        on_click="ignore",
    )
    st.caption(CSV_NOT_ENCRYPTED)
    backup_column.download_button(
        "Full backup (JSON)",
        lambda: view.backup,
        file_name=view.backup_name,
        mime="application/json",
        icon="💾",
        help="Everything, settings included; restore it below.",
        key="export_backup",
        on_click="ignore",
    )

    st.header("Import", anchor=False)
    st.caption(view.upload_caption)
    st.file_uploader("Import a CSV export", key="import_0")

    st.header("Restore a backup", anchor=False)
    st.caption(view.restore_caption)
    st.file_uploader("Restore a backup", key="restore_0")

    st.header("Safety copies", anchor=False)
    if not view.safety_copies:
        st.caption(
            "None yet. One is made before every import that replaces weeks, every "
            "restore and every delete."
        )
    else:
        st.selectbox(
            "Safety copies, newest first",
            list(view.safety_copies),
            format_func=view.safety_copies.get,
            key="safety_copy",
        )
        sure = st.checkbox("Yes, put this copy back in place of my diary", key="safety_sure")
        st.button("Restore this copy", disabled=not sure, key="safety_restore")

    st.header("Delete", anchor=False)
    if not view.weeks:
        st.caption("Your diary has no weeks to delete.")
        return
    st.caption("To delete one week, open it on the check-in page.")
    typed = st.text_input(view.delete_label, key="delete_word")
    st.button("Delete all my weeks", disabled=typed.strip() != "DELETE", key="delete_all")


floors.route(draw, "data")

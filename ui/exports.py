"""Your data's downloads: the CSV exports and the full backup, each said for what it is.

A CSV file is never encrypted, and the page says so. While the diary is
encrypted the backup is offered twice: sealed with the diary's passphrase,
and as plain JSON, labelled as not encrypted.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import streamlit as st

from lib import backup_files, csv_files
from lib.diary import Diary
from lib.entries import WeekEntry
from ui import session, texts

BACKUP_HELP = "Everything, settings included; restore it below."
BACKUPS_SAID = (
    "The encrypted backup opens with your diary's passphrase as it is now. The other is "
    "plain JSON: anyone who gets that file can read your whole diary."
)


def export_section(entries: Sequence[WeekEntry], *, sample: bool) -> None:
    """The CSV exports and the backup, encrypted too while the diary is."""
    store = session.active_diary()
    encrypted = not sample and store.is_encrypted()
    today = session.today()
    # Each file is made when its button is pressed, not on every rerun of this page.
    # A press must not rerun the page either: a rerun registers the files anew and
    # revokes the ids the browser is about to fetch, and the download then fails.
    if encrypted:
        csv_column, tidy_column = st.columns(2)
    else:
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
    if not sample:
        st.caption(texts.CSV_NOT_ENCRYPTED)
    if encrypted:
        sealed_column, backup_column = st.columns(2)
        sealed_column.download_button(
            "Full backup (encrypted)",
            partial(_encrypted_backup, store),
            file_name=backup_files.backup_filename(session.now(), encrypted=True),
            mime="application/octet-stream",
            icon="🔐",
            help="Everything, settings included, encrypted with your diary's passphrase; "
            "restore it below.",
            key="export_encrypted_backup",
            on_click="ignore",
        )
    backup_column.download_button(
        "Full backup (JSON, not encrypted)" if encrypted else "Full backup (JSON)",
        partial(store.backup_json, sample=sample),
        file_name=backup_files.backup_filename(session.now(), sample=sample),
        mime="application/json",
        icon="💾",
        help="Everything in the sample, to read." if sample else BACKUP_HELP,
        key="export_backup",
        on_click="ignore",
    )
    if encrypted:
        st.caption(BACKUPS_SAID)


def _encrypted_backup(store: Diary) -> bytes:
    """The backup sealed with the diary's own key: it opens with the same passphrase."""
    return store.seal_copy(store.backup_json())

"""The data page's sections: import with preview, restore, safety copies, delete all.

Each section previews and asks; the write itself is a callback in ui/actions.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib import backup_files, csv_files, transfer
from lib.content import escape_markdown
from lib.entries import WeekEntry
from lib.settings import settings_from_record
from ui import actions, session

REPLACE_CHOICES = ("Only add new weeks", "Add new weeks and replace the differing ones")
DELETE_WORD = "DELETE"
# In sample mode nothing on the data page may act on a diary: why each control is off.
_OFF = "is off while you explore sample data"
IMPORT_OFF = (
    f"Importing {_OFF}: it would only change the sample. "
    "Leave sample data to import into your diary."
)
RESTORE_OFF = (
    f"Restoring a backup {_OFF}: it would only change the sample. "
    "Leave sample data to restore a backup into your diary."
)
SAFETY_OFF = (
    f"Restoring a safety copy {_OFF}: safety copies are of your diary, which this page "
    "leaves alone. Leave sample data to see them."
)
DELETE_OFF = (
    f"Deleting {_OFF}: it would only change the sample. "
    "Leave sample data to delete weeks from your diary."
)


def max_upload_bytes() -> int:
    """The upload cap set in .streamlit/config.toml (server.maxUploadSize, in MB)."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


def _upload_key(name: str) -> str:
    # A new key after each import or restore empties the file picker.
    return f"{name}_{actions.upload_round()}"


def _problems(error: transfer.TransferError) -> None:
    lines = "\n".join(f"- {escape_markdown(problem)}" for problem in error.problems)
    st.error(f"**This file cannot be used. Nothing was changed.**\n\n{lines}")


def _preview_counts(preview: transfer.ImportPreview) -> None:
    new, differing, identical = st.columns(3)
    new.metric("New weeks", len(preview.new))
    differing.metric("Differ from saved", len(preview.differing))
    identical.metric("Identical", len(preview.identical))
    if preview.differing:
        weeks = ", ".join(str(saved.week) for saved, _ in preview.differing)
        st.caption(f"Differing weeks: {weeks}")


def import_section(entries: Sequence[WeekEntry], sample: bool) -> None:
    """Upload a CSV export, preview what it changes, and import on confirmation."""
    if sample:
        # No greyed-out file drop: its faded text could not be read, and it can do nothing.
        st.caption(IMPORT_OFF)
        return
    st.caption(f"Files up to {st.get_option('server.maxUploadSize')} MB. You see a preview first.")
    uploaded = st.file_uploader("Import a CSV export", type=["csv"], key=_upload_key("import"))
    if uploaded is None:
        return
    try:
        incoming = csv_files.parse_csv(uploaded.getvalue(), max_upload_bytes())
        transfer.refuse_future_weeks(incoming, session.today())
    except transfer.TransferError as error:
        _problems(error)
        return
    preview = transfer.preview(incoming, entries)
    _preview_counts(preview)
    choice = st.radio("What to import", REPLACE_CHOICES, key="import_choice")
    chosen = transfer.to_write(preview, replace_differing=choice == REPLACE_CHOICES[1])
    st.button(
        f"Import {len(chosen)} weeks",
        disabled=not chosen,
        key="import_confirm",
        on_click=actions.import_weeks,
        args=(chosen,),
    )


def restore_section(entries: Sequence[WeekEntry], sample: bool) -> None:
    """Upload a JSON backup, preview it, and replace the diary with it on confirmation."""
    if sample:
        st.caption(RESTORE_OFF)
        return
    uploaded = st.file_uploader("Restore a backup", type=["json"], key=_upload_key("restore"))
    if uploaded is None:
        return
    try:
        backup = backup_files.parse_backup(uploaded.getvalue(), max_upload_bytes())
        transfer.refuse_future_weeks(backup.entries, session.today())
    except transfer.TransferError as error:
        _problems(error)
        return
    # A backup without settings leaves the current ones alone.
    settings = settings_from_record(backup.settings) if backup.settings else None
    preview = transfer.preview(backup.entries, entries)
    _preview_counts(preview)
    dropped = len({e.week for e in entries} - {e.week for e in backup.entries})
    st.warning(
        f"Restoring replaces your diary with the backup's {len(backup.entries)} weeks"
        + (f"; {dropped} weeks saved now are not in it and will go" if dropped else "")
        + ". A safety copy of your diary is kept first."
    )
    st.button(
        "Restore this backup",
        key="restore_confirm",
        on_click=actions.restore_backup,
        args=(backup.entries, settings),
    )


def safety_copies_section(sample: bool) -> None:
    """The automatic copies, and putting one back."""
    if sample:
        # The sample has none, and the diary's are not this session's to show or use.
        st.caption(SAFETY_OFF)
        st.button("Restore this copy", disabled=True, key="safety_restore")
        return
    copies = session.active_diary().safety_copies()
    if not copies:
        st.caption(
            "None yet. One is made before every import that replaces weeks, every "
            "restore and every delete."
        )
        return
    labels = {
        str(
            copy.path
        ): f"{copy.taken.day} {copy.taken:%b %Y, %H:%M:%S} · before {copy.reason.replace('-', ' ')}"
        f" · {copy.size / 1024:.0f} KB"
        for copy in copies
    }
    picked = st.selectbox(
        "Safety copies, newest first", list(labels), format_func=labels.get, key="safety_copy"
    )
    sure = st.checkbox("Yes, put this copy back in place of my diary", key="safety_sure")
    st.button(
        "Restore this copy",
        disabled=not sure,
        key="safety_restore",
        on_click=actions.restore_safety_copy,
        args=(next(copy.path for copy in copies if str(copy.path) == picked),),
    )


def delete_all_section(count: int, sample: bool) -> None:
    """Delete every week after the user types the confirmation word."""
    st.caption(DELETE_OFF if sample else "To delete one week, open it on the check-in page.")
    typed = st.text_input(
        f"Type {DELETE_WORD} to delete all {count} weeks", key="delete_word", disabled=sample
    )
    confirmed = typed.strip() == DELETE_WORD and not sample
    st.button(
        "Delete all my weeks",
        type="primary",
        disabled=not confirmed or not count,
        key="delete_all",
        on_click=actions.delete_all,
        args=("delete_word",),
    )

"""The data page's sections: import with preview, restore, safety copies, delete all.

Each section previews and asks; the write itself is a callback in ui/actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from lib import backup_files, csv_files, transfer
from lib.content import escape_markdown
from lib.encrypted_file import EncryptedFileError, is_encrypted
from lib.entries import WeekEntry
from lib.settings import Settings, settings_from_record
from lib.wording import plural
from ui import actions, import_preview, session

DELETE_WORD = "DELETE"
LIMIT = transfer.size_words(transfer.MAX_FILE_BYTES)  # what one upload may be: "5 MB"
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
    """What Closer reads from one upload; Streamlit's own cap is higher (see lib/transfer)."""
    return transfer.MAX_FILE_BYTES


def _upload_key(name: str) -> str:
    # A new key after each import or restore empties the file picker.
    return f"{name}_{actions.upload_round()}"


def _problems(error: transfer.TransferError) -> None:
    lines = "\n".join(f"- {escape_markdown(problem)}" for problem in error.problems)
    st.error(f"**This file cannot be used. Nothing was changed.**\n\n{lines}")


def import_section(entries: Sequence[WeekEntry], sample: bool) -> None:
    """Upload a CSV export, preview what it changes, and import what the user picks."""
    if sample:
        # No greyed-out file drop: its faded text could not be read, and it can do nothing.
        st.caption(IMPORT_OFF)
        return
    st.caption(
        f"A CSV file saved as UTF-8, such as Closer's “Entries (CSV)” export, up to {LIMIT}. "
        "You see what it would change before anything is saved."
    )
    # Any file is taken: Closer, not the browser, says why a workbook cannot be imported.
    uploaded = st.file_uploader("Import a CSV export", key=_upload_key("import"))
    if uploaded is None:
        return
    try:
        incoming = csv_files.parse_csv(uploaded.getvalue(), max_upload_bytes(), uploaded.name)
        transfer.refuse_future_weeks(incoming, session.today())
    except transfer.TransferError as error:
        _problems(error)
        return
    preview = transfer.preview(incoming, entries)
    import_preview.counts(preview)
    picked = import_preview.pick_weeks(import_preview.changes_of(preview))
    chosen = transfer.to_write(preview, picked)
    why_not = import_preview.nothing_to_import(preview) if not chosen else ""
    if why_not:
        st.caption(why_not)
    st.button(
        import_preview.import_label(len(preview.new), len(picked)),
        type="primary",
        disabled=not chosen,
        key="import_confirm",
        on_click=actions.import_weeks,
        args=(chosen, len(picked)),
    )


def restore_section(entries: Sequence[WeekEntry], current: Settings, sample: bool) -> None:
    """Upload a JSON backup, preview it, and replace the diary with it once the user confirms."""
    if sample:
        st.caption(RESTORE_OFF)
        return
    st.caption(
        f"A Closer backup, as a “Full backup” button saves it, encrypted or not, up to {LIMIT}. "
        "You see what it would change before anything is replaced."
    )
    uploaded = st.file_uploader("Restore a backup", key=_upload_key("restore"))
    if uploaded is None:
        st.session_state.pop(OPENED, None)  # what an opened backup held goes with its file
        return
    data = _backup_json(uploaded)
    if data is None:
        return
    try:
        backup = backup_files.parse_backup(data, max_upload_bytes(), uploaded.name)
        transfer.refuse_future_weeks(backup.entries, session.today())
    except transfer.TransferError as error:
        _problems(error)
        return
    # A backup without settings leaves the current ones alone.
    settings = settings_from_record(backup.settings) if backup.settings else None
    preview = transfer.preview(backup.entries, entries)
    import_preview.counts(preview)
    kept = {entry.week for entry in backup.entries}
    going = [entry for entry in entries if entry.week not in kept]
    import_preview.restore_changes(preview, going, settings, current)
    import_preview.ignored(backup.ignored)
    goes = f"; {plural(len(going), 'week')} saved now {'is' if len(going) == 1 else 'are'}"
    st.warning(
        f"Restoring replaces your diary with the backup's {plural(len(backup.entries), 'week')}"
        + (f"{goes} not in it and will go" if going else "")
        + ". A safety copy of your diary is kept first."
    )
    sure = st.checkbox("Yes, replace my diary with this backup", key=_upload_key("restore_sure"))
    st.button(
        "Restore this backup",
        disabled=not sure,
        key="restore_confirm",
        on_click=actions.restore_backup,
        args=(backup.entries, settings),
    )


# An encrypted backup, once opened, by the upload's file id: a rerun (a tick, a click)
# must not derive its key again, about half a second each time.
OPENED = "restore_opened"
PHRASE_FIELD = "restore_passphrase"
ENCRYPTED_OPEN = "This backup is encrypted; Closer opened it to show what it holds."
ASK_DIARY_ENCRYPTED = (
    "This backup is encrypted with another passphrase than your diary's: perhaps it was made "
    "before the passphrase changed, or from another diary. Enter the passphrase it was made with."
)
ASK_DIARY_PLAIN = "This backup is encrypted. Enter the passphrase it was made with to open it."
NO_PHRASE_TYPED = "Enter the passphrase this backup was made with, then open it."


@dataclass(frozen=True)
class _Opened:
    """An encrypted backup this session tried to open: its JSON, or why it did not open."""

    file_id: str
    data: bytes | None = None
    problem: str = ""


def _backup_json(uploaded: UploadedFile) -> bytes | None:
    """The backup's JSON: the upload itself, or an encrypted one once opened; None till then.

    One sealed with the diary's own key opens without asking; any other asks for
    its passphrase, which stays in its field only until it has been tried.
    """
    data = uploaded.getvalue()
    if not is_encrypted(data):
        return data
    kept = st.session_state.get(OPENED)
    kept = kept if isinstance(kept, _Opened) and kept.file_id == uploaded.file_id else None
    if kept is not None and kept.data is not None:
        st.caption(ENCRYPTED_OPEN)
        return kept.data
    store = session.diary()
    try:
        if store.opens_without_passphrase(data):
            opened = _Opened(uploaded.file_id, store.open_sealed(data))
            st.session_state[OPENED] = opened
            st.caption(ENCRYPTED_OPEN)
            return opened.data
    except EncryptedFileError as error:
        _problems(transfer.TransferError([str(error)]))
        return None
    st.info(ASK_DIARY_ENCRYPTED if store.is_encrypted() else ASK_DIARY_PLAIN)
    with st.form("restore_open", enter_to_submit=True):
        st.text_input(
            "Passphrase of this backup",
            type="password",
            key=PHRASE_FIELD,
            autocomplete="current-password",  # a passphrase the user has, not a new one
        )
        st.form_submit_button(
            "Open this backup",
            key="restore_open_button",
            on_click=_open_with_passphrase,
            args=(uploaded.file_id, data),
        )
    if kept is not None and kept.problem:
        problem = escape_markdown(kept.problem)
        st.error(f"**The backup did not open. Nothing was changed.** {problem}")
    return None


def _open_with_passphrase(file_id: str, data: bytes) -> None:
    """Form callback: try the passphrase typed (about half a second), then empty its field."""
    passphrase = str(st.session_state.get(PHRASE_FIELD) or "")
    st.session_state[PHRASE_FIELD] = ""
    if not passphrase:
        st.session_state[OPENED] = _Opened(file_id, problem=NO_PHRASE_TYPED)
        return
    try:
        opened = _Opened(file_id, session.diary().open_sealed(data, passphrase))
    except EncryptedFileError as error:
        opened = _Opened(file_id, problem=str(error))
    st.session_state[OPENED] = opened


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
    if not sample and not count:
        st.caption("Your diary has no weeks to delete.")
        return
    st.caption(DELETE_OFF if sample else "To delete one week, open it on the check-in page.")
    every = "your one week" if count == 1 else f"all {count:,} weeks"
    typed = st.text_input(
        f"Type {DELETE_WORD} to delete {every}", key="delete_word", disabled=sample
    )
    confirmed = typed.strip() == DELETE_WORD and not sample
    # Not a primary button: the page's one highlighted action should never be the riskiest.
    st.button(
        "Delete all my weeks",
        disabled=not confirmed,
        key="delete_all",
        on_click=actions.delete_all,
        args=("delete_word",),
    )

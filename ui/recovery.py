"""The page shown instead of any other while the diary file cannot be read."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib.content import escape_markdown
from lib.errors import DataFileError
from ui import actions, messages, session


def show_data_error(error: DataFileError) -> None:
    """Explain an unreadable data file, offer the ways out, and stop the page."""
    st.title("⚠️ Closer cannot open your diary", anchor=False)
    st.error(f"The file `{error.path}` {escape_markdown(error.problem)}")
    st.markdown(
        "Closer has not changed this file and will not write to it. Choose what to do; "
        "whichever you pick, the unreadable file is kept beside the diary under a new name."
    )
    messages.show(messages.RECOVERY)
    copies = session.diary().safety_copies()
    if copies:
        st.header("Restore a safety copy", anchor=False)
        labels = {
            str(copy.path): f"{copy.taken.day} {copy.taken:%b %Y, %H:%M} · before "
            f"{copy.reason.replace('-', ' ')}"
            for copy in copies
        }
        picked = st.selectbox(
            "Safety copies, newest first", list(labels), format_func=labels.get, key="recover_copy"
        )
        st.button(
            "Restore this copy",
            type="primary",
            key="recover_restore",
            on_click=actions.recover,
            args=(Path(picked),),
        )
    st.header("Start a new, empty diary", anchor=False)
    st.button("Start a new diary", key="recover_new", on_click=actions.recover, args=(None,))
    st.caption(
        "Or fix the file by hand (docs/DATA.md describes it), or point Closer at another "
        "file with the `CLOSER_DB` environment variable, then reload this page."
    )
    st.stop()

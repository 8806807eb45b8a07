"""Closer's pages and their addresses.

Each page script in pages/ is named for its url path (pages/check-in.py is
/check-in): Streamlit's old folder mode, which serves the first run after a
start (see ui/frame.py), finds a page by its file name.
"""

from __future__ import annotations

import streamlit as st

from lib.content import Practice
from ui import texts


def practice_path(item: Practice) -> str:
    """The url path (and page file name) of a practice (`self_love` -> `self-love`)."""
    return item.key.replace("_", "-")


def practice_script(item: Practice) -> str:
    """The page script of a practice, for `st.page_link`."""
    return f"pages/{practice_path(item)}.py"


def sections() -> dict[str, list[st.Page]]:
    """Every page, grouped as the sidebar shows them."""
    return {
        texts.app_text().name: [
            st.Page("pages/home.py", title="Home", icon="🏠", default=True),
            st.Page("pages/check-in.py", title="Check-in", icon="✍️", url_path="check-in"),
            st.Page("pages/journal.py", title="Journal", icon="📖", url_path="journal"),
        ],
        "The six practices": [
            st.Page(
                practice_script(item),
                title=item.title,
                icon=item.icon,
                url_path=practice_path(item),
            )
            for item in texts.practices()
        ],
        "Yours": [
            st.Page("pages/data.py", title="Your data", icon="🗂️", url_path="data"),
            st.Page("pages/settings.py", title="Settings", icon="⚙️", url_path="settings"),
        ],
    }

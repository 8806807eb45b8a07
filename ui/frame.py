"""What surrounds every page: page setup, navigation, the gate, the sidebar, the sample banner.

app.py draws the frame and runs the chosen page inside `routed()`. A page that
finds itself run outside it draws the frame itself (`ensure_framed`): with a
folder named pages/ beside app.py, Streamlit serves a run in its old folder
mode until some run calls `st.navigation` (streamlit/streamlit#8860), and that
mode runs pages/<name>.py for /<name> directly, without app.py. The real
server does so on the first run after a start; AppTest on every run. Drawing
the frame there declares the real navigation, which ends folder mode for the
server, shows the same sidebar, gate and banner, and runs the page as app.py
would: only public API (`st.navigation`, `Page.run`, `st.stop`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from lib.content import ContentError
from ui import actions, diary_gate, navigation, page_tweaks, passcode_gate, session

_ROUTED = threading.local()


def draw() -> st.Page:
    """Set up the page, declare the navigation, guard it, and draw the sidebar and banner.

    Returns the page the address asks for. While a passcode is set and not yet
    entered, or the diary is encrypted and this server has not been given its
    passphrase, only that prompt is drawn and the run stops here.
    """
    st.set_page_config(page_title="Closer", page_icon="🫶", layout="centered")
    try:
        sections = navigation.sections()
    except ContentError as error:
        st.error(f"Closer's content files have a problem: {error}")
        st.stop()
        raise
    # The passcode guards the browser; the passphrase opens the file. Both may be set.
    # Whether the file is encrypted serves the gate and the sidebar note alike: a plain
    # diary's header is read once a run.
    encrypted = session.diary().is_encrypted()
    gate = (
        passcode_gate.lock_screen
        if passcode_gate.is_locked()
        else diary_gate.lock_screen
        if encrypted and diary_gate.is_locked()
        else None
    )
    page = st.navigation(sections, position="hidden" if gate else "sidebar")
    # The tab's title names the page, so switching pages announces where one is.
    title = "Locked" if gate else page.title
    st.set_page_config(page_title=f"{title} · Closer")
    page_tweaks.readable()
    if gate is not None:
        # Every address shows the prompt, and no page runs until it is answered.
        page_tweaks.no_sidebar()
        gate()
        st.stop()
    _sidebar_note(encrypted)
    page_tweaks.close_sidebar_on_phones()
    _sample_banner()
    return page


@contextmanager
def routed() -> Iterator[None]:
    """app.py runs the chosen page inside this, after `draw`."""
    _ROUTED.active = True
    try:
        yield
    finally:
        _ROUTED.active = False


def ensure_framed() -> None:
    """First line of every page: if app.py did not start this run, do what it does.

    The page is then run again from inside the frame, as app.py runs it (so its
    widgets keep the same identity as on every later run), and this outer run
    of it stops here.
    """
    if getattr(_ROUTED, "active", False):
        return
    page = draw()
    with routed():
        page.run()
    st.stop()


def _sidebar_note(encrypted: bool) -> None:
    """Under the page list: the diary's file, or that this is the sample; Lock now if encrypted."""
    with st.sidebar:
        if session.in_sample_mode():
            st.caption("🧪 You are exploring made-up sample data; nothing here is saved.")
        elif encrypted:
            st.caption(f"🔐 Your diary is encrypted, on this computer: `{session.data_path()}`")
        else:
            st.caption(f"🏠 Your diary stays on this computer: `{session.data_path()}`")
        if encrypted:
            diary_gate.lock_button("sidebar")


def _sample_banner() -> None:
    """On every page in sample mode: say plainly that this is not the user's diary."""
    if not session.in_sample_mode():
        return
    with st.container(border=True, key="sample_banner"):
        text, action = st.columns([3, 1], vertical_alignment="center")
        text.markdown(
            "🧪 **You are exploring sample data.** It is made up, lives only in this "
            "browser tab, and nothing here touches your diary."
        )
        action.button("Leave sample data", key="leave_sample", on_click=actions.leave_sample_mode)

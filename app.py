"""Closer's entry point: page setup, navigation, the shared sidebar. No data access here."""

import streamlit as st

from lib.content import ContentError
from pages import common, gate

st.set_page_config(page_title="Closer", page_icon="🫶", layout="centered")

try:
    practices = common.practices()
    text = common.app_text()
except ContentError as error:
    st.error(f"Closer's content files have a problem: {error}")
    st.stop()

home = st.Page("pages/home.py", title="Home", icon="🏠", default=True)
check_in = st.Page("pages/check_in.py", title="Check-in", icon="✍️", url_path="check-in")
data = st.Page("pages/data.py", title="Your data", icon="🗂️", url_path="data")
settings = st.Page("pages/settings.py", title="Settings", icon="⚙️", url_path="settings")
sections = {
    text.name: [home, check_in],
    "The six practices": [common.practice_page(item) for item in practices],
    "Yours": [data, settings],
}

if gate.is_locked():
    # Every address of every page shows the passcode prompt, and nothing else is served.
    locked = [
        st.Page(
            gate.lock_screen,
            title="Locked",
            url_path=page.url_path or None,
            default=not page.url_path,
        )
        for pages in sections.values()
        for page in pages
    ]
    st.navigation(locked, position="hidden").run()
    st.stop()

page = st.navigation(sections)

with st.sidebar:
    if common.in_sample_mode():
        st.caption("🧪 You are exploring made-up sample data; nothing here is saved.")
    else:
        st.caption(f"🔒 Your diary stays on this computer: `{common.data_path()}`")

common.sample_banner()
page.run()

"""Closer's entry point: page setup, navigation, the shared sidebar. No data access here."""

import streamlit as st

from lib.content import ContentError
from pages import common

st.set_page_config(page_title="Closer", page_icon="🫶", layout="centered")

try:
    practices = common.practices()
    text = common.app_text()
except ContentError as error:
    st.error(f"Closer's content files have a problem: {error}")
    st.stop()

home = st.Page("pages/home.py", title="Home", icon="🏠", default=True)
check_in = st.Page("pages/check_in.py", title="Check-in", icon="✍️", url_path="check-in")
page = st.navigation(
    {
        text.name: [home, check_in],
        "The six practices": [common.practice_page(item) for item in practices],
    }
)

with st.sidebar:
    st.caption(f"🔒 Your diary stays on this computer: `{common.data_path()}`")

common.sample_banner()
page.run()

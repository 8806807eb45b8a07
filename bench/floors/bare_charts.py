"""The chart floor: the dashboard's own Altair charts on a bare Streamlit page, nothing else.

bench/browser.py builds the charts from the same diary and pickles them to the
file named by CLOSER_BENCH_CHARTS; each is drawn as `ui/dashboard.py` draws it.
"""

import os
import pickle
from pathlib import Path

import streamlit as st

# Loaded on every run, as Closer builds its charts on every run; the file was
# written by the bench moments ago, so unpickling it is safe.
figures = pickle.loads(Path(os.environ["CLOSER_BENCH_CHARTS"]).read_bytes())  # noqa: S301

st.title("Bare charts")
for key, figure, selection in figures:
    if selection is None:
        st.altair_chart(figure, theme="streamlit", width="stretch", key=key)
    else:
        st.altair_chart(
            figure,
            theme="streamlit",
            width="stretch",
            key=key,
            on_select="rerun",
            selection_mode=selection,
        )

"""The naive floor: the home floor's page, its charts drawn with `st.altair_chart`.

What a straightforward Streamlit app drawing the same dashboard costs: the
same elements from in-memory values, and each chart handed to Streamlit as an
Altair object, which Altair turns into a spec and validates on every rerun.
"""

from bench import floors
from bench.floors.home import draw

floors.route(draw, "", naive=True)

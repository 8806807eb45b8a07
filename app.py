"""Closer's entry point: the frame every page shares, then the page the address asks for.

The frame (ui/frame.py) sets up the page, declares the navigation from
ui/navigation.py, shows only the passcode prompt while locked, and draws the
sidebar and the sample banner. No data access here.
"""

from ui import frame, workarounds

# serve.py applies these before the server starts; here they also hold under plain
# `streamlit run app.py`, from its first run on.
workarounds.apply_all()

page = frame.draw()
with frame.routed():
    page.run()

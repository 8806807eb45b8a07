"""Closer's pages. `st.navigation` in app.py registers them; `common` holds what they share."""

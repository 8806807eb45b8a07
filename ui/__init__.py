"""Closer's Streamlit side: what the page scripts in pages/ share.

Imports run one way: app.py -> pages/ -> ui/ -> lib/. Nothing here imports a
page; app.py, the router, names the page scripts by path.
"""

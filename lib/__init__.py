"""Closer's logic: plain typed Python, no Streamlit imports."""

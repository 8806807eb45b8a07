"""Closer's performance bench: `make bench` measures the app against Streamlit's own floor."""

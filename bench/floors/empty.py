"""The memory floor: a Streamlit script that draws nothing."""

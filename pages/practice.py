"""One practice's page. A single function renders all six, from content/."""

import streamlit as st

from lib.content import personalise
from pages import common


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {personalise(line)}" for line in lines)


def render(key: str) -> None:
    """Show practice `key`: what it is, why it matters, ideas and prompts."""
    item = common.practice(key)
    st.title(f"{item.icon} {item.title}")
    st.markdown(f"##### {personalise(item.summary)}")
    st.caption(f"Practice {item.number} of 6")

    st.subheader("Why it matters")
    st.markdown(personalise(item.why))
    if item.caution:
        st.warning(personalise(item.caution), icon="⚖️")

    st.subheader("Ideas for this week")
    st.markdown(_bullets(item.practices))

    st.subheader("Questions to reflect on")
    st.markdown(_bullets(item.prompts))

    st.subheader("How to rate it")
    st.markdown(
        f"- **1**: {item.scale.low}\n- **5**: {item.scale.mid}\n- **10**: {item.scale.high}"
    )

    st.page_link("pages/check_in.py", label="Rate this week's practices", icon="✍️")

"""Closer's words: the six practices and the app's own sentences, loaded once per process."""

from __future__ import annotations

import streamlit as st

from lib.content import (
    AppText,
    Practice,
    escape_markdown,
    load_app_text,
    load_practices,
    personalise,
)
from lib.settings import Settings


@st.cache_resource(show_spinner=False)
def practices() -> tuple[Practice, ...]:
    """The six practices, loaded and validated once per process."""
    return load_practices()


@st.cache_resource(show_spinner=False)
def titles() -> dict[str, str]:
    """Practice key to title."""
    return {item.key: item.title for item in practices()}


@st.cache_resource(show_spinner=False)
def app_text() -> AppText:
    """Closer's own sentences."""
    return load_app_text()


def practice(key: str) -> Practice:
    """One practice by key."""
    return next(item for item in practices() if item.key == key)


def personal_markdown(text: str, current: Settings) -> str:
    """Content text as Markdown, with the partner's name (escaped) or "your partner"."""
    return personalise(text, escape_markdown(current.partner_name), current.partner_pronoun)


def personal_text(text: str, current: Settings) -> str:
    """Content text for plain-text places (placeholders), with the name as typed."""
    return personalise(text, current.partner_name, current.partner_pronoun)


# Said beside every CSV download, on Your data and in the journal: whether or not the
# diary is encrypted, a CSV file never is.
CSV_NOT_ENCRYPTED = "A CSV file is not encrypted: anyone who gets it can read the notes in it."

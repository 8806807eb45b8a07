"""The optional passcode gate: guards Closer on a shared computer (not on the internet)."""

from __future__ import annotations

import os
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from lib import passcode
from ui import messages

UNLOCKED = "unlocked"
_SECRETS_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml"
# Seconds on a clock that never goes back; tests put a fake clock here.
clock = time.monotonic


@dataclass
class Tries:
    """Wrong tries for the whole server: a reload must not reset the wait."""

    attempts: passcode.Attempts = field(default_factory=passcode.Attempts)
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(show_spinner=False)
def _tries() -> Tries:
    return Tries()


def throttled(box: Tries, attempt: Callable[[], str | None]) -> str | None:
    """One try, after any wait `box` imposes: None when `attempt` let the user in.

    `attempt` returns what is wrong in words (a wrong try), or None. Wrong tries
    in a row make the next wait longer (lib/passcode.py), for every session; a
    try during the wait is not checked, and is told so.
    Tries are checked one at a time, so guesses sent at once wait their turn.
    """
    with box.lock:
        now = clock()
        wait = passcode.wait_seconds(box.attempts, now)
        if wait > 0:
            return passcode.describe_unchecked(wait)
        wrong = attempt()
        if wrong is None:
            box.attempts = passcode.register_success()
            return None
        box.attempts = passcode.register_failure(box.attempts, now)
        wait = passcode.wait_seconds(box.attempts, now)
    return f"{wrong} {passcode.describe_wait(wait)}" if wait > 0 else wrong


def expected_passcode() -> str | None:
    """The configured passcode, or None; stops with a message if it is set wrongly."""
    if _SECRETS_FILE.exists() and not os.environ.get(passcode.PASSCODE_VARIABLE):
        try:
            tomllib.loads(_SECRETS_FILE.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            # Streamlit reports a broken file as a missing one; that must not unlock Closer.
            st.error(f"Closer's passcode file {_SECRETS_FILE} cannot be read: {error}")
            st.stop()
    try:
        return passcode.configured_passcode(os.environ, st.secrets)
    except ValueError as error:
        st.error(f"Closer's passcode is set wrongly: {error}")
        st.stop()
        raise


def is_locked() -> bool:
    """True while a passcode is configured and this session has not entered it."""
    return expected_passcode() is not None and not st.session_state.get(UNLOCKED)


def _try(given: str) -> str | None:
    """Check one try; returns what to tell the user, or None when it unlocked."""
    expected = expected_passcode()
    if expected is None:
        return None

    def attempt() -> str | None:
        if not passcode.passcode_matches(given, expected):
            return "That passcode is not right."
        st.session_state[UNLOCKED] = True
        return None

    return throttled(_tries(), attempt)


def lock_screen() -> None:
    """Every page while locked: only the passcode prompt is served."""
    st.title("🔒 Closer is locked", anchor=False)
    st.caption("This diary is private. Enter the passcode to open it.")
    with st.form("unlock", enter_to_submit=True):
        st.text_input(
            "Passcode",
            type="password",
            key="passcode_input",
            autocomplete="current-password",  # a password the user has, not a new one
        )
        st.form_submit_button("Unlock", type="primary", on_click=_unlock)
    messages.show(messages.PASSCODE)


def _unlock() -> None:
    """Form callback: try the passcode typed; the next run is the page, or says why not."""
    problem = _try(str(st.session_state.get("passcode_input", "")))
    if problem is not None:
        messages.tell(messages.PASSCODE, "error", problem)

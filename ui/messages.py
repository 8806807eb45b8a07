"""One-shot messages: what a write did, said once on the next run, where it belongs.

Every callback that writes tells its outcome through `tell`; every page shows
what is pending for a place through `show`. A message is shown once, then
forgotten, so a reload never repeats "Saved".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import streamlit as st

Kind = Literal["success", "error", "warning", "info"]
_PENDING = "pending_messages"

# Places a message is shown: one per part of a page that reports writes.
FOCUS = "focus"
DATA = "data"
RECOVERY = "recovery"
DRAFTS = "drafts"
SETTINGS = "settings"
PASSCODE = "passcode"
DIARY_LOCK = "diary_lock"
ENCRYPTION = "encryption"


def week_place(week: object) -> str:
    """The check-in of one week: its save, delete and discard results."""
    return f"week:{week}"


@dataclass(frozen=True)
class Message:
    """What to say, how, and whether to echo it as a toast."""

    kind: Kind
    text: str
    icon: str | None = None
    toast: str | None = None


def tell(place: str, kind: Kind, text: str, *, icon: str | None = None, toast: str = "") -> None:
    """Say `text` at `place` on the next run, once (a later message for the place wins)."""
    pending: dict[str, Message] = st.session_state.setdefault(_PENDING, {})
    pending[place] = Message(kind, text, icon, toast or None)


def show(place: str) -> None:
    """Show the message pending for `place`, if any, and forget it."""
    pending: dict[str, Message] | None = st.session_state.get(_PENDING)
    message = pending.pop(place, None) if pending else None
    if message is None:
        return
    draw = {"success": st.success, "error": st.error, "warning": st.warning, "info": st.info}
    draw[message.kind](message.text, icon=message.icon)
    if message.toast:
        st.toast(message.toast, icon=message.icon)

"""The encrypted diary's gate: every address asks for the passphrase until the server has it.

The key lives only in this server's memory, on the diary's handle that every
session shares (ui/session.py): one person unlocking opens it for every tab,
"Lock now" closes it for every tab, and a restart forgets it. Wrong tries slow
down as wrong passcodes do (ui/passcode_gate.py), with a count of their own.
"""

from __future__ import annotations

import streamlit as st

from lib.encrypted_file import EncryptedFileError, WrongKeyError
from lib.errors import DiaryError
from ui import messages, passcode_gate, session, views, workarounds

_INPUT = "diary_passphrase"
WRONG = "That passphrase does not open your diary. Check it (capital letters count) and try again."


@st.cache_resource(show_spinner=False)
def tries() -> passcode_gate.Tries:
    """Wrong passphrases for the whole server, at the lock screen and in Settings."""
    return passcode_gate.Tries()


def is_locked() -> bool:
    """True while the user's diary is encrypted and this server does not hold its key.

    Reads the data file's first kilobyte, so it can be asked on every run.
    """
    return session.diary().is_locked()


def lock_screen() -> None:
    """Every page while the diary is locked: only the passphrase prompt is served."""
    st.title("🔒 Your diary is locked", anchor=False)
    st.caption(
        "Your diary is encrypted on this computer. Enter its passphrase to open it; "
        "Closer keeps the key in memory only until it stops or someone locks it."
    )
    with st.form("unlock_diary", enter_to_submit=True):
        st.text_input(
            "Passphrase",
            type="password",
            key=_INPUT,
            autocomplete="current-password",
        )
        st.form_submit_button("Open my diary", type="primary", on_click=_unlock)
    messages.show(messages.DIARY_LOCK)
    path = session.data_path()
    st.caption(
        "Forgot it? No one can open the diary without its passphrase, and it cannot be "
        f"reset. To start again without it: stop Closer, move `{path}` somewhere else "
        "(keep it, in case the passphrase comes back to you), start Closer, and restore "
        "a plain backup on the Your data page."
    )


def _unlock() -> None:
    """Form callback: try the passphrase; the next run is the page, or says why not."""
    given = str(st.session_state.get(_INPUT, ""))
    st.session_state[_INPUT] = ""  # the passphrase is not kept, not even in the session

    def attempt() -> str | None:
        if not given:
            return "Type the diary's passphrase."
        try:
            session.diary().unlock(given)
        except WrongKeyError:
            return WRONG
        except EncryptedFileError as error:  # the file's header, not the passphrase
            return str(error)
        return None

    try:
        problem = passcode_gate.throttled(tries(), attempt)
    except DiaryError as error:  # the file went missing or cannot be read
        problem = str(error)
    if problem is not None:
        messages.tell(messages.DIARY_LOCK, "error", problem)


def lock_now() -> None:
    """Callback of "Lock now": forget the key for every session, and this session's state."""
    session.diary().lock()
    views.forget_all()
    session.forget()
    workarounds.rerun_other_sessions()  # other tabs drop what they show, now
    messages.tell(
        messages.DIARY_LOCK,
        "success",
        "Closer forgot the passphrase: every window now asks for it again.",
        icon="🔒",
    )


def lock_button(where: str) -> None:
    """The "Lock now" button, for a diary the caller knows is encrypted; `where` keys it."""
    st.button(
        "Lock now",
        icon="🔒",
        key=f"lock_now_{where}",
        on_click=lock_now,
        help="Forget the passphrase in every window until it is entered again.",
    )

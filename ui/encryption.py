"""Settings' encryption section: encrypt the diary, change its passphrase, or turn it off.

Passphrases are read from their fields in the callback and the fields are
emptied at once: nothing keeps them, on disk or in the session. Changing or
removing the passphrase asks for the current one, so someone at an open
Closer cannot lock its owner out; wrong ones wait as at the lock screen.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib import backup_files, passphrases
from lib.conversions import Companions, copies
from lib.encrypted_file import EncryptedFileError
from lib.errors import DiaryError
from lib.wording import plural
from ui import diary_gate, messages, page_tweaks, passcode_gate, session

NEW, AGAIN, CURRENT = "new_passphrase", "new_passphrase_again", "current_passphrase"
SURE, SURE_OFF, COPIES = "encrypt_sure", "decrypt_sure", "encrypt_copies"
# A field is sent this long after the last key press (Streamlit's `live`).
LIVE = "400ms"
ENCRYPT_COPIES, DELETE_COPIES = "Encrypt with the same passphrase", "Delete"
LOST = (
    "I understand: if I lose this passphrase, my diary is lost. No one, not even "
    "Closer, can open it or reset the passphrase."
)


def section(partner_name: str) -> None:
    """The whole section, as the diary is now."""
    if session.in_sample_mode():
        st.header("Encrypt my diary", anchor=False)
        st.caption("Encryption is for your own diary. Leave the sample data to set it up.")
        return
    page_tweaks.commit_on_leave()
    with st.container(key="encryption"):
        if session.diary().is_encrypted():
            _encrypted(partner_name)
        else:
            _plain(partner_name)


def _plain(partner_name: str) -> None:
    diary = session.diary()
    st.header("Encrypt my diary", anchor=False)
    st.caption(
        "Today your diary is a plain file: anyone who can open your files, or a folder "
        "you sync, can read it. Encrypted, it opens only with a passphrase you choose. "
        "Closer never stores the passphrase; while it runs it keeps the key in memory."
    )
    st.warning(
        "**If you lose the passphrase, you lose the diary.** No one, not even Closer, can "
        "open it or reset the passphrase. Write it down somewhere safe, and download a "
        "plain backup first: keep it where only you can reach it.",
        icon="⚠️",
    )
    st.download_button(
        "Download a plain backup first (JSON)",
        partial(diary.backup_json),
        file_name=backup_files.backup_filename(session.now()),
        mime="application/json",
        icon="💾",
        key="encrypt_backup_first",
        on_click="ignore",
        help="Not encrypted: keep it somewhere only you can reach, or delete it later.",
    )
    _new_passphrase(partner_name, "Passphrase")
    beside = copies(session.data_path())
    if beside:
        st.radio(
            f"{_copies(len(beside)).capitalize()} beside the diary",
            (ENCRYPT_COPIES, DELETE_COPIES),
            key=COPIES,
            help=(
                "Closer makes a safety copy before a restore, an import or a delete. "
                "Encrypt keeps them, under the same passphrase; Delete removes them for "
                "good (your diary itself stays)."
            ),
        )
    sure = st.checkbox(LOST, key=SURE)
    st.button("Encrypt my diary", type="primary", icon="🔐", disabled=not sure, on_click=_encrypt)
    messages.show(messages.ENCRYPTION)


def _encrypted(partner_name: str) -> None:
    diary = session.diary()
    st.header("Encryption", anchor=False)
    st.caption(
        "🔐 Your diary, its drafts and its safety copies are encrypted. Without the "
        "passphrase they cannot be read, by Closer or anyone."
    )
    diary_gate.lock_button("settings")
    messages.show(messages.ENCRYPTION)
    left = diary.plain_companions()
    if left:
        st.warning(
            f"{plural(len(left), 'file')} beside your diary "
            f"{'is' if len(left) == 1 else 'are'} still plain text, from a change "
            "that was cut short: " + ", ".join(f"`{file.name}`" for file in left)
        )
        st.button("Encrypt them now", key="encrypt_left", on_click=_encrypt_left)

    # Keyed, so a message above them or a wrong passphrase never folds them shut.
    with st.expander("Change the passphrase", key="change_open"):
        _current()
        _new_passphrase(partner_name, "New passphrase")
        st.button("Change the passphrase", key="change_passphrase", on_click=_change)
    with st.expander("Turn encryption off", key="decrypt_open"):
        st.caption(
            "Your diary, its drafts and safety copies are written as plain files again: "
            "anyone who can open your files can read them."
        )
        _current(suffix="_off")
        sure = st.checkbox("Yes, store my diary unencrypted", key=SURE_OFF)
        st.button("Turn encryption off", key="decrypt", disabled=not sure, on_click=_decrypt)


def _new_passphrase(partner_name: str, label: str) -> None:
    """Two password fields and, once something is typed, how hard it is to guess."""
    # Sent after a pause in typing: the hint follows the typing, and leaving the field
    # by Tab (to its Show button) loses nothing. Enter or blur alone would be needed.
    typed = st.text_input(label, type="password", key=NEW, autocomplete="new-password", live=LIVE)
    if typed:
        rated = passphrases.strength(typed, _known(partner_name))
        st.caption(f"Strength: **{rated.label}** ({rated.score} of 4). {rated.advice}")
    else:
        st.caption(
            f"At least {passphrases.MIN_LENGTH} characters. Several uncommon words are "
            "easy to remember and hard to guess."
        )
    st.text_input(
        f"{label}, again",
        type="password",
        key=AGAIN,
        autocomplete="new-password",
        live=LIVE,
        on_change="ignore",  # sent, without a rerun: nothing on the page depends on it
    )


def _current(suffix: str = "") -> None:
    st.text_input(
        "Current passphrase",
        type="password",
        key=CURRENT + suffix,
        autocomplete="current-password",
        live=LIVE,
        on_change="ignore",
    )


def _known(partner_name: str) -> list[str]:
    return ["closer", partner_name]


def _take(*keys: str) -> list[str]:
    """The fields' text, and the fields emptied: a passphrase is kept nowhere."""
    values = [str(st.session_state.get(key, "")) for key in keys]
    for key in keys:
        st.session_state[key] = ""
    return values


def _chosen_passphrase() -> str | None:
    """The new passphrase from the two fields, or None after saying what is wrong with it."""
    typed, again = _take(NEW, AGAIN)
    settings = session.diary().get_settings()
    problem = passphrases.problem(typed, again, _known(settings.partner_name))
    if problem is not None:
        messages.tell(messages.ENCRYPTION, "error", problem)
        return None
    return typed


def _encrypt() -> None:
    chosen = _chosen_passphrase()
    if chosen is None:
        return
    remove = st.session_state.get(COPIES) == DELETE_COPIES
    try:
        done = session.diary().encrypt(chosen, remove_copies=remove)
    except DiaryError as error:
        messages.tell(messages.ENCRYPTION, "error", f"Nothing was encrypted. {error}")
        return
    st.session_state[SURE] = False
    _done(
        "Your diary is encrypted. From now on, after a restart or “Lock now”, Closer "
        "asks for the passphrase.",
        done,
    )


def _change() -> None:
    if not _current_ok(CURRENT):
        _take(NEW, AGAIN)
        return
    chosen = _chosen_passphrase()
    if chosen is None:
        return
    try:
        done = session.diary().change_passphrase(chosen)
    except (DiaryError, EncryptedFileError) as error:  # locked from another tab meanwhile
        messages.tell(messages.ENCRYPTION, "error", f"The passphrase was not changed. {error}")
        return
    _done("The passphrase is changed. The old one no longer opens your diary.", done)


def _decrypt() -> None:
    if not _current_ok(CURRENT + "_off"):
        return
    try:
        done = session.diary().decrypt()
    except DiaryError as error:
        messages.tell(messages.ENCRYPTION, "error", f"Your diary is still encrypted. {error}")
        return
    st.session_state[SURE_OFF] = False
    _done("Encryption is off: your diary is a plain file again.", done, icon="🔓")


def _encrypt_left() -> None:
    try:
        done = session.diary().encrypt_companions()
    except (DiaryError, EncryptedFileError) as error:  # locked from another tab meanwhile
        messages.tell(messages.ENCRYPTION, "error", str(error))
        return
    _done("Encrypted.", done)


def _current_ok(key: str) -> bool:
    """Whether the current passphrase typed at `key` is right; says so when it is not."""
    (typed,) = _take(key)
    diary = session.diary()

    def attempt() -> str | None:
        return None if diary.check_passphrase(typed) else "The current passphrase is not right."

    problem = passcode_gate.throttled(diary_gate.tries(), attempt)
    if problem is not None:
        messages.tell(messages.ENCRYPTION, "error", problem)
    return problem is None


def _done(said: str, done: Companions, icon: str = "🔐") -> None:
    """Say what happened, and to which files beside the diary."""
    parts = [said]
    if done.removed:
        parts.append(f"Deleted {_copies(done.removed)}.")
    if done.left:
        names = ", ".join(f"`{file.name}`" for file in done.left)
        parts.append(
            f"{plural(len(done.left), 'file')} beside it did not open with the old passphrase "
            f"and {'was' if len(done.left) == 1 else 'were'} left as before: {names}."
        )
    kind = "warning" if done.left else "success"
    messages.tell(messages.ENCRYPTION, kind, " ".join(parts), icon=icon)


def _copies(count: int) -> str:
    return f"{count} safety {'copy' if count == 1 else 'copies'}"

"""What every page shares: the diary handle, content, today's date, the data error page."""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

import streamlit as st

from lib import config
from lib.checkin import (
    draft_form_values,
    draft_from_form,
    entry_from_form,
    form_progress,
    form_values,
    has_unsaved_changes,
    widget_key,
)
from lib.config import data_path
from lib.content import (
    AppText,
    Practice,
    escape_markdown,
    load_app_text,
    load_practices,
    personalise,
)
from lib.drafts import Draft, DraftError
from lib.entries import PRACTICE_KEYS, EntryError, WeekEntry
from lib.sample import sample_entries
from lib.settings import Settings, settings_from_record
from lib.storage import DataFileError, Diary, SaveError, Snapshot
from lib.weeks import IsoWeek
from pages import gate

__all__ = ["data_path", "personalise"]
_SAVE_RESULT = "save_result"
_SAMPLE_MODE = "sample_mode"
_SAMPLE_DIARY = "sample_diary"
_FOCUS_ERROR = "focus_error"
_DELETED = "deleted_week"
_RECOVERY = "recovery_result"
_DRAFT_NOTE = "draft_note"
_RESTORED = "draft_restored"


# One handle per data file per process: every session (thread) shares it, and
# its lock serialises their writes. A plain dict, not st.cache_resource: a page
# asks for it several times a rerun, and each cache lookup costs more than the
# rest of a slider move's own work.
_DIARIES: dict[str, Diary] = {}
_DIARIES_LOCK = threading.Lock()


def diary() -> Diary:
    """The diary for the configured data file."""
    path = str(data_path())
    found = _DIARIES.get(path)
    if found is None:
        with _DIARIES_LOCK:
            found = _DIARIES.setdefault(path, Diary.open(Path(path)))
    return found


def in_sample_mode() -> bool:
    """True while this browser session explores the made-up sample history."""
    return bool(st.session_state.get(_SAMPLE_MODE))


def active_diary() -> Diary:
    """The user's diary, or in sample mode this session's in-memory sample."""
    if not in_sample_mode():
        return diary()
    if _SAMPLE_DIARY not in st.session_state:
        sample = Diary.in_memory()
        for entry in sample_entries(today()):
            sample.save_entry(entry)
        st.session_state[_SAMPLE_DIARY] = sample
    return st.session_state[_SAMPLE_DIARY]


def enter_sample_mode() -> None:
    """Button callback: explore with sample data, kept apart from the user's file."""
    _forget_session()
    st.session_state[_SAMPLE_MODE] = True


def leave_sample_mode() -> None:
    """Button callback: back to the user's own diary; the sample is thrown away."""
    _forget_session()


def _forget_session() -> None:
    """Drop everything this session holds but the unlocked passcode.

    Form values, drafts, pending messages and widget states all belong to one
    diary; none of them may cross between the sample and the user's own.
    """
    for name in list(st.session_state):
        if name != gate.UNLOCKED:
            del st.session_state[name]


def sample_banner() -> None:
    """On every page in sample mode: say plainly that this is not the user's diary."""
    if in_sample_mode():
        with st.container(border=True, key="sample_banner"):
            text, action = st.columns([3, 1], vertical_alignment="center")
            text.markdown(
                "🧪 **You are exploring sample data.** It is made up, lives only in this "
                "browser tab, and nothing here touches your diary."
            )
            action.button("Leave sample data", key="leave_sample", on_click=leave_sample_mode)


def settings(snapshot: Snapshot | None = None) -> Settings:
    """The user's settings (from the page's `snapshot`, if given); defaults while unreadable."""
    try:
        if snapshot is not None:
            return settings_from_record(snapshot.settings_record)
        return active_diary().get_settings()
    except (DataFileError, SaveError, ValueError):
        return Settings()


def words(text: str, current: Settings) -> str:
    """Content text (Markdown) with the partner's name, as typed, or "your partner"."""
    return personalise(text, escape_markdown(current.partner_name), current.partner_pronoun)


def plain_words(text: str, current: Settings) -> str:
    """Content text for plain-text places (placeholders), with the name as typed."""
    return personalise(text, current.partner_name, current.partner_pronoun)


@st.cache_resource(show_spinner=False)
def titles() -> dict[str, str]:
    """Practice key to title."""
    return {item.key: item.title for item in practices()}


@st.cache_resource(show_spinner=False)
def practices() -> tuple[Practice, ...]:
    """The six practices, loaded and validated once per process."""
    return load_practices()


@st.cache_resource(show_spinner=False)
def app_text() -> AppText:
    """Closer's own sentences."""
    return load_app_text()


def practice(key: str) -> Practice:
    """One practice by key."""
    return next(item for item in practices() if item.key == key)


def today() -> date:
    """The user's local date (fixed by `$CLOSER_TODAY` in tests, see lib.config)."""
    return config.today()


def now() -> datetime:
    """The user's local time, with its offset (on `$CLOSER_TODAY`'s day if set)."""
    return config.now()


def show_data_error(error: DataFileError) -> None:
    """Explain an unreadable data file, offer the ways out, and stop the page."""
    st.title("⚠️ Closer cannot open your diary")
    st.error(f"The file `{error.path}` {escape_markdown(error.problem)}")
    st.markdown(
        "Closer has not changed this file and will not write to it. Choose what to do; "
        "whichever you pick, the unreadable file is kept beside the diary under a new name."
    )
    recovery_result()
    copies = diary().safety_copies()
    if copies:
        st.subheader("Restore a safety copy")
        labels = {
            str(copy.path): f"{copy.taken.day} {copy.taken:%b %Y, %H:%M} · before "
            f"{copy.reason.replace('-', ' ')}"
            for copy in copies
        }
        picked = st.selectbox(
            "Safety copies, newest first", list(labels), format_func=labels.get, key="recover_copy"
        )
        st.button(
            "Restore this copy",
            type="primary",
            key="recover_restore",
            on_click=_recover,
            args=(Path(picked),),
        )
    st.subheader("Start a new, empty diary")
    st.button("Start a new diary", key="recover_new", on_click=_recover, args=(None,))
    st.caption(
        "Or fix the file by hand (docs/DATA.md describes it), or point Closer at another "
        "file with the `CLOSER_DB` environment variable, then reload this page."
    )
    st.stop()


def _recover(copy: Path | None) -> None:
    """Button callback: restore `copy`, or start empty; the unreadable file is set aside."""
    store = diary()
    try:
        kept = store.start_new_diary() if copy is None else store.recover_from_copy(copy)
    except (SaveError, DataFileError, OSError) as error:
        st.session_state[_RECOVERY] = ("error", str(error))
        return
    what = "Started a new, empty diary." if copy is None else "Restored the safety copy."
    where = f" The unreadable file is kept as `{kept}`." if kept else ""
    st.session_state[_RECOVERY] = ("done", what + where)


def recovery_result() -> None:
    """Say once what the last recovery did."""
    result = st.session_state.pop(_RECOVERY, None)
    if result is None:
        return
    kind, message = result
    (st.error if kind == "error" else st.success)(message)


def snapshot() -> Snapshot:
    """The diary as it is now (re-read only when it changed); if it cannot be read, say why."""
    try:
        return active_diary().snapshot()
    except DataFileError as error:
        show_data_error(error)
        raise  # unreachable: st.stop() ends the run


def saved_entries() -> tuple[WeekEntry, ...]:
    """Every saved week, oldest first; if the file cannot be read, say why and stop."""
    return snapshot().entries


def practice_path(item: Practice) -> str:
    """The URL path of a practice's page (`self_love` -> `self-love`)."""
    return item.key.replace("_", "-")


def practice_page(item: Practice) -> st.Page:
    """The navigation page of one practice (one page function serves all six)."""
    from pages.practice import render

    return st.Page(
        partial(render, item.key),
        title=item.title,
        icon=item.icon,
        url_path=practice_path(item),
    )


def open_form(week: IsoWeek, entry: WeekEntry | None) -> None:
    """Give `week`'s form its starting values once a session: its draft if kept, else saved."""
    values = form_values(week, entry)
    if widget_key(week, "reflection") not in st.session_state and not in_sample_mode():
        try:
            draft = diary().drafts().get(week)
        except DraftError as error:
            st.session_state[_DRAFT_NOTE] = (
                f"Closer could not read your unsaved drafts ({error}). Your diary is fine; "
                "the next change you make here sets that file aside and starts a new one."
            )
            draft = None
        # A draft equal to the saved week (one a save left behind) is no draft.
        drafted = None if draft is None else draft_form_values(draft)
        if drafted is not None and has_unsaved_changes(week, drafted, entry):
            values = drafted
            st.session_state[_RESTORED] = draft
    for name, value in values.items():
        st.session_state.setdefault(name, value)
    for key in PRACTICE_KEYS:
        note = st.session_state.get(widget_key(week, "note", key))
        st.session_state.setdefault(widget_key(week, "note_open", key), bool(note))


def restored_draft(week: IsoWeek) -> Draft | None:
    """The draft `week`'s form was opened with this session, until it is saved or discarded."""
    draft = st.session_state.get(_RESTORED)
    return draft if isinstance(draft, Draft) and draft.week == week else None


def keep_draft(week: IsoWeek) -> None:
    """Widget callback: keep `week`'s unsaved form as a draft on disk (never in sample mode)."""
    if in_sample_mode():
        return
    store = diary()
    try:
        if has_unsaved_changes(week, st.session_state, store.get_entry(week)):
            aside = store.keep_draft(draft_from_form(week, st.session_state, now()))
        else:
            aside = store.discard_draft(week)
    except (SaveError, DataFileError, DraftError) as error:
        st.session_state[_DRAFT_NOTE] = f"Your changes could not be kept as a draft: {error}"
        return
    if aside is not None:
        st.session_state[_DRAFT_NOTE] = (
            f"Closer could not read your earlier unsaved drafts, so it kept that file as "
            f"`{aside}` and started a new one. Your diary is fine."
        )


def discard_draft(week: IsoWeek) -> None:
    """Button callback: forget `week`'s draft and put the form back to what is saved."""
    if not in_sample_mode():
        try:
            diary().discard_draft(week)
        except (SaveError, DataFileError) as error:
            st.session_state[_DRAFT_NOTE] = f"The draft could not be discarded: {error}"
            return
    _clear_form(week)


def show_draft_note() -> None:
    """Say once what went wrong with drafts, if anything; the diary itself is never blocked."""
    message = st.session_state.pop(_DRAFT_NOTE, None)
    if message:
        st.warning(message, icon="📝")


def _clear_form(week: IsoWeek) -> None:
    prefix = widget_key(week, "")
    for name in [name for name in st.session_state if str(name).startswith(prefix)]:
        del st.session_state[name]
    if restored_draft(week) is not None:
        del st.session_state[_RESTORED]


def save_check_in(week: IsoWeek, skip_unanswered: bool = False) -> None:
    """Button callback: validate the form and save it; the form keeps its values on failure.

    Practices neither rated nor skipped stop the save, named, unless the user
    chose to skip them (`skip_unanswered`): an untouched slider is not an answer.
    """
    form = st.session_state
    unanswered = form_progress(week, form).unanswered
    if skip_unanswered:
        for key in unanswered:
            form[widget_key(week, "skip", key)] = True
    elif unanswered:
        st.session_state[_SAVE_RESULT] = (week, unanswered)
        return
    store = active_diary()
    try:
        store.save_entry(entry_from_form(week, form))
    except EntryError as error:
        st.session_state[_SAVE_RESULT] = (week, error.problems)
        return
    except (SaveError, DataFileError) as error:
        st.session_state[_SAVE_RESULT] = (week, [str(error)])
        return
    st.session_state[_SAVE_RESULT] = (week, [])
    st.session_state.pop(_RESTORED, None)
    if not in_sample_mode():
        # Saved: the draft has done its job. One left behind is dropped on the
        # next open, as it equals the saved week.
        with suppress(SaveError, DataFileError):
            store.discard_draft(week)


def show_save_result(week: IsoWeek) -> None:
    """Say once whether the last save of `week` worked, and if not, why."""
    result = st.session_state.pop(_SAVE_RESULT, None)
    if result is None or result[0] != week:
        return
    problems = result[1]
    if isinstance(problems, tuple):
        _ask_for_unanswered(week, problems)
    elif problems:
        st.error("**Not saved.** " + " ".join(problems) + " Your ratings and notes are still here.")
    elif in_sample_mode():
        st.success(
            f"Saved in the sample for {week} ({week.label()}). It stays in this browser tab "
            "and never reaches your diary.",
            icon="🧪",
        )
    else:
        st.success(f"Saved your check-in for {week} ({week.label()}).", icon="✅")
        st.toast(f"Check-in for {week} saved", icon="✅")


def set_focus(week: IsoWeek, key: str, when: str) -> None:
    """Button callback: store `key` as the focus chosen at `week`'s check-in (for `when`)."""
    store = active_diary()
    try:
        entry = store.get_entry(week)
        if entry is None:
            missing = f"There is no saved check-in for {week} to keep it with."
            st.session_state[_FOCUS_ERROR] = ("error", missing)
            return
        store.save_entry(replace(entry, focus=key))
    except (SaveError, DataFileError) as error:
        st.session_state[_FOCUS_ERROR] = ("error", str(error))
        return
    # The check-in form seeds from saved values once; let it pick this up.
    st.session_state.pop(widget_key(week, "focus"), None)
    changed = f"{when[:1].upper()}{when[1:]}'s focus is now {practice(key).title}"
    if entry.focus and entry.focus != key:
        changed += f"; it was {practice(entry.focus).title}"
    st.session_state[_FOCUS_ERROR] = ("done", changed + ".")


def show_focus_result() -> None:
    """Say once what the last focus button changed, or why it could not."""
    result = st.session_state.pop(_FOCUS_ERROR, None)
    if result is None:
        return
    kind, message = result
    if kind == "error":
        st.error(f"**Focus not saved.** {message}")
    else:
        st.success(message, icon="✅")


def _ask_for_unanswered(week: IsoWeek, unanswered: tuple[str, ...]) -> None:
    """Name the practices left untouched, and offer to skip them and save."""
    names = _and([practice(key).title for key in unanswered])
    with st.container(border=True, key="unanswered"):
        st.warning(
            f"**Not saved yet.** You have not rated {names}. Move "
            f"{'its slider' if len(unanswered) == 1 else 'their sliders'} to rate "
            f"{'it' if len(unanswered) == 1 else 'them'}, or skip "
            f"{'it' if len(unanswered) == 1 else 'them'} for this week.",
            icon="✋",
        )
        st.button(
            f"Skip {'all six' if len(unanswered) == len(PRACTICE_KEYS) else names} and save",
            key="skip_unanswered",
            on_click=save_check_in,
            args=(week, True),
        )


def _and(words: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def delete_week(week: IsoWeek) -> None:
    """Button callback: delete `week`'s check-in (a safety copy is kept) and clear its form."""
    try:
        active_diary().delete_entry(week)
        if not in_sample_mode():
            diary().discard_draft(week)
    except (SaveError, DataFileError) as error:
        st.session_state[_SAVE_RESULT] = (week, [str(error)])
        return
    _clear_form(week)
    st.session_state[_DELETED] = week


def show_deleted(week: IsoWeek) -> None:
    """Confirm once that `week` was deleted."""
    if st.session_state.get(_DELETED) == week:
        del st.session_state[_DELETED]
        st.success(f"Deleted the check-in for {week}. A safety copy was kept.", icon="🗑️")

"""Every write Closer makes, each one a widget callback, each telling its outcome once.

A callback runs before the page's next run, so the page that follows already
shows the change and the message. What fails leaves the diary as it was and
the form as the user left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import streamlit as st

from lib.checkin import (
    draft_from_form,
    entry_from_form,
    form_progress,
    has_unsaved_changes,
    widget_key,
)
from lib.content import escape_markdown
from lib.drafts import Draft
from lib.entries import WeekEntry
from lib.errors import DiaryError
from lib.settings import Settings, make_settings
from lib.weeks import IsoWeek
from lib.wording import plural
from ui import messages, session
from ui.texts import practice

UNANSWERED = "unanswered_question"
RESTORED = "draft_restored"
UPLOAD_ROUND = "data_upload_round"
DELETED = "deleted_week"  # the check-in just deleted, until it is put back or replaced


def _failed(place: str, what: str, error: Exception) -> None:
    """Say at `place` that `what` did not happen, and why."""
    messages.tell(place, "error", f"**{what}** {said(error)}")


def said(error: Exception) -> str:
    """An error's sentence as Markdown that shows as written.

    It may quote what the user typed or a cell of their file, so a `:material/home:`
    or a `[link](…)` in it must not turn into an icon or a link.
    """
    return escape_markdown(str(error))


# The sample


def enter_sample_mode() -> None:
    """Explore with sample data, kept apart from the user's file."""
    session.start_sample()


def leave_sample_mode() -> None:
    """Back to the user's own diary; the sample is thrown away."""
    session.forget()


# The check-in form and its drafts


def save_check_in(week: IsoWeek, skip_unanswered: bool = False) -> None:
    """Validate `week`'s form and save it; the form keeps its values on failure.

    Practices neither rated nor skipped stop the save, named, unless the user
    chose to skip them (`skip_unanswered`): an untouched slider is not an answer.
    """
    form = st.session_state
    unanswered = form_progress(week, form).unanswered
    if skip_unanswered:
        for key in unanswered:
            form[widget_key(week, "skip", key)] = True
    elif unanswered:
        st.session_state[UNANSWERED] = (week, unanswered)
        return
    place = messages.week_place(week)
    store = session.active_diary()
    try:
        store.save_entry(entry_from_form(week, form))
    except DiaryError as error:  # an EntryError reads as its problems, joined
        messages.tell(place, "error", f"**Not saved.** {said(error)} {_STILL_HERE}")
        return
    st.session_state.pop(RESTORED, None)
    if session.in_sample_mode():
        messages.tell(
            place,
            "success",
            f"Saved in the sample for {week} ({week.label()}). It stays in this browser tab "
            "and never reaches your diary.",
            icon="🧪",
        )
        return
    messages.tell(
        place,
        "success",
        f"Saved your check-in for {week} ({week.label()}).",
        icon="✅",
        toast=f"Check-in for {week} saved",
    )
    # Saved: the draft has done its job. One left behind is dropped on the next
    # open, as it equals the saved week, so a failure here costs nothing.
    with suppress(DiaryError):
        store.discard_draft(week)


_STILL_HERE = "Your ratings and notes are still here."


def keep_draft(week: IsoWeek) -> None:
    """Keep `week`'s unsaved form as a draft on disk (never in sample mode)."""
    if session.in_sample_mode():
        return
    store = session.diary()

    def keep() -> Path | None:
        if has_unsaved_changes(week, st.session_state, store.get_entry(week)):
            return store.keep_draft(draft_from_form(week, st.session_state, session.now()))
        return store.discard_draft(week)

    try:
        aside = keep()
    except DiaryError as error:
        messages.tell(
            messages.DRAFTS,
            "warning",
            f"Your changes could not be kept as a draft: {said(error)}",
            icon="📝",
        )
        return
    if aside is not None:
        messages.tell(
            messages.DRAFTS,
            "warning",
            f"Closer could not read your earlier unsaved drafts, so it kept that file as "
            f"`{aside}` and started a new one. Your diary is fine.",
            icon="📝",
        )


def discard_draft(week: IsoWeek) -> None:
    """Forget `week`'s draft and put the form back to what is saved."""
    if not session.in_sample_mode():
        try:
            session.diary().discard_draft(week)
        except DiaryError as error:
            problem = f"The draft could not be discarded: {said(error)}"
            messages.tell(messages.DRAFTS, "warning", problem, icon="📝")
            return
    clear_form(week)


def clear_form(week: IsoWeek) -> None:
    """Forget every widget value of `week`'s form, and the draft it was opened with."""
    prefix = widget_key(week, "")
    for name in [name for name in st.session_state if str(name).startswith(prefix)]:
        del st.session_state[name]
    if restored_draft(week) is not None:
        del st.session_state[RESTORED]


def restored_draft(week: IsoWeek) -> Draft | None:
    """The draft `week`'s form was opened with this session, until it is saved or discarded."""
    draft = st.session_state.get(RESTORED)
    return draft if isinstance(draft, Draft) and draft.week == week else None


def delete_week(week: IsoWeek) -> None:
    """Delete `week`'s check-in (a safety copy is kept) and clear its form."""
    place = messages.week_place(week)
    store = session.active_diary()
    try:
        deleted = store.get_entry(week)
        store.delete_entry(week)
        if not session.in_sample_mode():
            session.diary().discard_draft(week)
    except DiaryError as error:
        _failed(place, "Not deleted.", error)
        return
    clear_form(week)
    if deleted is not None:
        st.session_state[DELETED] = deleted
    messages.tell(
        place, "success", f"Deleted the check-in for {week}. A safety copy was kept.", icon="🗑️"
    )


def deleted_week(week: IsoWeek) -> WeekEntry | None:
    """The check-in for `week` deleted this session, which Undo can put back."""
    entry = st.session_state.get(DELETED)
    return entry if isinstance(entry, WeekEntry) and entry.week == week else None


def undo_delete(week: IsoWeek) -> None:
    """Put the check-in just deleted back as it was, unless the week has been saved since."""
    place = messages.week_place(week)
    entry = deleted_week(week)
    store = session.active_diary()
    try:
        if entry is None or store.get_entry(week) is not None:
            messages.tell(
                place,
                "warning",
                f"**Not put back.** {week} has a check-in saved since; the one deleted is in "
                "the safety copy made before the delete (Your data).",
            )
            return
        store.import_entries([entry])  # as it was, its first and last save times included
    except DiaryError as error:
        _failed(place, "Not put back.", error)
        return
    finally:
        st.session_state.pop(DELETED, None)
    clear_form(week)
    messages.tell(place, "success", f"Put the check-in for {week} back.", icon="↩️")


def set_focus(week: IsoWeek, key: str, when: str) -> None:
    """Store `key` as the focus chosen at `week`'s check-in (the focus for `when`)."""
    store = session.active_diary()
    try:
        entry = store.get_entry(week)
        if entry is not None:
            store.save_entry(replace(entry, focus=key))
    except DiaryError as error:
        _failed(messages.FOCUS, "Focus not saved.", error)
        return
    if entry is None:
        missing = f"There is no saved check-in for {week} to keep it with."
        messages.tell(messages.FOCUS, "error", f"**Focus not saved.** {missing}")
        return
    # The check-in form seeds from saved values once; let it pick this up.
    st.session_state.pop(widget_key(week, "focus"), None)
    changed = f"{when[:1].upper()}{when[1:]}'s focus is now {practice(key).title}"
    if entry.focus and entry.focus != key:
        changed += f"; it was {practice(entry.focus).title}"
    messages.tell(messages.FOCUS, "success", changed + ".", icon="✅")


# Your data: import, restore, safety copies, delete all


def _data_done(message: str) -> None:
    """Report a data-page write, and empty the file pickers for the next one."""
    st.session_state[UPLOAD_ROUND] = upload_round() + 1
    messages.tell(messages.DATA, "success", message, icon="✅")


def upload_round() -> int:
    """How many imports and restores this session has done (the file pickers' key)."""
    return int(st.session_state.get(UPLOAD_ROUND, 0))


def import_weeks(chosen: Sequence[WeekEntry], replaced: int) -> None:
    """Add the new weeks, and replace the `replaced` saved ones, the user chose from a CSV."""
    try:
        session.active_diary().import_entries(chosen)
    except DiaryError as error:
        _failed(messages.DATA, "Not imported.", error)
        return
    added = len(chosen) - replaced
    if not replaced:
        _data_done(f"Imported {plural(added, 'new week')}.")
        return
    said = (
        f"Imported {plural(added, 'new week')} and replaced {replaced}"
        if added
        else (f"Replaced {plural(replaced, 'week')}")
    )
    _data_done(f"{said}. A safety copy was kept first.")


def restore_backup(entries: Sequence[WeekEntry], settings: Settings | None) -> None:
    """Replace the diary with an uploaded backup (a safety copy is kept first)."""
    try:
        session.active_diary().restore(entries, settings)
    except DiaryError as error:
        _failed(messages.DATA, "Not restored.", error)
        return
    _data_done(f"Restored {plural(len(entries), 'week')} from the backup.")


def restore_safety_copy(copy: Path) -> None:
    """Put a safety copy back in place of the diary (which is kept as a new copy)."""
    try:
        session.active_diary().restore_safety_copy(copy)
    except DiaryError as error:
        _failed(messages.DATA, "Not restored.", error)
        return
    _data_done("Restored the safety copy. Your diary as it was is kept as a new copy.")


def delete_all(confirmation_key: str) -> None:
    """Delete every week (a safety copy is kept first) and empty the confirmation box."""
    try:
        deleted = session.active_diary().delete_all()
    except DiaryError as error:
        _failed(messages.DATA, "Nothing was deleted.", error)
        return
    st.session_state.pop(confirmation_key, None)
    _data_done(f"Deleted {plural(deleted, 'week')}. A safety copy was kept first.")


# Settings


def save_settings(name_key: str, pronoun_key: str) -> None:
    """Save the partner's name and pronoun as typed in the settings form."""
    try:
        chosen = make_settings(st.session_state[name_key], st.session_state[pronoun_key])
        session.active_diary().save_settings(chosen)
    except DiaryError as error:
        _failed(messages.SETTINGS, "Not saved.", error)
        return
    messages.tell(messages.SETTINGS, "success", "Saved.", icon="✅")


# An unreadable diary


def recover(copy: Path | None) -> None:
    """Restore the safety copy `copy`, or start empty; the unreadable file is set aside."""
    store = session.diary()
    try:
        kept = store.start_new_diary() if copy is None else store.recover_from_copy(copy)
    except DiaryError as error:
        messages.tell(messages.RECOVERY, "error", said(error))
        return
    what = "Started a new, empty diary." if copy is None else "Restored the safety copy."
    where = f" The unreadable file is kept as `{kept}`." if kept else ""
    messages.tell(messages.RECOVERY, "success", what + where)

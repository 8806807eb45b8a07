"""The check-in form: its starting values and draft, each practice, the focus, save and delete."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib import insights
from lib.checkin import (
    NO_FOCUS,
    NOT_RATED,
    RATING_STOPS,
    FormProgress,
    draft_form_values,
    focus_heading,
    form_values,
    has_unsaved_changes,
    previous_rating_label,
    widget_key,
)
from lib.content import Practice
from lib.drafts import DraftError
from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.settings import Settings
from lib.weeks import IsoWeek, moment_label
from lib.wording import joined
from ui import actions, messages, session, texts

NOT_RATED_LABEL = "not rated yet"
FORM_KEY = "check_in_form"


def open_form(week: IsoWeek, entry: WeekEntry | None) -> None:
    """Give `week`'s form its starting values once a session: its draft if kept, else saved."""
    values = form_values(week, entry)
    if widget_key(week, "reflection") not in st.session_state and not session.in_sample_mode():
        try:
            draft = session.diary().drafts().get(week)
        except DraftError as error:
            messages.tell(
                messages.DRAFTS,
                "warning",
                f"Closer could not read your unsaved drafts ({actions.said(error)}). "
                "Your diary is fine; the next change you make here sets that file aside "
                "and starts a new one.",
                icon="📝",
            )
            draft = None
        # A draft equal to the saved week (one a save left behind) is no draft.
        drafted = None if draft is None else draft_form_values(draft)
        if drafted is not None and has_unsaved_changes(week, drafted, entry):
            values = drafted
            st.session_state[actions.RESTORED] = draft
    for name, value in values.items():
        st.session_state.setdefault(name, value)
    for key in PRACTICE_KEYS:
        note = st.session_state.get(widget_key(week, "note", key))
        st.session_state.setdefault(widget_key(week, "note_open", key), bool(note))


def where_it_stands(week: IsoWeek, entry: WeekEntry | None) -> None:
    """Whether the form holds a restored draft (with a way back) or edits a saved week."""
    messages.show(messages.DRAFTS)
    draft = actions.restored_draft(week)
    if draft is not None:
        with st.container(border=True, key="draft_notice"):
            st.markdown(
                f"📝 **Your unsaved changes from {moment_label(draft.kept_at)} are back.** "
                "Save to keep them, or discard them to go back to "
                + ("the saved check-in." if entry is not None else "an empty form.")
            )
            st.button(
                "Discard draft", key="discard_draft", on_click=actions.discard_draft, args=(week,)
            )
    elif entry is not None:
        st.caption(f"✏️ Editing the check-in you saved on {moment_label(entry.updated_at)}.")


def _stop_label(stop: int | None) -> str:
    return NOT_RATED_LABEL if stop is NOT_RATED else str(stop)


def practice_rating(
    item: Practice,
    week: IsoWeek,
    previous: WeekEntry | None,
    current: IsoWeek,
    settings: Settings,
) -> None:
    """One practice: title, last rating, slider (starts not rated), its 1 and 10, skip, note."""
    skip_key = widget_key(week, "skip", item.key)
    note_key = widget_key(week, "note", item.key)
    rating_key = widget_key(week, "rating", item.key)
    skipped = bool(st.session_state.get(skip_key))
    keep = {"on_change": actions.keep_draft, "args": (week,)}
    with st.container(border=True, key=f"practice_{item.key}", gap="xsmall"):
        with st.container(horizontal=True, vertical_alignment="center", wrap=False):
            st.header(f"{item.icon} {item.title}", anchor=False, width="stretch")
            if previous is not None:
                st.caption(
                    previous_rating_label(previous, week, item.key, current),
                    width="content",
                    wrap=False,
                )
        st.select_slider(
            f"{item.title}: your rating, from 1 ({item.scale.low}) to 10 ({item.scale.high})",
            options=RATING_STOPS,
            format_func=_stop_label,
            key=rating_key,
            disabled=skipped,
            label_visibility="collapsed",
            persist_state="session",
            **keep,
        )
        st.caption(f"**1** {item.scale.short_low} · **10** {item.scale.short_high}")
        st.toggle(f"Skip {item.title} this week", key=skip_key, persist_state="session", **keep)
        with st.expander(
            f"Note on {item.title}",
            key=widget_key(week, "note_open", item.key),
            on_change="rerun",
            type="compact",
        ) as note:
            if note.open:
                st.text_area(
                    f"Note on {item.title}",
                    key=note_key,
                    placeholder=texts.personal_text(item.prompts[0], settings),
                    label_visibility="collapsed",
                    height=68,
                    persist_state="session",
                    **keep,
                )


def focus_outcome(outcome: insights.FocusOutcome, week: IsoWeek, today: date) -> None:
    """How the focus chosen at the previous check-in moved, live with this week's slider."""
    item = texts.practice(outcome.practice)
    if st.session_state.get(widget_key(week, "skip", item.key)):
        now = "skipped"
    else:
        now = _stop_label(st.session_state.get(widget_key(week, "rating", item.key)))
    before = "skipped" if outcome.before is None else str(outcome.before)
    st.info(
        f"**{focus_heading(outcome.chosen_at, today)}: {item.title}.** "
        f"{before} at your {outcome.chosen_at} check-in, {now} now.",
        icon=item.icon,
    )


def focus_picker(week: IsoWeek, suggested: str | None, today: date) -> None:
    """Choose (or accept the suggested) practice to focus on in the week after `week`."""
    labels = {NO_FOCUS: "No particular focus"} | {
        item.key: f"{item.icon} {item.title}" + (" (suggested)" if item.key == suggested else "")
        for item in texts.practices()
    }
    st.selectbox(
        focus_heading(week, today),
        list(labels),
        key=widget_key(week, "focus"),
        format_func=labels.__getitem__,
        help="The one practice to give extra attention in the week after this check-in.",
        persist_state="session",
        on_change=actions.keep_draft,
        args=(week,),
    )


def save_bar(week: IsoWeek, progress: FormProgress, unsaved: bool) -> None:
    """Save, with how far the form is beside it (and whether changes are kept as a draft)."""
    status = progress.summary()
    if unsaved and session.in_sample_mode():
        status += " · unsaved changes (the sample keeps no drafts)"
    elif unsaved:
        status += " · unsaved changes kept as a draft on this computer"
    with st.container(horizontal=True, vertical_alignment="center", key="save_bar"):
        st.button(
            "Save check-in",
            type="primary",
            key="save",
            on_click=actions.save_check_in,
            args=(week,),
        )
        if unsaved:
            st.button(
                "Discard changes",
                type="tertiary",
                key="discard_changes",
                on_click=actions.discard_draft,
                args=(week,),
                help="Go back to what is saved for this week and forget the draft.",
            )
        st.caption(status, width="stretch")


def save_outcome(week: IsoWeek) -> None:
    """Below Save: what the last save or delete did, or which practices still need an answer."""
    messages.show(messages.week_place(week))
    asked = st.session_state.pop(actions.UNANSWERED, None)
    if asked is None or asked[0] != week:
        return
    unanswered = asked[1]
    names = joined([texts.practice(key).title for key in unanswered])
    one = len(unanswered) == 1
    with st.container(border=True, key="unanswered"):
        st.warning(
            f"**Not saved yet.** You have not rated {names}. Move "
            f"{'its slider' if one else 'their sliders'} to rate {'it' if one else 'them'}, "
            f"or skip {'it' if one else 'them'} for this week.",
            icon="✋",
        )
        st.button(
            f"Skip {'all six' if len(unanswered) == len(PRACTICE_KEYS) else names} and save",
            key="skip_unanswered",
            on_click=actions.save_check_in,
            args=(week, True),
        )


def undo_delete(week: IsoWeek, entry: WeekEntry | None) -> None:
    """Right after a week is deleted: a way to put it back, while the week stays empty."""
    if entry is not None:
        if actions.deleted_week(week) is not None:
            st.session_state.pop(actions.DELETED)  # saved again: nothing left to undo
        return
    if actions.deleted_week(week) is not None:
        st.button(
            f"Undo: put {week}'s check-in back",
            key="undo_delete",
            icon="↩️",
            on_click=actions.undo_delete,
            args=(week,),
        )


def delete_section(week: IsoWeek) -> None:
    """Delete a saved week, behind an expander (a safety copy is kept first)."""
    with st.expander(f"Delete the check-in for {week}"):
        st.caption("A safety copy of your diary is kept first (see Your data).")
        st.button("Delete this week", key="delete_week", on_click=actions.delete_week, args=(week,))

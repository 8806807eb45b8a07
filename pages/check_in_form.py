"""The check-in form's pieces: one practice's rating, the focus, the save bar."""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib import insights
from lib.checkin import (
    NO_FOCUS,
    NOT_RATED,
    RATING_STOPS,
    FormProgress,
    focus_heading,
    previous_rating_label,
    widget_key,
)
from lib.content import Practice
from lib.entries import WeekEntry
from lib.settings import Settings
from lib.weeks import IsoWeek
from pages import common

NOT_RATED_LABEL = "not rated yet"
FORM_KEY = "check_in_form"


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
    keep = {"on_change": common.keep_draft, "args": (week,)}
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
                    placeholder=common.plain_words(item.prompts[0], settings),
                    label_visibility="collapsed",
                    height=68,
                    persist_state="session",
                    **keep,
                )


def focus_outcome(outcome: insights.FocusOutcome, week: IsoWeek, today: date) -> None:
    """How the focus chosen at the previous check-in moved, live with this week's slider."""
    item = common.practice(outcome.practice)
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
        for item in common.practices()
    }
    st.selectbox(
        focus_heading(week, today),
        list(labels),
        key=widget_key(week, "focus"),
        format_func=labels.__getitem__,
        help="The one practice to give extra attention in the week after this check-in.",
        persist_state="session",
        on_change=common.keep_draft,
        args=(week,),
    )


def save_bar(week: IsoWeek, progress: FormProgress, unsaved: bool) -> None:
    """Save, with how far the form is beside it (and whether changes are kept as a draft)."""
    status = progress.summary()
    if unsaved and common.in_sample_mode():
        status += " · unsaved changes (the sample keeps no drafts)"
    elif unsaved:
        status += " · unsaved changes kept as a draft on this computer"
    with st.container(horizontal=True, vertical_alignment="center", key="save_bar"):
        st.button(
            "Save check-in",
            type="primary",
            key="save",
            on_click=common.save_check_in,
            args=(week,),
        )
        if unsaved:
            st.button(
                "Discard changes",
                type="tertiary",
                key="discard_changes",
                on_click=common.discard_draft,
                args=(week,),
                help="Go back to what is saved for this week and forget the draft.",
            )
        st.caption(status, width="stretch")

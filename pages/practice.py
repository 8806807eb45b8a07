"""One practice's page. A single function renders all six, from content/ and the diary."""

import streamlit as st

from lib import charts, frames, insights
from lib.entries import WeekEntry
from lib.settings import Settings
from lib.weeks import IsoWeek
from pages import blocks, common, gate

TREND_WORDS = {"rising": "↗ Rising", "steady": "→ Steady", "falling": "↘ Falling"}


def _bullets(lines: tuple[str, ...], current: Settings) -> str:
    return "\n".join(f"- {common.words(line, current)}" for line in lines)


def render(key: str) -> None:
    """Show practice `key`: what it is, ideas and prompts, and the user's own history."""
    gate.guard()
    item = common.practice(key)
    entries = common.saved_entries()
    current = common.settings()  # read once: each read checks the whole diary
    st.title(f"{item.icon} {item.title}")
    st.markdown(f"##### {common.words(item.summary, current)}")
    st.caption(f"Practice {item.number} of 6")

    about, history = st.tabs(["About this practice", "Your history"])
    with about:
        st.subheader("Why it matters")
        st.markdown(common.words(item.why, current))
        if item.caution:
            st.warning(common.words(item.caution, current), icon="⚖️")
        st.subheader("Ideas for this week")
        st.markdown(_bullets(item.practices, current))
        st.subheader("Questions to reflect on")
        st.markdown(_bullets(item.prompts, current))
        st.subheader("How to rate it")
        st.markdown(
            f"- **1**: {item.scale.low}\n- **5**: {item.scale.mid}\n- **10**: {item.scale.high}"
        )
    with history:
        _history(key, entries)
    st.page_link("pages/check_in.py", label="Rate this week's practices", icon="✍️")


def _history(key: str, entries: list[WeekEntry]) -> None:
    if not entries:
        st.info("Your ratings and notes for this practice will appear here after a check-in.")
        return
    score = insights.score(entries, key)
    moved = insights.trend(entries, key)
    left, middle, right = st.columns(3)
    left.metric("Score", "–" if score is None else f"{score:.1f}", help="Smoothed, out of 10")
    change = None if moved.change is None else f"{moved.change:+d} over {moved.check_ins}"
    middle.metric("Trend", TREND_WORDS.get(moved.direction, "Not enough data"), change)
    right.metric("Times as focus", sum(1 for entry in entries if entry.focus == key))
    today = IsoWeek.of(common.today())
    history = frames.history_frame(entries, common.titles(), through=today)
    blocks.chart(
        charts.practice_history_chart(history, key),
        frames.history_table(frames.practice_rows(history, key)),
        f"history_{key}",
    )
    st.subheader("Your notes")
    notes = [entry for entry in reversed(entries) if entry.notes[key]]
    if not notes:
        st.caption("No notes on this practice yet.")
    for entry in notes:
        rating = entry.ratings[key]
        st.caption(f"{entry.week} · {entry.week.label()} · {rating or 'skipped'}")
        st.text(entry.notes[key])  # typed by the user: shown as text, never as Markdown

"""One practice's page, the same for all six: what it is, ideas and prompts, your history."""

import streamlit as st

from lib.settings import Settings
from lib.snapshots import Snapshot
from ui import dashboard, page_start, session, texts, views

TREND_WORDS = {"rising": "↗ Rising", "steady": "→ Steady", "falling": "↘ Falling"}
# Notes shown at first and added per "show older": ten years of notes on one page
# would be thousands of elements to draw on every rerun.
NOTES_PAGE = 20


def _bullets(lines: tuple[str, ...], current: Settings) -> str:
    return "\n".join(f"- {texts.personal_markdown(line, current)}" for line in lines)


def render(key: str) -> None:
    """Show practice `key`: what it is, ideas and prompts, and the user's own history."""
    snapshot = page_start.open_page()
    item = texts.practice(key)
    current = snapshot.settings
    st.title(f"{item.icon} {item.title}", anchor=False)
    st.markdown(f"**{texts.personal_markdown(item.summary, current)}**")
    st.caption(f"Practice {item.number} of 6")

    about, history = st.tabs(["About this practice", "Your history"])
    with about:
        st.header("Why it matters", anchor=False)
        st.markdown(texts.personal_markdown(item.why, current))
        if item.caution:
            st.warning(texts.personal_markdown(item.caution, current), icon="⚖️")
        st.header("Ideas for this week", anchor=False)
        st.markdown(_bullets(item.ideas, current))
        st.header("Questions to reflect on", anchor=False)
        st.markdown(_bullets(item.prompts, current))
        st.header("How to rate it", anchor=False)
        st.markdown(
            f"- **1**: {item.scale.low}\n- **5**: {item.scale.mid}\n- **10**: {item.scale.high}"
        )
    with history:
        _history(key, snapshot)
    st.page_link("pages/check-in.py", label="Rate this week's practices", icon="✍️")


def _history(key: str, snapshot: Snapshot) -> None:
    if not snapshot.entries:
        st.info("Your ratings and notes for this practice will appear here after a check-in.")
        return
    view = views.practice(snapshot, session.today(), key)
    left, middle, right = st.columns(3)
    score = "–" if view.score is None else f"{view.score:.1f}"
    left.metric("Score", score, help="Out of 10, like a rating")
    left.caption(dashboard.score_line())
    moved = view.trend
    change = None if moved.change is None else f"{moved.change:+d} over {moved.check_ins}"
    middle.metric("Trend", TREND_WORDS.get(moved.direction, "Not enough data"), change)
    right.metric("Times as focus", view.times_focused)
    title = texts.practice(key).title
    dashboard.chart(view.chart, view.table, f"history_{key}", f"your {title} ratings")
    st.header("Your notes", anchor=False)
    if not view.notes:
        st.caption("No notes on this practice yet.")
    shown_key = f"notes_shown_{key}"
    shown = st.session_state.setdefault(shown_key, NOTES_PAGE)
    for entry in view.notes[:shown]:
        rating = entry.ratings[key]
        st.caption(f"{entry.week} · {entry.week.label()} · {rating or 'skipped'}")
        st.text(entry.notes[key])  # typed by the user: shown as text, never as Markdown
    older = len(view.notes) - shown
    if older > 0:
        st.button(
            f"Show {min(older, NOTES_PAGE)} older notes ({older} more)",
            key=f"older_notes_{key}",
            on_click=lambda: st.session_state.update({shown_key: shown + NOTES_PAGE}),
        )

"""What an import or a restore would change, said before anything is written.

The counts, each differing week field by field (an import lets the user
pick which of them to replace), and what a backup holds that Closer leaves
out. Nothing here writes: the data page's buttons do, through ui/actions.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib import transfer
from lib.content import escape_markdown
from lib.entries import WeekEntry
from lib.settings import Settings
from lib.week_changes import WeekChanges, week_changes
from lib.weeks import IsoWeek
from lib.wording import joined, plural
from ui import actions, texts

# A restore's week-by-week list stops helping beyond this many weeks.
MAX_SHOWN = 100


def counts(preview: transfer.ImportPreview) -> None:
    """How many of the file's weeks are new, differ from the diary, or are the same."""
    new, differing, identical = st.columns(3)
    new.metric("New weeks", len(preview.new))
    differing.metric("Differ from saved", len(preview.differing))
    identical.metric("Identical", len(preview.identical))


def changes_of(preview: transfer.ImportPreview) -> list[WeekChanges]:
    """Each differing week's changes, oldest first, in practice titles."""
    return [week_changes(saved, incoming, texts.titles()) for saved, incoming in preview.differing]


def _pick_key(week: IsoWeek) -> str:
    # A new key after each import or restore starts every week unticked again.
    return f"replace_{week}_{actions.upload_round()}"


def _tick(weeks: Sequence[IsoWeek], ticked: bool) -> None:
    for week in weeks:
        st.session_state[_pick_key(week)] = ticked


def _week_changes(changes: WeekChanges) -> None:
    """The lines of one week's changes, user text escaped."""
    st.markdown("\n".join(f"- {escape_markdown(line)}" for line in changes.changed))


def pick_weeks(changes: Sequence[WeekChanges]) -> set[IsoWeek]:
    """The differing weeks, each with what would change; returns the weeks ticked to replace.

    None is ticked at first: a spreadsheet rewrites cells on its own, so each
    replacement is the user's choice, week by week.
    """
    if not changes:
        return set()
    weeks = [change.week for change in changes]
    st.markdown(
        f"**{plural(len(changes), 'week')} in the file "
        f"{'differs' if len(changes) == 1 else 'differ'} from your diary.** Tick each one to "
        "replace with the file's version; unticked weeks stay as saved."
    )
    if len(changes) > 1:
        every, none = st.columns(2)
        every.button(
            "Tick all", key="replace_all", on_click=_tick, args=(weeks, True), width="stretch"
        )
        none.button(
            "Untick all", key="replace_none", on_click=_tick, args=(weeks, False), width="stretch"
        )
    picked: set[IsoWeek] = set()
    for change in changes:
        with st.container(border=True):
            if st.checkbox(
                f"Replace {change.week} ({change.week.label()})", key=_pick_key(change.week)
            ):
                picked.add(change.week)
            _week_changes(change)
    return picked


def import_label(new: int, replaced: int) -> str:
    """The import button, naming what it writes: `Import 2 new weeks and replace 1`."""
    if new and replaced:
        return f"Import {plural(new, 'new week')} and replace {replaced}"
    if replaced:
        return f"Replace {plural(replaced, 'week')}"
    return f"Import {plural(new, 'new week')}" if new else "Import"


def nothing_to_import(preview: transfer.ImportPreview) -> str:
    """Why the import button is off, when it is."""
    if not preview.new and not preview.differing:
        return "Every week in the file is already in your diary, just as it is."
    if not preview.new:
        return "Tick a week above to replace it, or leave your diary as it is."
    return ""


def restore_changes(
    preview: transfer.ImportPreview,
    going: Sequence[WeekEntry],
    settings: Settings | None,
    current: Settings,
) -> None:
    """What a restore changes beyond the counts: per differing week, weeks that go, settings."""
    changes = changes_of(preview)
    if settings is not None and settings != current:
        name = settings.partner_name or "no name (“your partner”)"
        st.markdown(
            f"Your partner's name and pronoun become **{escape_markdown(name)}**, "
            f"{settings.partner_pronoun}."
        )
    if not changes and not going:
        return
    label = "What changes, week by week"
    with st.expander(f"{label} ({plural(len(changes) + len(going), 'week')})"):
        for change in changes[:MAX_SHOWN]:
            st.markdown(f"**{change.week}** ({change.week.label()})")
            _week_changes(change)
        if len(changes) > MAX_SHOWN:
            st.markdown(f"…and {plural(len(changes) - MAX_SHOWN, 'more week')} that differ.")
        if going:
            weeks = [str(entry.week) for entry in going]
            more = len(weeks) - MAX_SHOWN
            listed = joined(weeks[:MAX_SHOWN] + ([f"{more:,} more"] if more > 0 else []))
            st.markdown(
                f"**Not in the backup, so {'it goes' if len(going) == 1 else 'they go'}:** {listed}"
            )


def ignored(lines: Sequence[str]) -> None:
    """What a backup holds that Closer does not know and will leave out, said before a restore."""
    if lines:
        listed = "\n".join(f"- {escape_markdown(line)}" for line in lines)
        st.info(f"**Closer will leave out what it does not know:**\n{listed}", icon="ℹ️")

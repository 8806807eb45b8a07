"""The weekly check-in form, as plain values: what it starts with and what it saves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lib.drafts import Draft
from lib.entries import (
    PRACTICE_KEYS,
    RATING_MAX,
    RATING_MIN,
    SKIPPED,
    WeekEntry,
    make_entry,
)
from lib.weeks import IsoWeek, WeekError, check_not_future

NO_FOCUS = ""
PICKER_WEEKS = 104
FORM_PREFIX = "ci."
# A rating slider's stops: "not rated yet" first, then 1 to 10. An untouched
# slider stays on the first stop, so a practice nobody rated is never a number.
NOT_RATED = None
RATING_STOPS: tuple[int | None, ...] = (NOT_RATED, *range(RATING_MIN, RATING_MAX + 1))
# How a form's rating reads in its answers: a number, skipped, or not answered yet.
_UNANSWERED = "unanswered"


def widget_key(week: IsoWeek, field: str, practice: str = "") -> str:
    """The session key of one form field; per week, so drafts of two weeks never mix."""
    return f"{FORM_PREFIX}{week}.{field}" + (f".{practice}" if practice else "")


def form_values(week: IsoWeek, entry: WeekEntry | None) -> dict[str, object]:
    """The form's starting values: the saved entry, or a fresh week with nothing rated."""
    values: dict[str, object] = {}
    for key in PRACTICE_KEYS:
        rating = entry.ratings[key] if entry else None
        values[widget_key(week, "rating", key)] = rating
        values[widget_key(week, "skip", key)] = entry is not None and rating is None
        values[widget_key(week, "note", key)] = entry.notes[key] if entry else ""
    values[widget_key(week, "reflection")] = entry.reflection if entry else ""
    values[widget_key(week, "focus")] = (entry.focus if entry else None) or NO_FOCUS
    return values


def draft_form_values(draft: Draft) -> dict[str, object]:
    """The form's values as a draft left them."""
    week = draft.week
    values: dict[str, object] = {}
    for key in PRACTICE_KEYS:
        rating = draft.ratings.get(key)
        values[widget_key(week, "rating", key)] = rating if isinstance(rating, int) else NOT_RATED
        values[widget_key(week, "skip", key)] = rating == SKIPPED
        values[widget_key(week, "note", key)] = draft.notes.get(key, "")
    values[widget_key(week, "reflection")] = draft.reflection
    values[widget_key(week, "focus")] = draft.focus or NO_FOCUS
    return values


def draft_from_form(week: IsoWeek, form: Mapping[str, object], kept_at: datetime) -> Draft:
    """The form as typed (notes unstripped, nothing validated), to keep until it is saved."""
    ratings: dict[str, int | str | None] = {}
    for key in PRACTICE_KEYS:
        rating = form.get(widget_key(week, "rating", key))
        if form.get(widget_key(week, "skip", key)):
            ratings[key] = SKIPPED
        else:
            ratings[key] = rating if isinstance(rating, int) else NOT_RATED
    return Draft(
        week=week,
        ratings=ratings,
        notes={key: str(form.get(widget_key(week, "note", key)) or "") for key in PRACTICE_KEYS},
        reflection=str(form.get(widget_key(week, "reflection")) or ""),
        focus=str(form.get(widget_key(week, "focus")) or "") or None,
        kept_at=kept_at,
    )


def _rating_answer(week: IsoWeek, form: Mapping[str, object], key: str) -> object:
    if form.get(widget_key(week, "skip", key)):
        return None
    rating = form.get(widget_key(week, "rating", key))
    return _UNANSWERED if rating is NOT_RATED else rating


def _answers(
    week: IsoWeek, form: Mapping[str, object]
) -> tuple[tuple[object, ...], tuple[str, ...], str, str | None]:
    """What the form says, ignoring a slider's position when its practice is skipped."""
    ratings = tuple(_rating_answer(week, form, key) for key in PRACTICE_KEYS)
    notes = tuple(
        str(form.get(widget_key(week, "note", key)) or "").strip() for key in PRACTICE_KEYS
    )
    reflection = str(form.get(widget_key(week, "reflection")) or "").strip()
    focus = form.get(widget_key(week, "focus")) or None
    return ratings, notes, reflection, None if focus is None else str(focus)


def has_unsaved_changes(week: IsoWeek, form: Mapping[str, object], saved: WeekEntry | None) -> bool:
    """True when the form differs from what is saved (or, for a new week, from a blank form)."""
    return _answers(week, form) != _answers(week, form_values(week, saved))


@dataclass(frozen=True)
class FormProgress:
    """Which practices the form rates, skips, and has not answered yet (keys, in order)."""

    rated: tuple[str, ...]
    skipped: tuple[str, ...]
    unanswered: tuple[str, ...]

    def summary(self) -> str:
        """`4 of 6 rated, 1 skipped, 1 not rated yet`, or `Nothing rated yet`."""
        if not self.rated and not self.skipped:
            return "Nothing rated yet"
        parts = [f"{len(self.rated)} of {len(PRACTICE_KEYS)} rated"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.unanswered:
            parts.append(f"{len(self.unanswered)} not rated yet")
        return ", ".join(parts)


def form_progress(week: IsoWeek, form: Mapping[str, object]) -> FormProgress:
    """How far the form is: rated, skipped and not yet answered practices."""
    answers = {key: _rating_answer(week, form, key) for key in PRACTICE_KEYS}
    return FormProgress(
        rated=tuple(key for key, value in answers.items() if isinstance(value, int)),
        skipped=tuple(key for key, value in answers.items() if value is None),
        unanswered=tuple(key for key, value in answers.items() if value == _UNANSWERED),
    )


def entry_from_form(week: IsoWeek, form: Mapping[str, object]) -> WeekEntry:
    """Validate the form into a `WeekEntry`; raises EntryError with every problem.

    A practice neither rated nor skipped is left out, so `make_entry` refuses
    it by name instead of a made-up number being saved.
    """
    ratings, notes, reflection, focus = _answers(week, form)
    return make_entry(
        week,
        {
            key: value
            for key, value in zip(PRACTICE_KEYS, ratings, strict=True)
            if value != _UNANSWERED
        },
        dict(zip(PRACTICE_KEYS, notes, strict=True)),
        reflection,
        focus,
    )


def resolve_week(requested: str | None, today: date) -> tuple[IsoWeek, str | None]:
    """The week to open from `?week=`: it, or this week with a message saying why not."""
    current = IsoWeek.of(today)
    if not requested:
        return current, None
    try:
        return check_not_future(IsoWeek.parse(requested), today), None
    except WeekError as error:
        return current, f"{error} Showing this week instead."


def picker_weeks(
    today: date, saved: Iterable[IsoWeek], also: IsoWeek | None = None
) -> list[IsoWeek]:
    """Weeks offered by the week picker, newest first: two years back, or to the first entry.

    A week opened by its address (`also`) that is older still is offered on its
    own, not with every week in between (`?week=1900-W02` would list 6,600).
    """
    current = IsoWeek.of(today)
    known = [week for week in saved if week <= current]
    oldest = min([current.shifted(1 - PICKER_WEEKS), *known])
    weeks = [current]
    # Stop on the oldest week itself: the week before 1900-W01 does not exist.
    while weeks[-1] > oldest:
        weeks.append(weeks[-1].shifted(-1))
    if also is not None and also < oldest:
        weeks.append(also)
    return weeks


def week_option_label(week: IsoWeek, today: date, saved: set[IsoWeek]) -> str:
    """`2026-W48 · 23–29 Nov 2026 · this week · ✓ saved`."""
    parts = [str(week), week.label()]
    current = IsoWeek.of(today)
    if week == current:
        parts.append("this week")
    elif week == current.shifted(-1):
        parts.append("last week")
    if week in saved:
        parts.append("✓ saved")
    return " · ".join(parts)


def previous_entry(entries: Iterable[WeekEntry], week: IsoWeek) -> WeekEntry | None:
    """The most recent entry before `week`."""
    earlier = [entry for entry in entries if entry.week < week]
    return max(earlier, key=lambda entry: entry.week) if earlier else None


def previous_rating_label(
    previous: WeekEntry | None, week: IsoWeek, key: str, today_week: IsoWeek
) -> str:
    """`Last week: 6`, `2026-W44: skipped`, or `No earlier check-in`.

    "Last week" only when `week` is this week's form and the entry is the week
    before; for a past week the earlier week is named, which cannot be misread.
    """
    if previous is None:
        return "No earlier check-in"
    when = (
        "Last week"
        if previous.week == week.shifted(-1) == today_week.shifted(-1)
        else str(previous.week)
    )
    rating = previous.ratings[key]
    return f"{when}: {'skipped' if rating is None else rating}"


@dataclass(frozen=True)
class WeekStatus:
    """Where the user stands this week."""

    week: IsoWeek
    done: bool
    weeks_checked_in: int
    days_left: int


def week_status(entries: list[WeekEntry], today: date) -> WeekStatus:
    """This week's check-in state and the totals for the home page."""
    current = IsoWeek.of(today)
    return WeekStatus(
        week=current,
        done=any(entry.week == current for entry in entries),
        weeks_checked_in=len(entries),
        days_left=(current.sunday - today).days,
    )


def focus_entry(entries: Sequence[WeekEntry], today: date) -> WeekEntry | None:
    """The check-in a focus chosen now is stored on: this week's, else last week's.

    A focus chosen at week W's check-in is for week W+1, so last week's entry
    holds this week's focus and this week's entry holds next week's.
    """
    current = IsoWeek.of(today)
    last = current.shifted(-1)
    recent = [entry for entry in entries if last <= entry.week <= current]
    return max(recent, key=lambda entry: entry.week) if recent else None


def focus_week(chosen_at: IsoWeek, today: date) -> str:
    """The week a focus chosen at `chosen_at` is for: `this week`, `next week` or `2026-W45`."""
    week = chosen_at.shifted(1)
    current = IsoWeek.of(today)
    if week == current:
        return "this week"
    if week == current.shifted(1):
        return "next week"
    return str(week)


def focus_heading(chosen_at: IsoWeek, today: date) -> str:
    """`Your focus this week`, `Your focus next week` or `Your focus for 2026-W45`."""
    when = focus_week(chosen_at, today)
    return f"Your focus for {when}" if when == str(chosen_at.shifted(1)) else f"Your focus {when}"

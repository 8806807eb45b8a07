"""What the saved weeks say: smoothed scores, trends, streaks, the focus suggestion.

Pure functions on `WeekEntry` lists (oldest first). docs/INSIGHTS.md explains
each rule in plain words with a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from statistics import fmean

from lib.content import practice_title
from lib.entries import PRACTICE_KEYS, WeekEntry
from lib.weeks import IsoWeek
from lib.wording import plural

# What a score is, in the words every place that shows one uses.
SCORE_MEANING = "a weighted average of your ratings so far, in which newer weeks count more"

HALF_LIFE_CHECK_INS = 4
# Each rating weighs (1 - SMOOTHING) times as much as the one after it, so
# HALF_LIFE_CHECK_INS ratings later its weight has halved. After many ratings,
# each new one moves the score this share of the way towards it.
SMOOTHING = 1 - 0.5 ** (1 / HALF_LIFE_CHECK_INS)
TREND_CHECK_INS = 3
TREND_THRESHOLD = 2
CONSISTENCY_WEEKS = 12
THIN_DATA_CHECK_INS = 3
RECENT_FOCUS_WEEKS = 3
RECENT_FOCUS_PENALTY = 1.5
FALLING_WEIGHT = 0.5
ENOUGH_EFFECT_SAMPLES = 3


def smoothed_scores(ratings: Iterable[int | None]) -> list[float | None]:
    """The running score after each week: a weighted average of the ratings so far.

    Each rating weighs (1 - SMOOTHING) times as much as the one after it, so the
    newest counts most and, HALF_LIFE_CHECK_INS ratings later, a rating counts
    half as much as when it was new. The weights are shared out over the ratings
    there are, so with few of them the first is not a heavy starting value: a
    slide 5, 4, 3 scores 3.9, not 4.5. A skipped or missed week (None) leaves
    the score where it was.
    """
    scores: list[float | None] = []
    weighted = weights = 0.0
    for rating in ratings:
        if rating is not None:
            weighted = (1 - SMOOTHING) * weighted + rating
            weights = (1 - SMOOTHING) * weights + 1
        scores.append(weighted / weights if weights else None)
    return scores


def ratings_of(entries: Sequence[WeekEntry], key: str) -> list[int | None]:
    """One practice's ratings, one per check-in, oldest first (None when skipped)."""
    return [entry.ratings[key] for entry in entries]


def score(entries: Sequence[WeekEntry], key: str) -> float | None:
    """The practice's current smoothed score, or None if it was never rated."""
    scores = smoothed_scores(ratings_of(entries, key))
    return scores[-1] if scores else None


@dataclass(frozen=True)
class Trend:
    """How a practice moved over its last few ratings."""

    direction: str  # "rising", "steady", "falling", or "unknown" with under two ratings
    change: int | None  # latest rating minus the earliest of the window
    check_ins: int  # how many ratings the window holds


def trend(entries: Sequence[WeekEntry], key: str) -> Trend:
    """Rising or falling when the last TREND_CHECK_INS ratings moved TREND_THRESHOLD or more."""
    rated = [rating for rating in ratings_of(entries, key) if rating is not None]
    window = rated[-TREND_CHECK_INS:]
    if len(window) < 2:
        return Trend("unknown", None, len(window))
    change = window[-1] - window[0]
    if change >= TREND_THRESHOLD:
        return Trend("rising", change, len(window))
    if change <= -TREND_THRESHOLD:
        return Trend("falling", change, len(window))
    return Trend("steady", change, len(window))


def streak(entries: Iterable[WeekEntry], today: date) -> int:
    """Weeks in a row checked in, up to this week, or last week while this one is open."""
    weeks = {entry.week for entry in entries}
    week = IsoWeek.of(today)
    if week not in weeks:
        week = week.shifted(-1)  # a week not yet over does not break the streak
    count = 0
    while week in weeks:
        count += 1
        week = week.shifted(-1)
    return count


def consistency(entries: Iterable[WeekEntry], today: date) -> int:
    """How many of the last CONSISTENCY_WEEKS weeks (this one included) have a check-in."""
    current = IsoWeek.of(today)
    oldest = current.shifted(1 - CONSISTENCY_WEEKS)
    return sum(1 for entry in entries if oldest <= entry.week <= current)


def focused_week(entry: WeekEntry) -> IsoWeek:
    """The week a focus chosen at `entry`'s check-in is for: the one after it."""
    return entry.week.shifted(1)


def weeks_since_focus(entries: Sequence[WeekEntry], key: str, today: date) -> int | None:
    """Weeks since `key` was last the focus (0: it is this week's), or None if never."""
    weeks = [focused_week(entry) for entry in entries if entry.focus == key]
    current = IsoWeek.of(today)
    past = [week for week in weeks if week <= current]
    if not past:
        return None
    last = max(past)
    return (current.monday - last.monday).days // 7


def recent_focus_count(entries: Sequence[WeekEntry], key: str, today: date) -> int:
    """How many of the last RECENT_FOCUS_WEEKS weeks had `key` as their focus."""
    current = IsoWeek.of(today)
    oldest = current.shifted(1 - RECENT_FOCUS_WEEKS)
    return sum(
        1 for entry in entries if entry.focus == key and oldest <= focused_week(entry) <= current
    )


@dataclass(frozen=True)
class FocusSuggestion:
    """The one practice to work on next, and why, in short sentences."""

    practice: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Standing:
    """One practice's figures the suggestion weighs, worked out once per suggestion."""

    score: float | None
    trend: Trend
    recent_focus: int
    since_focus: int | None


def _standing(entries: Sequence[WeekEntry], key: str, today: date) -> _Standing:
    return _Standing(
        score(entries, key),
        trend(entries, key),
        recent_focus_count(entries, key, today),
        weeks_since_focus(entries, key, today),
    )


def _need(standing: _Standing) -> float | None:
    if standing.score is None:
        return None
    change = standing.trend.change or 0
    penalty = RECENT_FOCUS_PENALTY * standing.recent_focus
    return (10 - standing.score) + FALLING_WEIGHT * max(0, -change) - penalty


def _rank(key: str, standing: _Standing) -> tuple[float, ...]:
    # Highest need first; ties go to the lower score, then the steeper fall,
    # then the practice left longest without focus, then the article's order.
    need = _need(standing)
    since = standing.since_focus
    return (
        0 if need is not None else 1,
        -(need or 0.0),
        standing.score if standing.score is not None else 11.0,
        standing.trend.change or 0,
        -(since if since is not None else 10_000),
        PRACTICE_KEYS.index(key),
    )


def _reasons(
    entries: Sequence[WeekEntry], key: str, today: date, standings: Mapping[str, _Standing]
) -> list[str]:
    scores = {name: standing.score for name, standing in standings.items()}
    rated = {name: value for name, value in scores.items() if value is not None}
    current = scores[key]
    reasons: list[str] = []
    if current is None:
        reasons.append("not rated yet, so there is room to start")
    elif len(rated) == 1:
        reasons.append(f"the only practice rated so far ({current:.1f})")
    else:
        lowest = min(rated.values())
        average = fmean(rated.values())
        if round(current, 1) == round(lowest, 1):
            tied = sum(1 for value in rated.values() if round(value, 1) == round(lowest, 1))
            lead = "lowest score of the six" if tied == 1 else "joint lowest score"
            reasons.append(f"{lead} ({current:.1f})")
        elif current < average:
            reasons.append(f"score {current:.1f}, below your average of {average:.1f}")
        else:
            reasons.append(f"score {current:.1f}")
        passed_over = min(rated, key=lambda name: (rated[name], PRACTICE_KEYS.index(name)))
        recent = standings[passed_over].recent_focus
        if passed_over != key and recent:
            reasons.append(
                f"{practice_title(passed_over)} scores lower but was your focus for "
                f"{plural(recent, 'week')} lately, so this one gets a turn"
            )
    moved = standings[key].trend
    if moved.direction == "falling" and moved.change is not None:
        reasons.append(
            f"down {plural(abs(moved.change), 'point')} over your last {moved.check_ins} check-ins"
        )
    since = standings[key].since_focus
    if any(entry.focus == key and focused_week(entry) > IsoWeek.of(today) for entry in entries):
        reasons.append("already chosen as next week's focus")
    elif since is None:
        reasons.append("never a focus so far")
    elif since >= 6:
        reasons.append("not a focus in the last 6 weeks")
    elif since == 0:
        reasons.append("already this week's focus")
    else:
        reasons.append(f"last a focus {plural(since, 'week')} ago")
    if len(entries) < THIN_DATA_CHECK_INS:
        reasons.append(f"based on only {plural(len(entries), 'check-in')} so far")
    return reasons


def focus_suggestion(entries: Sequence[WeekEntry], today: date) -> FocusSuggestion | None:
    """Exactly one practice to focus on next, with its reasons; None before any check-in."""
    if not entries:
        return None
    standings = {name: _standing(entries, name, today) for name in PRACTICE_KEYS}
    key = min(PRACTICE_KEYS, key=lambda name: _rank(name, standings[name]))
    return FocusSuggestion(key, tuple(_reasons(entries, key, today, standings)))


@dataclass(frozen=True)
class FocusOutcome:
    """Last check-in's chosen focus, and its rating when it was chosen."""

    practice: str
    chosen_at: IsoWeek
    before: int | None


def focus_outcome(entries: Sequence[WeekEntry], week: IsoWeek) -> FocusOutcome | None:
    """The focus chosen at the check-in before `week`, with its rating then."""
    earlier = [entry for entry in entries if entry.week < week]
    key = earlier[-1].focus if earlier else None
    if key is None:
        return None
    chosen = earlier[-1]
    return FocusOutcome(key, chosen.week, chosen.ratings[key])


@dataclass(frozen=True)
class FocusEffect:
    """Per practice: how often it was the focus, and how it moved after focus versus otherwise."""

    practice: str
    times_focused: int
    after_focus: float | None  # mean change at the next check-in after a focus
    after_focus_count: int
    otherwise: float | None  # mean change at the next check-in in other weeks
    otherwise_count: int


def focus_effects(entries: Sequence[WeekEntry]) -> list[FocusEffect]:
    """For each practice, its change after being the focus versus after other check-ins."""
    effects = []
    for key in PRACTICE_KEYS:
        focused: list[int] = []
        other: list[int] = []
        for before, after in pairwise(entries):
            first, second = before.ratings[key], after.ratings[key]
            if first is None or second is None:
                continue
            (focused if before.focus == key else other).append(second - first)
        effects.append(
            FocusEffect(
                key,
                sum(1 for entry in entries if entry.focus == key),
                fmean(focused) if focused else None,
                len(focused),
                fmean(other) if other else None,
                len(other),
            )
        )
    return effects


def compared(effect: FocusEffect) -> bool:
    """Whether `effect` has ENOUGH_EFFECT_SAMPLES pairs after a focus and as many otherwise."""
    return min(effect.after_focus_count, effect.otherwise_count) >= ENOUGH_EFFECT_SAMPLES


def _moved(mean: float | None) -> str:
    shown = round(mean or 0.0, 1)
    if shown == 0:
        return "no change"
    return f"{'up' if shown > 0 else 'down'} {abs(shown):.1f}"


def describe_effect(effect: FocusEffect, title: str) -> str:
    """One practice's comparison in a sentence (Markdown), for an effect that is `compared`."""
    return (
        f"**{title}**, your focus {plural(effect.times_focused, 'time')}: on average "
        f"{_moved(effect.after_focus)} at the check-in after a focus week "
        f"({plural(effect.after_focus_count, 'time')}), "
        f"{_moved(effect.otherwise)} after other check-ins "
        f"({plural(effect.otherwise_count, 'time')})."
    )


def effects_pending(effects: Sequence[FocusEffect], titles: Mapping[str, str]) -> str:
    """When the focus comparison will have something to say, and how far each practice is."""
    enough = ENOUGH_EFFECT_SAMPLES
    text = (
        f"Once a practice has been your focus at {enough} check-ins, each rated then and "
        f"at the next check-in, Closer compares how it moved after those with how it moved "
        f"after {enough} or more other check-ins."
    )
    started = [
        f"{titles[effect.practice]} {effect.after_focus_count} of {enough}"
        for effect in effects
        if 0 < effect.after_focus_count < enough
    ]
    if started:
        text += f" So far: {_joined(started)}."
    return text


def effects_left_out(effects: Sequence[FocusEffect], titles: Mapping[str, str]) -> str | None:
    """The practices without a comparison yet, in a sentence; None when every one has one."""
    left = [titles[effect.practice] for effect in effects if not compared(effect)]
    if not left:
        return None
    return f"Not enough focus weeks yet to compare {_joined(left)}."


def _joined(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"

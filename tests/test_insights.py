"""Insights: smoothed scores, trends, streaks, consistency, the focus suggestion and its effect.

Expected numbers are worked out by hand. The score is a weighted average of
the ratings in which each rating weighs d = 0.5 ** (1/4) = 0.840896 times the
one after it (d² = 0.707107, d³ = 0.594604, d⁴ = 0.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.entries import PRACTICE_KEYS, WeekEntry, make_entry
from lib.insights import (
    FocusEffect,
    FocusOutcome,
    FocusSuggestion,
    Trend,
    compared,
    consistency,
    describe_effect,
    effects_left_out,
    effects_pending,
    focus_effects,
    focus_outcome,
    focus_suggestion,
    focused_week,
    recent_focus_count,
    score,
    smoothed_scores,
    streak,
    trend,
    weeks_since_focus,
)
from lib.weeks import IsoWeek

# Tuesday 24 November 2026, in 2026-W48.
TODAY = date(2026, 11, 24)


def check_in(
    week: str, focus: str | None = None, rest: int | None = 7, **ratings: int | None
) -> WeekEntry:
    """One check-in: the named practices rated as given, every other one `rest`."""
    return make_entry(week, {**dict.fromkeys(PRACTICE_KEYS, rest), **ratings}, focus=focus)


def diary(
    last: str = "2026-W48",
    rest: int | None = 7,
    focus: Sequence[str | None] = (),
    **series: Sequence[int | None],
) -> list[WeekEntry]:
    """Check-ins in consecutive weeks ending at `last`, oldest first.

    Each keyword is one practice's ratings week by week; `focus` is the focus
    saved at each check-in (for the week after it). Other practices get `rest`.
    """
    count = max(len(focus), *(len(ratings) for ratings in series.values()))
    focus = list(focus) or [None] * count
    end = IsoWeek.parse(last)
    return [
        check_in(
            str(end.shifted(index - count + 1)),
            focus[index],
            rest,
            **{key: ratings[index] for key, ratings in series.items()},
        )
        for index in range(count)
    ]


def weekly(*weeks: str) -> list[WeekEntry]:
    """Plain check-ins (everything 7, no focus) for these weeks."""
    return [check_in(week) for week in weeks]


# --- smoothed_scores and score ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        pytest.param([], [], id="empty"),
        pytest.param([None, None], [None, None], id="all-skipped"),
        pytest.param([6], [6.0], id="first-rating-starts-the-score"),
        pytest.param([None, 6, None], [None, 6.0, 6.0], id="starts-at-first-rating-then-holds"),
        # (4d + 8) / (d + 1) = 11.363586 / 1.840896 = 6.172854
        pytest.param([4, None, 8], [4.0, 4.0, 6.172854], id="skipped-week-leaves-it"),
        # (2d + 10) / (d + 1): the second rating moves the score 1 / (1 + d) = 54% of the way.
        pytest.param([2, 10], [2.0, 6.345709], id="second-rating-weighs-more-than-the-first"),
        # The 4 weighs d⁴ = 0.5 at the end, each 8 weighs 1, d, d², d³ (3.142607 in all):
        # (0.5 × 4 + 3.142607 × 8) / 3.642607 = 7.450943.
        pytest.param(
            [4, 8, 8, 8, 8],
            [4.0, 6.172854, 6.889944, 7.243172, 7.450943],
            id="a-rating-weighs-half-four-ratings-later",
        ),
    ],
)
def test_smoothed_scores(ratings: list[int | None], expected: list[float | None]) -> None:
    scores = smoothed_scores(ratings)
    assert [None if value is None else round(value, 6) for value in scores] == expected


RATING_LISTS = st.lists(st.none() | st.integers(1, 10), max_size=30)


@given(RATING_LISTS)
def test_a_score_lies_between_the_lowest_and_highest_rating_so_far(
    ratings: list[int | None],
) -> None:
    for index, value in enumerate(smoothed_scores(ratings)):
        so_far = [rating for rating in ratings[: index + 1] if rating is not None]
        if not so_far:
            assert value is None
            continue
        assert value is not None
        assert min(so_far) - 1e-9 <= value <= max(so_far) + 1e-9


@given(st.integers(1, 10), st.lists(st.booleans(), min_size=1, max_size=30))
def test_the_same_rating_every_week_is_the_score(rating: int, skipped: list[bool]) -> None:
    ratings = [None if skip else rating for skip in skipped]
    for index, value in enumerate(smoothed_scores(ratings)):
        started = any(entry is not None for entry in ratings[: index + 1])
        assert value == (pytest.approx(rating) if started else None)


@given(RATING_LISTS, st.integers(1, 10))
def test_each_new_rating_moves_the_score_towards_it(ratings: list[int | None], rating: int) -> None:
    before = smoothed_scores(ratings)[-1] if ratings else None
    after = smoothed_scores([*ratings, rating])[-1]
    assert after is not None
    if before is None:
        assert after == rating
    else:
        assert min(before, rating) - 1e-9 <= after <= max(before, rating) + 1e-9


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param([], None, id="no-check-ins"),
        pytest.param(diary(presence=[None, None]), None, id="never-rated"),
        pytest.param(diary(presence=[8, None, None, 8]), 8.0, id="skipped-weeks-do-not-pull-down"),
        pytest.param(diary(presence=[5, None]), 5.0, id="latest-skipped-keeps-score"),
        pytest.param(diary(presence=[4, 8, 8, 8, 8]), 7.450943, id="half-life"),
    ],
)
def test_score(entries: list[WeekEntry], expected: float | None) -> None:
    assert score(entries, "presence") == pytest.approx(expected)


# --- trend --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        pytest.param([], Trend("unknown", None, 0), id="no-ratings"),
        pytest.param([None, None], Trend("unknown", None, 0), id="only-skipped"),
        pytest.param([6], Trend("unknown", None, 1), id="one-rating"),
        pytest.param([5, 7], Trend("rising", 2, 2), id="two-ratings-up-2"),
        pytest.param([5, 6, 7], Trend("rising", 2, 3), id="up-2-rising"),
        pytest.param([5, 9, 6], Trend("steady", 1, 3), id="up-1-steady-middle-ignored"),
        pytest.param([7, 6], Trend("steady", -1, 2), id="down-1-steady"),
        pytest.param([4, 6, 4], Trend("steady", 0, 3), id="back-where-it-was"),
        pytest.param([7, 5], Trend("falling", -2, 2), id="down-2-falling"),
        pytest.param([9, 9, 6], Trend("falling", -3, 3), id="down-3-falling"),
        # Only the last three ratings: 9 → 7 would be falling, 5 → 7 is rising.
        pytest.param([9, 1, 5, 6, 7], Trend("rising", 2, 3), id="window-is-last-three"),
        # Skipped weeks are not part of the window: the ratings are 8, 5, 6.
        pytest.param([8, 5, None, None, 6], Trend("falling", -2, 3), id="skipped-not-in-window"),
        pytest.param([3, None, 5, None], Trend("rising", 2, 2), id="two-ratings-among-skips"),
    ],
)
def test_trend(ratings: list[int | None], expected: Trend) -> None:
    entries = diary(presence=ratings) if ratings else []
    assert trend(entries, "presence") == expected


# --- streak and consistency ---------------------------------------------------------------

NEW_YEAR_2027 = date(2027, 1, 5)  # Tuesday of 2027-W01; 2026 has a week 53
NEW_YEAR_2021 = date(2021, 1, 5)  # Tuesday of 2021-W01; 2020 has a week 53


@pytest.mark.parametrize(
    ("today", "weeks", "expected"),
    [
        pytest.param(TODAY, [], 0, id="no-check-ins"),
        pytest.param(TODAY, ["2026-W48"], 1, id="only-this-week"),
        pytest.param(TODAY, ["2026-W46", "2026-W47", "2026-W48"], 3, id="three-up-to-now"),
        pytest.param(TODAY, ["2026-W46", "2026-W47"], 2, id="this-week-still-open"),
        pytest.param(TODAY, ["2026-W45", "2026-W47", "2026-W48"], 2, id="gap-ends-it"),
        pytest.param(TODAY, ["2026-W44", "2026-W45", "2026-W46"], 0, id="last-week-missed"),
        pytest.param(TODAY, ["2026-W30"], 0, id="only-older"),
        pytest.param(NEW_YEAR_2027, ["2026-W52", "2026-W53", "2027-W01"], 3, id="across-2026-W53"),
        pytest.param(NEW_YEAR_2027, ["2026-W52", "2026-W53"], 2, id="W53-then-week-open"),
        pytest.param(NEW_YEAR_2027, ["2026-W52", "2027-W01"], 1, id="missing-W53-is-a-gap"),
        pytest.param(NEW_YEAR_2021, ["2020-W52", "2020-W53", "2021-W01"], 3, id="across-2020-W53"),
        pytest.param(
            date(2026, 1, 6), ["2025-W51", "2025-W52", "2026-W01"], 3, id="across-52-week-year"
        ),
    ],
)
def test_streak(today: date, weeks: list[str], expected: int) -> None:
    assert streak(weekly(*weeks), today) == expected


@pytest.mark.parametrize(
    ("today", "weeks", "expected"),
    [
        pytest.param(TODAY, [], 0, id="no-check-ins"),
        pytest.param(TODAY, ["2026-W48"], 1, id="this-week-counts"),
        pytest.param(TODAY, [f"2026-W{n}" for n in range(37, 49)], 12, id="all-twelve"),
        pytest.param(TODAY, [f"2026-W{n}" for n in range(30, 49)], 12, id="older-not-counted"),
        pytest.param(TODAY, ["2026-W36"], 0, id="13-weeks-ago-too-old"),
        pytest.param(TODAY, ["2026-W37"], 1, id="12th-week-back-counts"),
        pytest.param(TODAY, ["2026-W40", "2026-W44", "2026-W47"], 3, id="with-gaps"),
        pytest.param(TODAY, ["2026-W48", "2026-W49"], 1, id="future-not-counted"),
        # 2027-W01 and the 11 weeks before it: 2026-W43 to 2026-W53.
        pytest.param(NEW_YEAR_2027, ["2026-W43", "2026-W53"], 2, id="window-spans-W53"),
        pytest.param(NEW_YEAR_2027, ["2026-W42"], 0, id="just-outside-across-W53"),
    ],
)
def test_consistency(today: date, weeks: list[str], expected: int) -> None:
    assert consistency(weekly(*weeks), today) == expected


# --- focus weeks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("week", "expected"),
    [("2026-W47", "2026-W48"), ("2026-W53", "2027-W01"), ("2020-W53", "2021-W01")],
)
def test_a_focus_is_for_the_week_after_its_check_in(week: str, expected: str) -> None:
    assert str(focused_week(check_in(week, focus="space"))) == expected


@pytest.mark.parametrize(
    ("today", "focus_chosen_at", "expected"),
    [
        pytest.param(TODAY, [], None, id="never"),
        pytest.param(TODAY, ["2026-W47"], 0, id="this-weeks-focus"),
        pytest.param(TODAY, ["2026-W45"], 2, id="two-weeks-ago"),
        pytest.param(TODAY, ["2026-W40", "2026-W45"], 2, id="latest-counts"),
        pytest.param(TODAY, ["2026-W48"], None, id="chosen-now-is-for-next-week"),
        pytest.param(NEW_YEAR_2027, ["2026-W52"], 1, id="for-W53-seen-from-W01"),
    ],
)
def test_weeks_since_focus(today: date, focus_chosen_at: list[str], expected: int | None) -> None:
    entries = [check_in(week, focus="space") for week in focus_chosen_at]
    assert weeks_since_focus(entries, "space", today) == expected
    assert weeks_since_focus(entries, "mystery", today) is None


@pytest.mark.parametrize(
    ("focus_chosen_at", "expected"),
    [
        pytest.param([], 0, id="never"),
        pytest.param(["2026-W45", "2026-W46", "2026-W47"], 3, id="last-three-weeks"),
        pytest.param(["2026-W44", "2026-W45"], 1, id="only-W46-is-in-the-window"),
        pytest.param(["2026-W42", "2026-W43", "2026-W44"], 0, id="too-long-ago"),
        pytest.param(["2026-W48"], 0, id="chosen-now-is-for-next-week"),
    ],
)
def test_recent_focus_count(focus_chosen_at: list[str], expected: int) -> None:
    entries = [check_in(week, focus="space") for week in focus_chosen_at]
    assert recent_focus_count(entries, "space", TODAY) == expected
    assert recent_focus_count(entries, "mystery", TODAY) == 0


# --- focus_suggestion ---------------------------------------------------------------------

NEVER = "never a focus so far"
SPACE_3X = ["space", "space", "space", None]  # the focus for 2026-W46, W47 and W48


@pytest.mark.parametrize(
    ("entries", "practice", "reasons"),
    [
        # presence 6, 5, 3: (6d² + 5d + 3) / (d² + d + 1) = 11.447122 / 2.548003 = 4.492586.
        pytest.param(
            diary(presence=[6, 5, 3]),
            "presence",
            ("lowest score of the six (4.5)", "down 3 points over your last 3 check-ins", NEVER),
            id="clearly-lowest-and-falling",
        ),
        # connection 8, 8, 5: 8 - 3 / 2.548003 = 6.822607, need 3.177393 + 0.5 × 3 = 4.677393;
        # mystery 6: need 4. Average (6.822607 + 6 + 4 × 8) / 6 = 7.470435.
        pytest.param(
            diary(rest=8, connection=[8, 8, 5], mystery=[6, 6, 6]),
            "connection",
            (
                "score 6.8, below your average of 7.5",
                "down 3 points over your last 3 check-ins",
                NEVER,
            ),
            id="steep-fall-beats-slightly-lower",
        ),
        # connection 7, 7, 6: 7 - 1 / 2.548003 = 6.607536, need 3.392464 + 0.5 × 1 = 3.892464;
        # mystery 6, 6, 7: 6 + 1 / 2.548003 = 6.392464, need 3.607536.
        # Average (6.607536 + 6.392464 + 4 × 7) / 6 = 6.833333.
        pytest.param(
            diary(connection=[7, 7, 6], mystery=[6, 6, 7]),
            "connection",
            ("score 6.6, below your average of 6.8", NEVER),
            id="a-one-point-drop-still-adds-need",
        ),
        pytest.param(
            diary(mystery=[5, 5, 5], space=[5, 5, 5]),
            "mystery",
            ("joint lowest score (5.0)", NEVER),
            id="tie-goes-to-article-order",
        ),
        pytest.param(
            diary(connection=[7, 7, 7]),
            "connection",
            ("joint lowest score (7.0)", NEVER),
            id="all-equal-first-in-article-order",
        ),
        # space 4 with focus for W47 and W48: need 6 - 2 × 1.5 = 3; mystery 7: need 3.
        pytest.param(
            diary(rest=9, space=[4, 4, 4], mystery=[7, 7, 7], focus=["space", "space", None]),
            "space",
            ("lowest score of the six (4.0)", "already this week's focus"),
            id="equal-need-lower-score-wins",
        ),
        # connection and mystery both 5; connection was the focus for W44 (4 weeks ago).
        pytest.param(
            diary(
                rest=8,
                connection=[5] * 6,
                mystery=[5] * 6,
                focus=[None, "connection", None, None, None, None],
            ),
            "mystery",
            ("joint lowest score (5.0)", NEVER),
            id="equal-never-focus-beats-article-order",
        ),
        # connection was the focus for W42 (6 weeks ago), mystery for W44 (4 weeks ago).
        pytest.param(
            diary(
                rest=8,
                connection=[5] * 8,
                mystery=[5] * 8,
                focus=["connection", None, "mystery", None, None, None, None, None],
            ),
            "connection",
            ("joint lowest score (5.0)", "not a focus in the last 6 weeks"),
            id="equal-longer-since-focus-wins",
        ),
        # The focus for W43 to W45 is outside the 3-week window (W46 to W48): no penalty.
        pytest.param(
            diary(
                rest=8,
                space=[5] * 7,
                mystery=[6] * 7,
                focus=["space", "space", "space", None, None, None, None],
            ),
            "space",
            ("lowest score of the six (5.0)", "last a focus 3 weeks ago"),
            id="older-focus-no-penalty",
        ),
        pytest.param(
            diary(rest=8, space=[5] * 4, mystery=[6] * 4),
            "space",
            ("lowest score of the six (5.0)", NEVER),
            id="no-focus-history-lowest-wins",
        ),
        # space 5 was the focus for W46 to W48: need 5 - 3 × 1.5 = 0.5; mystery 6: need 4.
        # Average (5 + 6 + 4 × 8) / 6 = 7.166667.
        pytest.param(
            diary(rest=8, space=[5] * 4, mystery=[6] * 4, focus=SPACE_3X),
            "mystery",
            (
                "score 6.0, below your average of 7.2",
                "Creating space scores lower but was your focus for 3 weeks lately, "
                "so this one gets a turn",
                NEVER,
            ),
            id="focus-that-does-not-move-hands-over",
        ),
        # One week of focus: need 5 - 1.5 = 3.5 < 4.
        pytest.param(
            diary(rest=8, space=[5] * 4, mystery=[6] * 4, focus=[None, None, "space", None]),
            "mystery",
            (
                "score 6.0, below your average of 7.2",
                "Creating space scores lower but was your focus for 1 week lately, "
                "so this one gets a turn",
                NEVER,
            ),
            id="one-focus-week-outweighs-one-point",
        ),
        # space 2 after 3 focus weeks: need 8 - 4.5 = 3.5; mystery 7: need 3.
        pytest.param(
            diary(rest=8, space=[2] * 4, mystery=[7] * 4, focus=SPACE_3X),
            "space",
            ("lowest score of the six (2.0)", "already this week's focus"),
            id="far-lower-wins-despite-penalty",
        ),
        pytest.param(
            [check_in("2026-W48", space=3)],
            "space",
            ("lowest score of the six (3.0)", NEVER, "based on only 1 check-in so far"),
            id="thin-one-check-in",
        ),
        # presence 6, 4: (6d + 4) / (d + 1) = 4.913573.
        pytest.param(
            diary(presence=[6, 4]),
            "presence",
            (
                "lowest score of the six (4.9)",
                "down 2 points over your last 2 check-ins",
                NEVER,
                "based on only 2 check-ins so far",
            ),
            id="thin-two-check-ins",
        ),
        pytest.param(
            diary(rest=10, connection=[None, None, None]),
            "associations",
            ("joint lowest score (10.0)", NEVER),
            id="rated-at-10-beats-never-rated",
        ),
        # space 10 after 3 focus weeks: need 0 - 4.5 = -4.5, still ahead of never-rated.
        pytest.param(
            diary(rest=None, space=[10] * 4, focus=SPACE_3X),
            "space",
            ("the only practice rated so far (10.0)", "already this week's focus"),
            id="penalised-but-rated-beats-never-rated",
        ),
        pytest.param(
            diary(rest=None, connection=[None, None]),
            "connection",
            ("not rated yet, so there is room to start", NEVER, "based on only 2 check-ins so far"),
            id="nothing-rated-yet",
        ),
    ],
)
def test_focus_suggestion(
    entries: list[WeekEntry], practice: str, reasons: tuple[str, ...]
) -> None:
    assert focus_suggestion(entries, TODAY) == FocusSuggestion(practice, reasons)


def test_no_focus_suggestion_before_any_check_in() -> None:
    assert focus_suggestion([], TODAY) is None


@st.composite
def diaries(draw: st.DrawFn) -> list[WeekEntry]:
    """Up to 10 check-ins in 2026 up to this week, oldest first, any ratings and focus."""
    weeks = draw(st.lists(st.integers(1, 48), unique=True, max_size=10))
    rating = st.none() | st.integers(1, 10)
    return [
        make_entry(
            IsoWeek(2026, week),
            {key: draw(rating) for key in PRACTICE_KEYS},
            focus=draw(st.none() | st.sampled_from(PRACTICE_KEYS)),
        )
        for week in sorted(weeks)
    ]


@given(diaries())
def test_focus_suggestion_is_one_practice_and_the_same_every_time(
    entries: list[WeekEntry],
) -> None:
    suggestion = focus_suggestion(entries, TODAY)
    assert suggestion == focus_suggestion(entries, TODAY)
    if not entries:
        assert suggestion is None
        return
    assert suggestion is not None
    assert suggestion.practice in PRACTICE_KEYS
    assert suggestion.reasons
    thin = any(reason.startswith("based on only") for reason in suggestion.reasons)
    assert thin == (len(entries) < 3)
    if any(entry.rated for entry in entries):
        assert any(entry.ratings[suggestion.practice] is not None for entry in entries)


@pytest.mark.parametrize(
    ("entries", "practice", "first_reason"),
    [
        # connection 10, 10, 1: 10 - 9 / 2.548003 = 6.467822, need 3.532178 + 4.5 = 8.03 > 5.
        # Average (6.467822 + 5 × 5) / 6 = 5.244637: above it, so the score stands alone.
        pytest.param(
            diary(rest=5, connection=[10, 10, 1]), "connection", "score 6.5", id="steep-fall"
        ),
        # space 1 after 3 focus weeks: need 9 - 4.5 = 4.5 < 5, so connection (5.0) is
        # suggested. Average (1 + 5 × 5) / 6 = 4.333333: above it again.
        pytest.param(
            diary(rest=5, space=[1] * 4, focus=SPACE_3X), "connection", "score 5.0", id="penalty"
        ),
        # space 2 after 3 focus weeks: need 8 - 4.5 = 3.5 < 4, so mystery (6.0) is suggested.
        # Average (2 + 6 + 4 × 8) / 6 = 6.666667: below it, and the reason says so.
        pytest.param(
            diary(rest=8, space=[2] * 4, mystery=[6] * 4, focus=SPACE_3X),
            "mystery",
            "score 6.0, below your average of 6.7",
            id="below-average",
        ),
    ],
)
def test_a_score_is_called_below_average_only_when_it_is(
    entries: list[WeekEntry], practice: str, first_reason: str
) -> None:
    # The first reason must not call a score above the average "below your average".
    suggestion = focus_suggestion(entries, TODAY)
    assert suggestion is not None
    assert (suggestion.practice, suggestion.reasons[0]) == (practice, first_reason)


# --- focus_outcome ------------------------------------------------------------------------

W46, W47, W48 = IsoWeek(2026, 46), IsoWeek(2026, 47), IsoWeek(2026, 48)


@pytest.mark.parametrize(
    ("entries", "week", "expected"),
    [
        pytest.param(
            [check_in("2026-W47", "presence", presence=5), check_in("2026-W48", presence=7)],
            W48,
            FocusOutcome("presence", W47, 5),
            id="before-and-after",
        ),
        pytest.param(
            [check_in("2026-W46", mystery=4), check_in("2026-W47", "mystery", mystery=4)],
            W48,
            FocusOutcome("mystery", W47, 4),
            id="week-not-checked-in-yet",
        ),
        pytest.param(
            [check_in("2026-W44", "space", space=3), check_in("2026-W48", space=6)],
            W48,
            FocusOutcome("space", IsoWeek(2026, 44), 3),
            id="previous-check-in-weeks-ago",
        ),
        pytest.param(
            [
                check_in("2026-W46", "connection"),
                check_in("2026-W47", "presence"),
                check_in("2026-W48", "space"),
            ],
            W47,
            FocusOutcome("connection", W46, 7),
            id="only-the-check-in-before-week",
        ),
        pytest.param(
            [check_in("2026-W47", "presence", presence=None), check_in("2026-W48", presence=None)],
            W48,
            FocusOutcome("presence", W47, None),
            id="skipped-ratings",
        ),
        pytest.param([check_in("2026-W48", "presence")], W48, None, id="no-previous-check-in"),
        pytest.param([], W48, None, id="no-check-ins"),
        pytest.param(
            [check_in("2026-W46", "presence"), check_in("2026-W47"), check_in("2026-W48")],
            W48,
            None,
            id="previous-check-in-had-no-focus",
        ),
    ],
)
def test_focus_outcome(
    entries: list[WeekEntry], week: IsoWeek, expected: FocusOutcome | None
) -> None:
    assert focus_outcome(entries, week) == expected


# --- focus_effects ------------------------------------------------------------------------

# presence:  5    6    6    8    7    7    9    8
# focus:     P    -    P    M    -    P    -    -
# changes:    +1   0   +2   -1    0   +2   -1
# after a presence focus: +1, +2, +2 (mean 5/3); otherwise: 0, -1, 0, -1 (mean -1/2).
EFFECT_DIARY = diary(
    presence=[5, 6, 6, 8, 7, 7, 9, 8],
    focus=["presence", None, "presence", "mystery", None, "presence", None, None],
)


def test_focus_effects_compares_change_after_focus_with_other_weeks() -> None:
    effects = {effect.practice: effect for effect in focus_effects(EFFECT_DIARY)}
    assert [effect.practice for effect in focus_effects(EFFECT_DIARY)] == list(PRACTICE_KEYS)
    presence = effects["presence"]
    assert presence.times_focused == 3
    assert presence.after_focus == pytest.approx(5 / 3)
    assert presence.after_focus_count == 3
    assert presence.otherwise == pytest.approx(-0.5)
    assert presence.otherwise_count == 4
    # mystery stayed at 7: one pair after its focus, six otherwise.
    assert effects["mystery"] == FocusEffect("mystery", 1, 0.0, 1, 0.0, 6)
    assert effects["space"] == FocusEffect("space", 0, None, 0, 0.0, 7)


def test_focus_effects_ignores_pairs_with_a_skipped_rating() -> None:
    # Pairs (5, -), (-, 6), (6, 8), (8, -): only 6 → 8 counts, and it followed no focus.
    entries = diary(
        presence=[5, None, 6, 8, None], focus=["presence", "presence", None, None, None]
    )
    presence = focus_effects(entries)[PRACTICE_KEYS.index("presence")]
    assert presence == FocusEffect("presence", 2, None, 0, 2.0, 1)


def test_focus_effects_with_no_check_ins() -> None:
    assert focus_effects([]) == [FocusEffect(key, 0, None, 0, None, 0) for key in PRACTICE_KEYS]


TITLES = {key: f"Practice {key}" for key in PRACTICE_KEYS}
PENDING = (
    "Once a practice has been your focus at 3 check-ins, each rated then and at the next "
    "check-in, Closer compares how it moved after those with how it moved after 3 or more "
    "other check-ins."
)


@pytest.mark.parametrize(
    ("after_focus", "otherwise", "expected"),
    [
        pytest.param(0, 0, False, id="nothing"),
        pytest.param(2, 9, False, id="two-after-focus"),
        pytest.param(5, 2, False, id="two-otherwise"),
        pytest.param(3, 3, True, id="three-each"),
    ],
)
def test_an_effect_is_compared_from_three_pairs_on_each_side(
    after_focus: int, otherwise: int, expected: bool
) -> None:
    effect = FocusEffect("space", after_focus, 0.5, after_focus, 0.0, otherwise)
    assert compared(effect) is expected


def test_a_compared_effect_is_one_sentence_in_words() -> None:
    presence = focus_effects(EFFECT_DIARY)[PRACTICE_KEYS.index("presence")]
    assert describe_effect(presence, "Being present") == (
        "**Being present**, your focus 3 times: on average up 1.7 at the check-in after a "
        "focus week (3 times), down 0.5 after other check-ins (4 times)."
    )
    still = FocusEffect("space", 3, 0.04, 3, -0.04, 3)
    assert describe_effect(still, "Creating space") == (
        "**Creating space**, your focus 3 times: on average no change at the check-in after a "
        "focus week (3 times), no change after other check-ins (3 times)."
    )


def test_until_a_comparison_one_line_says_when_and_how_far_each_practice_is() -> None:
    assert effects_pending(focus_effects([]), TITLES) == PENDING
    # presence was the focus at two check-ins, each followed by a rated one; space at one.
    entries = diary(presence=[5, 6, 7], space=[5, 5, 5], focus=["presence", "presence", "space"])
    assert effects_pending(focus_effects(entries), TITLES) == (
        f"{PENDING} So far: Practice presence 2 of 3."
    )


def test_practices_not_yet_compared_are_named() -> None:
    effects = {effect.practice: effect for effect in focus_effects(EFFECT_DIARY)}
    assert compared(effects["presence"])
    others = [TITLES[key] for key in PRACTICE_KEYS if key != "presence"]
    assert effects_left_out(list(effects.values()), TITLES) == (
        f"Not enough focus weeks yet to compare {', '.join(others[:-1])} and {others[-1]}."
    )
    everyone = [FocusEffect(key, 3, 1.0, 3, 0.0, 3) for key in PRACTICE_KEYS]
    assert effects_left_out(everyone, TITLES) is None


def test_a_rise_is_never_given_as_a_reason_to_focus() -> None:
    # mystery is lowest while climbing 2, 3, 4 (+2 over 3 check-ins, a "rising" trend):
    # its score is the reason, and its rise is not mentioned at all.
    entries = diary(rest=8, mystery=[2, 3, 4])
    assert trend(entries, "mystery").direction == "rising"
    suggestion = focus_suggestion(entries, TODAY)
    assert suggestion == FocusSuggestion("mystery", ("lowest score of the six (3.1)", NEVER))


def test_a_focus_already_chosen_for_next_week_is_said_so() -> None:
    # Chosen at this week's (W48) check-in, so it is for W49 and carries no penalty yet.
    entries = diary(rest=8, space=[3, 3, 3], focus=[None, None, "space"])
    suggestion = focus_suggestion(entries, TODAY)
    assert suggestion is not None
    assert suggestion.practice == "space"
    assert "already chosen as next week's focus" in suggestion.reasons
    assert NEVER not in suggestion.reasons

"""Every colour a chart draws with has 3:1 on the light and the dark page (WCAG 1.4.11)."""

from itertools import pairwise

import pytest

from lib.chart_colours import (
    BACKGROUNDS,
    DARK_BACKGROUND,
    GRAPHICS_CONTRAST,
    LIGHT_BACKGROUND,
    NEUTRAL,
    PALETTE,
    RATING_RAMP,
    SKIPPED_FILL,
    TEXT,
    TEXT_CONTRAST,
    TEXT_ON,
    UNSELECTED_OPACITY,
    lowest_contrast,
)
from lib.contrast import blend, contrast_ratio, interpolate, relative_luminance
from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN

# Shares between two ramp stops at which the legend's gradient is sampled.
BLENDS = [step / 10 for step in range(11)]


@pytest.mark.parametrize("colour", [*PALETTE, NEUTRAL, SKIPPED_FILL, *RATING_RAMP])
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_every_chart_colour_has_three_to_one_on_both_pages(colour: str, background: str) -> None:
    assert contrast_ratio(colour, background) >= GRAPHICS_CONTRAST


def test_the_old_colours_fail_where_the_new_ones_pass() -> None:
    # What part 9's audit measured: Okabe–Ito orange and sky blue on white, viridis
    # ends on both pages, and the pale skipped grey.
    assert lowest_contrast("#E69F00") < GRAPHICS_CONTRAST
    assert lowest_contrast("#56B4E9") < GRAPHICS_CONTRAST
    assert lowest_contrast("#440154") < GRAPHICS_CONTRAST
    assert lowest_contrast("#FDE725") < GRAPHICS_CONTRAST
    assert lowest_contrast("#BDBDBD") < GRAPHICS_CONTRAST
    assert min(lowest_contrast(colour) for colour in PALETTE) >= GRAPHICS_CONTRAST


def test_one_colour_per_practice_and_no_two_alike() -> None:
    assert len(PALETTE) == len(PRACTICE_KEYS)
    assert len({colour.lower() for colour in PALETTE}) == len(PALETTE)


def test_the_ramp_has_a_stop_per_rating_and_gets_lighter_with_it() -> None:
    assert len(RATING_RAMP) == RATING_MAX - RATING_MIN + 1
    lightness = [relative_luminance(colour) for colour in RATING_RAMP]
    assert lightness == sorted(lightness)


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_every_colour_between_ramp_stops_has_three_to_one(background: str) -> None:
    samples = [
        interpolate(first, second, share)
        for first, second in pairwise(RATING_RAMP)
        for share in BLENDS
    ]
    assert min(contrast_ratio(colour, background) for colour in samples) >= GRAPHICS_CONTRAST


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_skipped_dash_in_the_page_text_colour_reads_on_the_grey(background: str) -> None:
    assert contrast_ratio(TEXT_ON[background], SKIPPED_FILL) >= GRAPHICS_CONTRAST


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_text_in_charts_is_the_page_text_colour_with_four_and_a_half_to_one(
    background: str,
) -> None:
    assert TEXT == "currentColor"
    assert contrast_ratio(TEXT_ON[background], background) >= TEXT_CONTRAST


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_a_legend_label_not_picked_out_stays_readable(background: str) -> None:
    faded = blend(TEXT_ON[background], background, UNSELECTED_OPACITY)
    assert contrast_ratio(faded, background) >= TEXT_CONTRAST
    assert UNSELECTED_OPACITY < 1, "still fainter than the one picked out"


def test_lowest_contrast_counts_the_faded_colour_on_each_page() -> None:
    assert lowest_contrast("#767676") == pytest.approx(
        min(contrast_ratio("#767676", LIGHT_BACKGROUND), contrast_ratio("#767676", DARK_BACKGROUND))
    )
    assert lowest_contrast(PALETTE[0], opacity=0.35) < GRAPHICS_CONTRAST
    assert lowest_contrast(PALETTE[0], opacity=0) == 1

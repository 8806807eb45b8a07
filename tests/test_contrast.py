"""WCAG contrast: known pairs, the formula's edges, and blending."""

import pytest

from lib.contrast import (
    blend,
    channels,
    contrast_ratio,
    hex_colour,
    interpolate,
    relative_luminance,
)


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#000000", 21.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes 4.5:1 on white
        ("#777777", "#ffffff", 4.48),
        ("#808495", "#ffffff", 3.72),  # Streamlit's light chart text, which fails 4.5:1
        ("#E69F00", "#ffffff", 2.25),  # Okabe–Ito orange, too light for white
        ("#0072B2", "#171614", 3.49),
        ("#123456", "#123456", 1.0),
    ],
)
def test_contrast_ratio_of_known_pairs(first: str, second: str, ratio: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.005)


def test_relative_luminance_runs_from_black_to_white() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)
    # The low end of a channel is linear: 10/255 is below sRGB's knee.
    assert relative_luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)


@pytest.mark.parametrize("text", ["#fff", "ffffff", "#gggggg", "currentColor", ""])
def test_only_six_digit_hex_colours_are_read(text: str) -> None:
    with pytest.raises(ValueError, match="is not a #rrggbb colour"):
        channels(text)


def test_hex_colour_round_trips_and_clamps() -> None:
    assert hex_colour(*channels("#4960C0")) == "#4960c0"
    assert hex_colour(1.2, -0.1, 0.5) == "#ff0080"


def test_blend_draws_a_colour_at_an_opacity_over_the_background() -> None:
    assert blend("#000000", "#ffffff", 1) == "#000000"
    assert blend("#000000", "#ffffff", 0) == "#ffffff"
    assert blend("#000000", "#ffffff", 0.5) == "#808080"
    assert interpolate("#000000", "#ffffff", 0.25) == "#404040"

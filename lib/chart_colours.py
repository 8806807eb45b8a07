"""The colours Closer's charts draw with: each reads on Streamlit's light and its dark page.

A chart never knows the theme: Streamlit's `st.context.theme` is unreliable on a
session's first run, so no colour here depends on it. Instead

- text in a chart is SVG's `currentColor`, the page's own text colour in either
  theme (Vega writes it through to the SVG, and Streamlit's theme sets it);
- every graphic that carries meaning has at least 3:1 contrast (WCAG 1.4.11)
  against both backgrounds, which holds for relative luminance from about
  0.125 to 0.30: mid-tones, neither pale nor deep.
"""

from __future__ import annotations

from lib.contrast import blend, contrast_ratio

# Streamlit 1.67's page background and body text, light and dark, as Chromium draws them.
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#171614"
BACKGROUNDS = (LIGHT_BACKGROUND, DARK_BACKGROUND)
LIGHT_TEXT = "#2f2d2b"
DARK_TEXT = "#edebe8"
# What `TEXT` becomes on each background.
TEXT_ON = {LIGHT_BACKGROUND: LIGHT_TEXT, DARK_BACKGROUND: DARK_TEXT}
TEXT = "currentColor"
GRAPHICS_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
# A legend entry not picked out fades to this opacity (Vega-Lite's default, 0.35,
# left its label at 2:1): faint enough to show the pick, and its label keeps 4.5:1.
UNSELECTED_OPACITY = 0.7

# One colour per practice, in practice order: ochre, teal, green, indigo, rust, plum.
# Inside the luminance band the lightness can vary only a little, so they differ
# mostly in hue, picked to stay apart (CIEDE2000) under simulated deuteranopia,
# protanopia and tritanopia as well as for typical colour vision, and they keep
# the hues the first palette (Okabe–Ito) gave each practice where the band allows.
PALETTE: tuple[str, ...] = ("#C2860B", "#079BB1", "#1F8359", "#4960C0", "#AF4616", "#9A4F7D")
# Things that are not a practice: the average's ghost edge, the midpoint line.
NEUTRAL = "#8C8C8C"
# A skipped heatmap cell: a warm mid grey, where a dash in the page's text colour
# still has 3:1 in both themes (the grey sits between the two text colours).
SKIPPED_FILL = "#7D7A75"
# Ratings 1 to 10 on the heatmap, one stop each: lightness rises with the rating
# (as far as the band allows) while the hue turns from blue through teal and green
# to gold, like viridis, so the order reads for colour-blind eyes too.
RATING_RAMP: tuple[str, ...] = (
    "#3067B8",
    "#1C72A9",
    "#057B99",
    "#06838A",
    "#138A7B",
    "#378F6C",
    "#56925C",
    "#74934B",
    "#929339",
    "#AE9122",
)
# How the heatmap's scale blends between two stops (its legend shows the blends).
RAMP_INTERPOLATION = "rgb"


def lowest_contrast(colour: str, opacity: float = 1.0) -> float:
    """The lower of `colour`'s contrast on the two backgrounds, drawn at `opacity`."""
    return min(
        contrast_ratio(blend(colour, background, opacity), background) for background in BACKGROUNDS
    )

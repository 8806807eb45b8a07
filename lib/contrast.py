"""WCAG 2.2 contrast: the relative luminance of an sRGB colour and the ratio between two.

Colours are `#rrggbb` strings. The formulas are WCAG's own (Understanding 1.4.3,
"relative luminance"), so a ratio here is the one a contrast checker reports.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")
# Below this an sRGB channel is linear; WCAG 2.2 writes 0.03928, the sRGB standard
# 0.04045, and no 8-bit channel falls between the two.
_LINEAR_LIMIT = 0.04045


def channels(colour: str) -> tuple[float, float, float]:
    """`#rrggbb` as red, green and blue from 0 to 1."""
    match = _HEX.match(colour)
    if match is None:
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    digits = match.group(1)
    red, green, blue = (int(digits[start : start + 2], 16) / 255 for start in (0, 2, 4))
    return red, green, blue


def hex_colour(red: float, green: float, blue: float) -> str:
    """Channels from 0 to 1 as `#rrggbb` (rounded to the nearest 8-bit value)."""
    clamped = (min(max(value, 0.0), 1.0) for value in (red, green, blue))
    return "#" + "".join(f"{round(value * 255):02x}" for value in clamped)


def _linear(value: float) -> float:
    if value <= _LINEAR_LIMIT:
        return value / 12.92
    return ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """How light `colour` is to the eye, from 0 (black) to 1 (white)."""
    red, green, blue = (_linear(value) for value in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    """The colour seen where `colour` is drawn at `opacity` over `background`."""
    return hex_colour(
        *(
            opacity * top + (1 - opacity) * bottom
            for top, bottom in zip(channels(colour), channels(background), strict=True)
        )
    )


def interpolate(first: str, second: str, share: float) -> str:
    """The colour `share` of the way from `first` to `second`, as Vega's "rgb" interpolation."""
    return blend(second, first, share)

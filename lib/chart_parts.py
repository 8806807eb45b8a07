"""What every chart is made of: a title, one layered chart with Closer's text colour, picks.

Kept apart from the builders (lib/charts.py) and made the cheap way for Altair:
the chart in one constructor call, each layer named, each conditional opacity
made as its channel object (see `layered` and `picked_opacity`).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
from altair.utils.schemapi import UndefinedType

from lib.chart_colours import TEXT, UNSELECTED_OPACITY


def title(text: str, *subtitle: str) -> alt.Title:
    """A left-aligned title; each subtitle line short enough for a phone."""
    return alt.Title(text, subtitle=list(subtitle), anchor="start")


def layered(
    name: str,
    layers: Sequence[alt.Chart],
    title: alt.Title,
    description: str,
    height: object,
    autosize: alt.AutoSizeParams | UndefinedType = alt.Undefined,
) -> alt.LayerChart:
    """The layers as one chart, titled, described and full width, its text in the page's colour.

    A chart's own config wins over Streamlit's theme, whose light grey (#808495)
    has only 3.7:1 on white; `currentColor` is the page's text colour in either theme.
    Everything goes into one constructor call: each of Altair's `.properties()` and
    `.configure_*()` copies the whole chart and combines its layers again. Each
    layer is named `name_0`, `name_1`…: Altair names an unnamed one by hashing its
    whole spec, data included. Both took most of the time a chart took to build.
    """
    return alt.LayerChart(
        layer=[layer.properties(name=f"{name}_{index}") for index, layer in enumerate(layers)],
        title=title,
        description=description,
        width="container",
        height=height,
        autosize=autosize,
        config=alt.Config(
            axis=alt.AxisConfig(labelColor=TEXT, titleColor=TEXT),
            legend=alt.LegendConfig(
                labelColor=TEXT, titleColor=TEXT, unselectedOpacity=UNSELECTED_OPACITY
            ),
            title=alt.TitleConfig(color=TEXT, subtitleColor=TEXT),
        ),
    )


def picked_opacity(pick: alt.Parameter, picked: float, other: float) -> alt.OpacityValue:
    """Opacity `picked` for what `pick` selects (or everything, when nothing is), else `other`.

    What `alt.condition` gives, made as the channel object itself: from the
    plain dict `alt.condition` returns, `.encode()` searches Altair's whole
    schema for the class, which took a tenth of the trend's building time.
    """
    return alt.OpacityValue(value=other, condition={"param": pick.name, "value": picked})

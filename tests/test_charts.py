"""Chart builders: valid Vega-Lite on 0, 1, 2 and 520 weeks, and what each chart promises."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import pytest

from lib.chart_colours import (
    GRAPHICS_CONTRAST,
    PALETTE,
    RAMP_INTERPOLATION,
    RATING_RAMP,
    SKIPPED_FILL,
    TEXT,
    UNSELECTED_OPACITY,
    lowest_contrast,
)
from lib.chart_text import NO_CHECK_INS
from lib.charts import (
    BREAK_AT_NULLS,
    LABEL,
    LEGEND_PICK,
    WEEK_PICK,
    heatmap_chart,
    overall_chart,
    practice_history_chart,
    trend_chart,
    wheel_chart,
)
from lib.entries import PRACTICE_KEYS, RATING_MAX, RATING_MIN, WeekEntry, make_entry
from lib.frames import history_frame, overall_frame, wheel_frame
from lib.weeks import IsoWeek

TITLES = {key: f"{key.replace('_', ' ').capitalize()} practice" for key in PRACTICE_KEYS}
TITLES_IN_ORDER = [TITLES[key] for key in PRACTICE_KEYS]
LATEST = IsoWeek(2026, 48)
SIZES = [0, 1, 2, 520]
# 520 weeks of six practices inline; well under Streamlit's message limit.
MAX_SPEC_CHARS = 750_000
# Channels that reuse their primary channel's type and take none of their own.
SECONDARY_CHANNELS = {"x2", "y2", "theta2", "radius2", "latitude2", "longitude2"}


def weeks_of_entries(count: int) -> list[WeekEntry]:
    """`count` weeks up to LATEST: every 9th week missed, some ratings skipped; no randomness."""
    entries = []
    for offset in range(count - 1, -1, -1):
        if count > 2 and offset % 9 == 4:
            continue
        ratings: dict[str, int | None] = {
            key: None if (offset + order) % 11 == 0 else (offset * 7 + order * 3) % 10 + 1
            for order, key in enumerate(PRACTICE_KEYS, start=1)
        }
        entries.append(make_entry(LATEST.shifted(-offset), ratings))
    return entries


def history_of(weeks: int) -> pd.DataFrame:
    """The history frame of `weeks` generated weeks."""
    return history_frame(weeks_of_entries(weeks), TITLES)


def build_trend(weeks: int) -> alt.LayerChart:
    return trend_chart(history_of(weeks))


def build_wheel(weeks: int) -> alt.LayerChart:
    return wheel_chart(wheel_frame(weeks_of_entries(weeks), TITLES, LATEST))


def build_heatmap(weeks: int) -> alt.LayerChart:
    return heatmap_chart(history_of(weeks))


def build_overall(weeks: int) -> alt.LayerChart:
    return overall_chart(overall_frame(history_of(weeks)))


def build_practice_history(weeks: int) -> alt.LayerChart:
    return practice_history_chart(history_of(weeks), "space")


BUILDERS: dict[str, Callable[[int], alt.LayerChart]] = {
    "trend": build_trend,
    "wheel": build_wheel,
    "heatmap": build_heatmap,
    "overall": build_overall,
    "practice_history": build_practice_history,
}


def encodings(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (channel, definition) in the spec's layers, tooltip lists and conditions unrolled."""
    for layer in spec.get("layer", [spec]):
        for channel, definition in layer.get("encoding", {}).items():
            for item in definition if isinstance(definition, list) else [definition]:
                yield channel, item
                condition = item.get("condition")
                if isinstance(condition, dict):
                    yield channel, condition


def layer_data(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline rows a layer draws."""
    source = layer.get("data", spec.get("data"))
    return spec["datasets"][source["name"]]


def layers_where(spec: dict[str, Any], **wanted: Any) -> list[dict[str, Any]]:
    """Layers whose mark has all of `wanted` (e.g. type="line")."""
    return [
        layer
        for layer in spec["layer"]
        if all(layer["mark"].get(key) == value for key, value in wanted.items())
    ]


def colour_encodings(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every practice-title colour encoding, once each (layers share theirs)."""
    found: list[dict[str, Any]] = []
    for channel, definition in encodings(spec):
        is_practice = channel == "color" and definition.get("field") == "practice_title"
        if is_practice and definition not in found:
            found.append(definition)
    return found


def colour_scales(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The scale of every practice-title colour encoding."""
    return [definition.get("scale", {}) for definition in colour_encodings(spec)]


# -- every builder, every size -----------------------------------------------------------


@pytest.mark.parametrize("weeks", SIZES)
@pytest.mark.parametrize("name", BUILDERS)
def test_builds_a_valid_spec(name: str, weeks: int) -> None:
    spec = BUILDERS[name](weeks).to_dict()  # validates against the Vega-Lite schema
    assert spec["layer"]
    assert len(json.dumps(spec)) < MAX_SPEC_CHARS


@pytest.mark.parametrize("weeks", SIZES)
@pytest.mark.parametrize("name", BUILDERS)
def test_every_encoding_names_its_type(name: str, weeks: int) -> None:
    chart = BUILDERS[name](weeks)
    for layer in chart.layer:
        # Without the data at hand Altair cannot infer a type, so a bare
        # "rating" instead of "rating:Q" raises here (to_dict would infer it).
        layer.encoding.to_dict()
    spec = chart.to_dict()
    data_encodings = [
        (channel, definition)
        for channel, definition in encodings(spec)
        if channel not in SECONDARY_CHANNELS and ("field" in definition or "datum" in definition)
    ]
    assert len(data_encodings) >= 4
    for channel, definition in data_encodings:
        assert definition.get("type") in {"quantitative", "temporal", "nominal", "ordinal"}, (
            channel,
            definition,
        )


@pytest.mark.parametrize("weeks", [0, 26])
@pytest.mark.parametrize("name", BUILDERS)
def test_has_a_title_subtitle_description_and_no_background(name: str, weeks: int) -> None:
    spec = BUILDERS[name](weeks).to_dict()
    assert spec["title"]["text"]
    assert spec["title"]["subtitle"]
    assert len(spec["description"]) > 40
    assert spec["width"] == "container"
    assert "background" not in spec
    assert "background" not in spec.get("config", {})


@pytest.mark.parametrize("name", ["trend", "wheel"])
def test_palette_domain_is_the_six_titles_in_order(name: str) -> None:
    spec = BUILDERS[name](26).to_dict()
    scales = colour_scales(spec)
    assert scales
    for scale in scales:
        assert scale["domain"] == TITLES_IN_ORDER
        assert scale["range"] == list(PALETTE)


@pytest.mark.parametrize("name", BUILDERS)
def test_description_names_the_weeks_shown(name: str) -> None:
    if name == "wheel":  # one week, named by its title
        assert build_wheel(26).to_dict()["description"].startswith("This week. A wheel")
        return
    description = BUILDERS[name](26).to_dict()["description"]
    assert "from 2026-W23 (week of 1 Jun 2026) to 2026-W48 (week of 23 Nov 2026)" in description
    assert NO_CHECK_INS in BUILDERS[name](0).to_dict()["description"]


# -- trend -----------------------------------------------------------------------------


def test_trend_rating_line_breaks_at_nulls() -> None:
    spec = build_trend(26).to_dict()
    rating_lines = [
        layer
        for layer in layers_where(spec, type="line")
        if layer["encoding"]["y"]["field"] == "rating"
    ]
    assert len(rating_lines) == 1
    assert rating_lines[0]["mark"]["invalid"] == BREAK_AT_NULLS == "break-paths-filter-domains"
    rows = layer_data(spec, rating_lines[0])
    assert any(row["rating"] is None for row in rows), "missed and skipped weeks reach Vega"


def test_trend_smoothed_score_is_its_own_thicker_layer() -> None:
    spec = build_trend(26).to_dict()
    by_field = {
        layer["encoding"]["y"]["field"]: layer["mark"] for layer in layers_where(spec, type="line")
    }
    assert by_field["score"]["strokeWidth"] > by_field["rating"]["strokeWidth"]
    assert by_field["score"]["invalid"] == BREAK_AT_NULLS


def test_trend_legend_pick_is_bound_to_the_legend_and_fades_the_rest() -> None:
    spec = build_trend(26).to_dict()
    (param,) = [param for param in spec["params"] if param["name"] == LEGEND_PICK]
    assert param["bind"] == "legend"
    assert param["select"] == {"type": "point", "fields": ["practice_title"]}
    assert len(spec["layer"]) == 3  # score line, rating line and rating points: all fade
    for layer in spec["layer"]:
        assert layer["encoding"]["opacity"]["condition"]["param"] == LEGEND_PICK


def test_trend_tooltip_shows_week_practice_rating_and_score() -> None:
    spec = build_trend(26).to_dict()
    (points,) = layers_where(spec, type="point")
    tooltip = {item["field"]: item for item in points["encoding"]["tooltip"]}
    assert set(tooltip) == {"week", "practice_title", "rating", "score"}
    assert tooltip["score"]["format"] == ".1f"


def test_trend_ticks_fall_on_mondays() -> None:
    axis = build_trend(2).to_dict()["layer"][0]["encoding"]["x"]["axis"]
    days = [date(tick["year"], tick["month"], tick["date"]) for tick in axis["values"]]
    assert days == [date(2026, 11, 23), date(2026, 11, 16)]
    assert all(day.weekday() == 0 for day in days)


# -- wheel -----------------------------------------------------------------------------


def test_wheel_radius_runs_from_zero_to_ten_on_a_square_root_scale() -> None:
    spec = build_wheel(26).to_dict()
    radii = [definition for channel, definition in encodings(spec) if channel == "radius"]
    assert radii
    for radius in radii:
        assert radius["scale"]["domain"] == [0, 10]
        assert radius["scale"]["type"] == "sqrt"
        assert radius["scale"]["zero"] is True


def test_wheel_ghost_is_the_average_behind_this_weeks_slices() -> None:
    spec = build_wheel(26).to_dict()
    arcs = layers_where(spec, type="arc")
    fields = [layer["encoding"]["radius"]["field"] for layer in arcs]
    assert fields[:2] == ["average", "rating"], "the ghost is drawn first, behind"
    assert arcs[0]["mark"]["opacity"] < 1
    assert "4-week average" in " ".join(spec["title"]["subtitle"])


def test_wheel_gives_equal_ratings_their_own_slices() -> None:
    # Regression: stacking theta in Vega grouped by the radius field, so two
    # practices rated alike were drawn on top of each other.
    entries = [make_entry(LATEST, dict.fromkeys(PRACTICE_KEYS, 4))]
    spec = wheel_chart(wheel_frame(entries, TITLES, LATEST)).to_dict()
    (ratings,) = [
        layer
        for layer in layers_where(spec, type="arc")
        if layer["encoding"]["radius"]["field"] == "rating"
    ]
    assert "stack" not in ratings["encoding"]["theta"]
    slices = [(row["slice_start"], row["slice_end"]) for row in layer_data(spec, ratings)]
    assert slices == [(order, order + 1) for order in range(6)]


# -- heatmap ---------------------------------------------------------------------------


def test_heatmap_week_pick_selects_by_week() -> None:
    spec = build_heatmap(26).to_dict()
    (param,) = [param for param in spec["params"] if param["name"] == WEEK_PICK]
    assert param["select"] == {"type": "point", "fields": ["week"]}


def test_heatmap_skipped_cells_are_their_own_grey_layer() -> None:
    history = history_of(26)
    spec = heatmap_chart(history).to_dict()
    (skipped_layer,) = layers_where(spec, type="rect", color=SKIPPED_FILL)
    drawn = {(row["week"], row["practice_title"]) for row in layer_data(spec, skipped_layer)}
    skipped = history[history["status"] == "skipped"]
    assert drawn == set(zip(skipped["week"], skipped["practice_title"], strict=True))
    assert drawn, "the generated history has skipped cells"
    (dash,) = layers_where(spec, type="text")
    assert dash["mark"]["text"] == "–"
    assert dash["mark"]["color"] == TEXT
    assert {(row["week"], row["practice_title"]) for row in layer_data(spec, dash)} == drawn


def test_heatmap_rated_layer_leaves_skipped_and_missed_out() -> None:
    history = history_of(26)
    spec = heatmap_chart(history).to_dict()
    (rated_layer,) = [
        layer for layer in layers_where(spec, type="rect") if "color" in layer["encoding"]
    ]
    rows = layer_data(spec, rated_layer)
    assert len(rows) == (history["status"] == "rated").sum()
    assert all(row["rating"] is not None for row in rows)
    colour = rated_layer["encoding"]["color"]
    assert colour["scale"] == {
        "domain": list(range(RATING_MIN, RATING_MAX + 1)),
        "range": list(RATING_RAMP),
        "interpolate": RAMP_INTERPOLATION,
    }


def test_heatmap_rows_follow_practice_order() -> None:
    spec = build_heatmap(26).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == TITLES_IN_ORDER


# -- overall and one practice ----------------------------------------------------------


def test_overall_line_breaks_and_has_a_rule_at_five() -> None:
    spec = build_overall(26).to_dict()
    (line,) = layers_where(spec, type="line")
    assert line["mark"]["invalid"] == BREAK_AT_NULLS
    (rule,) = layers_where(spec, type="rule")
    assert layer_data(spec, rule) == [{"mean_rating": 5}]
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 10]


def test_practice_history_uses_that_practices_colour() -> None:
    spec = build_practice_history(26).to_dict()
    colour = PALETTE[PRACTICE_KEYS.index("space")]
    assert {layer["mark"]["color"] for layer in spec["layer"]} == {colour}
    assert spec["title"]["text"] == f"{TITLES['space']} over time"
    rows = layer_data(spec, spec["layer"][0])
    assert len(rows) == history_of(26)["week"].nunique(), "only that practice's rows"


def test_wheel_title_names_the_week_it_shows() -> None:
    wheel = wheel_frame(weeks_of_entries(3), TITLES, LATEST)
    assert wheel_chart(wheel).to_dict()["title"]["text"] == "This week"
    spec = wheel_chart(wheel, "Latest check-in: 16–22 Nov 2026").to_dict()
    assert spec["title"]["text"] == "Latest check-in: 16–22 Nov 2026"


# -- accessibility: colours, words for each mark, decorative layers ------------------------

# The layers that only repeat what another layer says, by builder, in layer order.
DECORATIVE = {
    "trend": [True, True, False],  # score line, rating line; the dots carry both
    "wheel": [True, False, True, True],  # ghost, edge and numbers; the slices carry them
    "heatmap": [False, False, True],  # the dash; the grey cell says "skipped"
    "overall": [True, True, False],  # midpoint rule and line; the dots carry the averages
    "practice_history": [True, True, False],
}
# Column names Vega would otherwise read out ("slice_start: 0; slice_end: 1; …").
FIELD_NAMES = ("slice_", "week_start", "week_end", "practice_title", "mean_rating", "score:")


def mark_colours(layer: dict[str, Any]) -> list[str]:
    """Every fixed colour a layer draws with: its mark's and its colour scale's."""
    mark = layer["mark"]
    colours = [mark[key] for key in ("color", "fill", "stroke") if isinstance(mark.get(key), str)]
    scale = layer.get("encoding", {}).get("color", {}).get("scale", {})
    return colours + list(scale.get("range", []))


# Vega-Lite draws point marks at this opacity unless told otherwise.
POINT_OPACITY = 0.7


def drawn_opacity(layer: dict[str, Any]) -> float:
    """A layer's opacity as first drawn: nothing picked, so every selection holds all marks."""
    opacity = layer.get("encoding", {}).get("opacity")
    if opacity is not None:
        return opacity["condition"]["value"]
    default = POINT_OPACITY if layer["mark"]["type"] == "point" else 1
    return layer["mark"].get("opacity", default)


@pytest.mark.parametrize("name", BUILDERS)
def test_decorative_layers_are_hidden_from_screen_readers(name: str) -> None:
    spec = BUILDERS[name](26).to_dict()
    hidden = [layer["mark"].get("aria") is False for layer in spec["layer"]]
    assert hidden == DECORATIVE[name]


@pytest.mark.parametrize("weeks", [1, 26])
@pytest.mark.parametrize("name", BUILDERS)
def test_every_data_mark_is_read_as_words(name: str, weeks: int) -> None:
    spec = BUILDERS[name](weeks).to_dict()
    described = [layer for layer in spec["layer"] if layer["mark"].get("aria") is not False]
    assert described
    for layer in described:
        assert layer["encoding"]["description"] == {"field": LABEL, "type": "nominal"}
        for row in layer_data(spec, layer):
            label = row[LABEL]
            assert ": " in label, label
            assert not any(field in label for field in FIELD_NAMES), label


def test_mark_labels_say_practice_week_and_value() -> None:
    trend = build_trend(26).to_dict()
    (dots,) = layers_where(trend, type="point")
    labels = {row[LABEL] for row in layer_data(trend, dots)}
    assert "Space practice, week of 23 Nov 2026: 6, smoothed score 5.4" in labels
    heatmap = build_heatmap(26).to_dict()
    cells = {
        row[LABEL]
        for layer in layers_where(heatmap, type="rect")
        for row in layer_data(heatmap, layer)
    }
    assert "Presence practice, week of 23 Nov 2026: 10" in cells
    assert any(label.endswith(": skipped") for label in cells)
    wheel = build_wheel(26).to_dict()
    (slices,) = [
        layer for layer in layers_where(wheel, type="arc") if "description" in layer["encoding"]
    ]
    assert layer_data(wheel, slices)[0][LABEL] == "Connection practice: 4, 4-week average 4.5"
    own = build_practice_history(26).to_dict()
    assert layer_data(own, own["layer"][2])[-1][LABEL].startswith("Week of 23 Nov 2026: ")
    overall = build_overall(26).to_dict()
    assert layer_data(overall, overall["layer"][2])[-1][LABEL].startswith(
        "Week of 23 Nov 2026: average "
    )


@pytest.mark.parametrize("name", BUILDERS)
def test_what_carries_meaning_has_three_to_one_on_both_pages(name: str) -> None:
    spec = BUILDERS[name](26).to_dict()
    for layer in spec["layer"]:
        if layer["mark"].get("aria") is False and drawn_opacity(layer) < 1:
            continue  # faint on purpose, and said by another layer
        for colour in mark_colours(layer):
            if colour != TEXT:
                assert lowest_contrast(colour, drawn_opacity(layer)) >= GRAPHICS_CONTRAST, (
                    layer["mark"],
                    colour,
                )


@pytest.mark.parametrize("name", BUILDERS)
def test_all_chart_text_is_in_the_page_text_colour(name: str) -> None:
    spec = BUILDERS[name](26).to_dict()
    config = spec["config"]
    assert config["axis"] == {"labelColor": TEXT, "titleColor": TEXT}
    assert config["legend"] == {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "unselectedOpacity": UNSELECTED_OPACITY,
    }
    assert config["title"] == {"color": TEXT, "subtitleColor": TEXT}
    for layer in layers_where(spec, type="text"):
        assert layer["mark"]["color"] == TEXT


# Vega cannot wrap a subtitle: each line fits a 320-pixel-wide phone at 11 px.
SUBTITLE_CHARACTERS = 44


@pytest.mark.parametrize("name", BUILDERS)
def test_subtitle_lines_fit_a_phone(name: str) -> None:
    for line in BUILDERS[name](26).to_dict()["title"]["subtitle"]:
        assert len(line) <= SUBTITLE_CHARACTERS, line


@pytest.mark.parametrize("name", ["trend", "wheel"])
def test_the_practice_legend_never_cuts_a_title_short(name: str) -> None:
    (colour,) = colour_encodings(BUILDERS[name](26).to_dict())
    legend = colour["legend"]
    assert legend["labelLimit"] >= 200
    assert "width" in legend["columns"]["expr"], "fewer columns on a narrow chart"


def test_the_heatmap_legend_fits_under_a_narrow_grid() -> None:
    spec = build_heatmap(26).to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert "width" in legend["gradientLength"]["expr"]


# -- trend: picking out a practice ------------------------------------------------------


def test_trend_highlight_starts_with_that_practice_picked_out() -> None:
    history = history_of(26)
    spec = trend_chart(history, highlight="mystery").to_dict()
    (param,) = spec["params"]
    assert param["value"] == [{"practice_title": TITLES["mystery"]}]
    assert param["bind"] == "legend", "a click on the legend still picks another"
    assert f"{TITLES['mystery']} is picked out" in spec["description"]
    plain = trend_chart(history).to_dict()
    assert "value" not in plain["params"][0]
    assert "picked out" not in plain["description"]


def test_trend_highlight_of_a_practice_not_shown_picks_nothing() -> None:
    spec = trend_chart(history_of(0), highlight="mystery").to_dict()
    assert "value" not in spec["params"][0]


def test_trend_keeps_its_plot_height_and_grows_below_it() -> None:
    # Regression: at 320 px the one-column legend squashed the plot into a strip.
    spec = build_trend(26).to_dict()
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["height"] >= 240

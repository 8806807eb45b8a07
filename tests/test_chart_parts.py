"""What every chart is made of: its title, the layered chart and a picked-out opacity."""

import altair as alt
import pandas as pd

from lib import chart_parts
from lib.chart_colours import TEXT, UNSELECTED_OPACITY

DATA = pd.DataFrame({"x": [1, 2], "y": [3, 4]})


def two_layers() -> list[alt.Chart]:
    base = alt.Chart(DATA).encode(x="x:Q", y="y:Q")
    return [base.mark_line(), base.mark_point()]


def test_the_layers_are_named_by_chart_and_place_and_the_text_takes_the_page_colour() -> None:
    spec = chart_parts.layered(
        "trend", two_layers(), chart_parts.title("Title", "one", "two"), "words", 300
    ).to_dict()
    assert [layer["name"] for layer in spec["layer"]] == ["trend_0", "trend_1"]
    assert spec["title"] == {"text": "Title", "subtitle": ["one", "two"], "anchor": "start"}
    assert (spec["description"], spec["width"], spec["height"]) == ("words", "container", 300)
    config = spec["config"]
    assert config["axis"] == {"labelColor": TEXT, "titleColor": TEXT}
    assert config["legend"]["unselectedOpacity"] == UNSELECTED_OPACITY
    assert config["title"] == {"color": TEXT, "subtitleColor": TEXT}
    assert "autosize" not in spec


def test_layered_gives_what_the_chained_altair_calls_give() -> None:
    title = chart_parts.title("Title", "sub")
    layers = [layer.properties(name=f"c_{i}") for i, layer in enumerate(two_layers())]
    chained = (
        alt.layer(*layers)
        .properties(title=title, description="d", width="container", height=200)
        .configure_axis(labelColor=TEXT, titleColor=TEXT)
        .configure_legend(labelColor=TEXT, titleColor=TEXT, unselectedOpacity=UNSELECTED_OPACITY)
        .configure_title(color=TEXT, subtitleColor=TEXT)
    )
    made = chart_parts.layered("c", two_layers(), title, "d", 200)
    assert made.to_dict() == chained.to_dict()


def test_a_picked_opacity_is_what_alt_condition_says() -> None:
    pick = alt.selection_point(fields=["x"], name="pick")
    expected = alt.condition(pick, alt.value(1), alt.value(0.1))
    assert chart_parts.picked_opacity(pick, 1, 0.1).to_dict() == expected

"""Chart specs made once per chart object, with their data as named Arrow datasets."""

from __future__ import annotations

import json
import threading
from datetime import date

import altair as alt
import pyarrow as pa
import pytest

from lib import chart_specs, views
from lib.chart_specs import ChartSpec, build_spec, spec_of
from lib.content import load_practices
from lib.sample import sample_entries

TODAY = date(2026, 11, 27)
TITLES = {item.key: item.title for item in load_practices()}


def dashboard_charts(weeks: int | None = None) -> dict[str, alt.TopLevelMixin]:
    entries = sample_entries(TODAY)
    home = views.home_view(entries, TITLES, TODAY)
    trends = views.trends_view(home.history, weeks, None)
    return {
        "wheel": home.wheel_chart,
        "trend": trends.trend_chart,
        "overall": trends.overall_chart,
        "heatmap": trends.heatmap_chart,
    }


@pytest.mark.parametrize("name", ["wheel", "trend", "overall", "heatmap"])
def test_the_spec_is_what_streamlits_own_altair_path_sends(name: str) -> None:
    """Same spec and same Arrow bytes as st.altair_chart would make, data names aside."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    chart = dashboard_charts()[name]
    ours = build_spec(chart)
    theirs = _convert_altair_to_vega_lite_spec(chart)
    their_data = theirs.pop("datasets")
    assert sorted(ours.datasets.values()) == sorted(their_data.values())
    renamed = json.dumps(theirs, sort_keys=True)
    for their_name, payload in their_data.items():
        [our_name] = [key for key, value in ours.datasets.items() if value == payload]
        renamed = renamed.replace(their_name, our_name)
    assert json.loads(ours.frozen) == json.loads(renamed)


def test_data_is_named_by_its_content() -> None:
    first, again = build_spec(dashboard_charts()["trend"]), build_spec(dashboard_charts()["trend"])
    assert list(first.datasets) == list(again.datasets)
    assert all(name.startswith("closer-") for name in first.datasets)
    other = build_spec(dashboard_charts(12)["trend"])
    assert not set(first.datasets) & set(other.datasets), "other data, other name"


def data_references(node: object) -> list[object]:
    """Every `data` entry anywhere in a spec."""
    if isinstance(node, dict):
        found = [node["data"]] if "data" in node else []
        return found + [ref for value in node.values() for ref in data_references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in data_references(value)]
    return []


def test_the_data_stays_out_of_the_json_and_reads_back_as_the_frame() -> None:
    chart = dashboard_charts()["overall"]
    spec = build_spec(chart)
    references = data_references(json.loads(spec.frozen))
    assert references, "the chart has data"
    assert all(set(ref) == {"name"} for ref in references), references
    assert {ref["name"] for ref in references} == set(spec.datasets)
    tables = [pa.ipc.open_stream(payload).read_all() for payload in spec.datasets.values()]
    frames = [layer.data for layer in chart.layer if hasattr(layer.data, "columns")]
    # Layers drawing the same frame share one dataset, named by its content.
    assert {table.num_rows for table in tables} == {len(frame) for frame in frames}


def test_more_rows_than_altairs_default_transformer_allows() -> None:
    """Altair refuses over 5,000 inline rows; "All" at 5,200 weeks is 31,200."""
    frame = dashboard_charts()["trend"].data
    big = frame.sample(n=31_200, replace=True, random_state=1)
    chart = alt.Chart(big).mark_point().encode(x="week_start:T", y="rating:Q")
    with pytest.raises(alt.MaxRowsError):
        chart.to_dict()
    [payload] = build_spec(chart).datasets.values()
    assert pa.ipc.open_stream(payload).read_all().num_rows == 31_200


def test_each_draw_gets_its_own_copy_to_change() -> None:
    spec = build_spec(dashboard_charts()["trend"])
    first = spec.fresh()
    # What Streamlit does to the spec it is given: moves the data out, patches titles.
    del first["datasets"]
    first["encoding"] = {"changed": True}
    second = spec.fresh()
    assert set(second["datasets"]) == set(spec.datasets)
    assert "encoding" not in second or second["encoding"] != {"changed": True}
    assert json.loads(spec.frozen) == {k: v for k, v in second.items() if k != "datasets"}


def test_a_chart_object_is_turned_into_a_spec_once() -> None:
    charts = dashboard_charts()
    spec = spec_of(charts["heatmap"])
    assert spec_of(charts["heatmap"]) is spec
    # An equal chart built again is another object, as after a save: made anew.
    assert spec_of(dashboard_charts()["heatmap"]) is not spec


def test_the_memo_keeps_only_the_latest_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_specs, "KEEP", 2)
    monkeypatch.setattr(chart_specs, "_MEMO", type(chart_specs._MEMO)())
    charts = list(dashboard_charts().values())
    specs = [spec_of(chart) for chart in charts[:3]]
    assert len(chart_specs._MEMO) == 2
    assert spec_of(charts[2]) is specs[2]
    assert spec_of(charts[0]) is not specs[0], "the oldest was let go"


def test_altairs_theme_is_put_back() -> None:
    before = alt.theme.active
    build_spec(dashboard_charts()["wheel"])
    assert alt.theme.active == before


def test_charts_built_at_once_on_several_threads_get_their_own_data() -> None:
    """Altair's transformer is process-wide: sessions drawing at once must not mix data."""
    charts = list(dashboard_charts().values()) + list(dashboard_charts(12).values())
    alone = [build_spec(chart) for chart in charts]
    together: list[ChartSpec | None] = [None] * len(charts)

    def build(index: int) -> None:
        together[index] = build_spec(charts[index])

    threads = [threading.Thread(target=build, args=(index,)) for index in range(len(charts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert together == alone

"""Altair charts as Vega-Lite specs, made once per chart object and drawn from then on.

`st.altair_chart` calls Altair's `to_dict()` on every rerun, and `to_dict()`
validates the whole chart against the Vega-Lite schema: most of a dashboard
rerun's time at ten years of weeks. The charts a page draws are built once per
diary revision and shared (ui/views.py), so their specs can be too: `spec_of`
makes one the first time a chart object is drawn and hands back the same one
while that object is drawn again. The builders in lib/charts.py stay Altair,
tested with `.to_dict()`.

The data leaves the spec as named datasets in Arrow's IPC stream format, as
Streamlit's own Altair path sends it (Altair's default transformer would
inline it as JSON, and refuses more than 5,000 rows), each named by a hash of
its bytes, so a browser never keeps other data under a reused name.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from lib import altair_state

_MEMO_LOCK = threading.Lock()
_TRANSFORMER = "closer_arrow"
# Charts drawn lately; a dashboard, its spans and picked-out practices are under 40.
KEEP = 64


@dataclass(frozen=True)
class ChartSpec:
    """A chart's Vega-Lite spec as JSON (without its data) and its datasets by name."""

    frozen: str
    datasets: Mapping[str, bytes]

    def fresh(self) -> dict[str, Any]:
        """A new spec dict for one draw: Streamlit edits the spec it is given in place."""
        spec: dict[str, Any] = json.loads(self.frozen)
        if self.datasets:
            spec["datasets"] = {**spec.get("datasets", {}), **self.datasets}
        return spec


_MEMO: OrderedDict[int, tuple[object, ChartSpec]] = OrderedDict()


def spec_of(chart: alt.TopLevelMixin) -> ChartSpec:
    """`chart`'s spec, made on its first draw and kept while the same object is drawn."""
    with _MEMO_LOCK:
        kept = _MEMO.get(id(chart))
        # The object is kept with its spec, so its id cannot be reused by another.
        if kept is not None and kept[0] is chart:
            _MEMO.move_to_end(id(chart))
            return kept[1]
    made = build_spec(chart)
    with _MEMO_LOCK:
        _MEMO[id(chart)] = (chart, made)
        _MEMO.move_to_end(id(chart))
        while len(_MEMO) > KEEP:
            _MEMO.popitem(last=False)
    return made


def build_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """Make `chart`'s spec, unvalidated, with Altair's theme off as Streamlit has it."""
    datasets: dict[str, bytes] = {}
    # Altair's theme and data transformers are process-wide: one chart at a time.
    with altair_state.LOCK:
        alt.data_transformers.register(_TRANSFORMER, _to_named_arrow)
        plain = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with plain, alt.data_transformers.enable(_TRANSFORMER, datasets=datasets):
            # The schema check is the tests' job (every builder's `.to_dict()` is
            # validated there, on normal and empty data): here it is most of the cost.
            spec = chart.to_dict(validate=False)
    return ChartSpec(json.dumps(spec, sort_keys=True), datasets)


def _to_named_arrow(data: pd.DataFrame, datasets: dict[str, bytes]) -> dict[str, str]:
    """Altair data transformer: keep `data` as Arrow bytes under a name made from them."""
    payload = arrow_bytes(data)
    name = "closer-" + hashlib.sha256(payload).hexdigest()[:32]
    datasets[name] = payload
    return {"name": name}


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` in Arrow's IPC stream format, as Streamlit sends a chart's data."""
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()

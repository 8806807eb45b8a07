"""Dashboard interactions in a real browser: a trend span switch and a "show as table" switch.

Each control lives in an `st.fragment` (ui/dashboard.py), so it reruns its own
part of the page, not the page. Closer is served as `make run` serves it, with
Streamlit's debug log on and stamped to the microsecond; a click in Chromium
asks for the run, and two figures are taken for it:

- the run on the server: from Streamlit's "Running script" to "Removing
  orphaned files..." (the end of a run) in that log, as the page reruns are
  measured under AppTest: the script's own time, nothing of the network;
- the round trip the browser sees: from the WebSocket frame asking for the run
  to the frame saying it finished, as Chromium's DevTools protocol stamps them.
  Chromium stamps frames on the page's main thread, so this also holds any
  drawing the page was doing meanwhile (both share this machine's two cores).

The span cycles 12 weeks, 1 year, All, 26 weeks and round again. The first
switch to a span builds its charts (once per diary revision, shared by every
tab); switches after that find them built. Both are reported: `span_first_ms`
is the median of the first round, `span_ms` of every switch after it.
"""

from __future__ import annotations

import base64
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import VIEWPORT, chromium, serving, settled
from bench.server_log import TIMED_LOG, server_runs
from tests.browser import Server, _parsed, watch_runs
from tests.browser import rerun as wait_for_run
from ui.dashboard import CHART_NAMES, DEFAULT_SPAN, SPANS, table_switch

LOG_WAIT_SECONDS = 10
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
TABLE_SWITCH = table_switch(CHART_NAMES["trend"])
BINARY = 2  # a WebSocket frame's opcode


@dataclass
class Frames:
    """The page's WebSocket frames as Chromium's network stack timed them (DevTools protocol).

    Its timestamps are taken as each frame leaves or arrives, not when the
    page's busy main thread gets round to it.
    """

    # Each ask for a run: when it left, and whether it was for a fragment.
    asks: list[tuple[float, bool]] = field(default_factory=list)
    finishes: list[float] = field(default_factory=list)

    def follow(self, page: Page) -> None:
        """Time every frame `page` sends and receives from now on."""
        session = page.context.new_cdp_session(page)
        session.on("Network.webSocketFrameSent", self._sent)
        session.on("Network.webSocketFrameReceived", self._received)
        session.send("Network.enable")

    def _sent(self, event: dict[str, Any]) -> None:
        message = BackMsg()
        if _binary(message, event) and message.WhichOneof("type") == "rerun_script":
            self.asks.append((event["timestamp"], bool(message.rerun_script.fragment_id)))

    def _received(self, event: dict[str, Any]) -> None:
        message = ForwardMsg()
        if (
            _binary(message, event)
            and message.WhichOneof("type") == "script_finished"
            and message.script_finished in FINISHED
        ):
            self.finishes.append(event["timestamp"])


def _binary(message: ForwardMsg | BackMsg, event: dict[str, Any]) -> bool:
    """Read the frame in a DevTools WebSocket event into `message`; False if it is not one."""
    frame = event["response"]
    return frame["opcode"] == BINARY and _parsed(message, base64.b64decode(frame["payloadData"]))


@dataclass(frozen=True)
class Timing:
    """One interaction: its run on the server, the round trip the browser saw, its kind."""

    server_ms: float
    browser_ms: float
    fragment: bool


def timed(page: Page, frames: Frames, log: Path, action: Callable[[], None]) -> Timing:
    """The run that `action` asks for, timed on the server and in the browser."""
    asked, ran = len(frames.asks), len(server_runs(log))
    with wait_for_run(page):
        action()
    # DevTools events come in while Playwright waits: wait for the finish to be heard.
    page.wait_for_function("() => true")
    if len(frames.asks) != asked + 1:
        raise RuntimeError(f"the action asked for {len(frames.asks) - asked} runs, not one")
    ask, fragment = frames.asks[-1]
    finish = next(stamp for stamp in frames.finishes if stamp >= ask)
    deadline = time.monotonic() + LOG_WAIT_SECONDS
    while len(runs := server_runs(log)) <= ran:  # the log line may follow the last frame
        if time.monotonic() > deadline:
            raise RuntimeError(f"{log} shows no end of the run the action asked for")
        time.sleep(0.01)
    if len(runs) != ran + 1:
        raise RuntimeError(f"the action made {len(runs) - ran} runs, not one")
    return Timing(runs[-1], (finish - ask) * 1000, fragment)


def interaction_ms(db_path: Path, rounds: int = 4) -> dict[str, Any]:
    """Median span and table switches on the dashboard of the diary at `db_path`.

    `rounds` is at least 2: the first round's span switches build their charts.
    """
    if rounds < 2:
        raise ValueError("rounds must be at least 2")
    order = [span for span in SPANS if span != DEFAULT_SPAN] + [DEFAULT_SPAN]
    with tempfile.TemporaryDirectory(prefix="closer-bench-") as folder:
        log = Path(folder) / "closer.log"
        app = Server(db_path=db_path, log_path=log, env=TIMED_LOG)
        with serving(app), chromium() as browser:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            frames = Frames()
            frames.follow(page)
            watch_runs(page)
            page.goto(f"{app.url}/")
            settled(page)
            spans: list[Timing] = []
            tables: list[Timing] = []
            for _ in range(rounds):
                for span in order:
                    spans.append(timed(page, frames, log, page.get_by_text(span, exact=True).click))
                for _ in range(2):  # on, then off again
                    tables.append(timed(page, frames, log, page.get_by_text(TABLE_SWITCH).click))
            context.close()
    whole_page = sum(not timing.fragment for timing in spans + tables)
    if whole_page:
        raise RuntimeError(f"{whole_page} switches reran the whole page, not their fragment")
    first, later = spans[: len(order)], spans[len(order) :]
    return {
        "span_first_ms": _median(first, "server_ms"),
        "span_ms": _median(later, "server_ms"),
        "table_ms": _median(tables, "server_ms"),
        "span_browser_ms": _median(later, "browser_ms"),
        "table_browser_ms": _median(tables, "browser_ms"),
        "switches": len(spans) + len(tables),
    }


def _median(timings: list[Timing], figure: str) -> float:
    return round(statistics.median(getattr(timing, figure) for timing in timings), 1)

"""Script runs timed on the server, from Streamlit's own debug log.

A server started with TIMED_LOG in its environment logs, to the microsecond,
when each script run (a page's or a fragment's) starts and when it has
finished; `server_runs` reads each run's length back from its log. It is the
script's own time, as AppTest measures a page: nothing of the network or the
browser.
"""

from __future__ import annotations

from pathlib import Path

RUN_START = "streamlit.runtime.scriptrunner.script_runner: Running script"
RUN_END = "streamlit.runtime.media_file_manager: Removing orphaned files..."
TIMED_LOG = {
    "STREAMLIT_LOGGER_LEVEL": "debug",
    "STREAMLIT_LOGGER_MESSAGE_FORMAT": "%(created).6f %(name)s: %(message)s",
}


def server_runs(log: Path) -> list[float]:
    """Each finished script run's milliseconds in the server's debug log, in order."""
    runs: list[float] = []
    start = None
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        stamp, _, said = line.partition(" ")
        if said == RUN_START:
            start = float(stamp)
        elif said == RUN_END and start is not None:
            runs.append((float(stamp) - start) * 1000)
            start = None
    return runs

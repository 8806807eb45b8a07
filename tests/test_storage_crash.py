"""A writer killed at a random moment never loses an acknowledged save or tears the file."""

import json
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.diary import Diary
from lib.weeks import IsoWeek
from tests import soak

PROJECT_ROOT = Path(__file__).parents[1]
ROUNDS = soak.size(20, 200)  # make soak runs the full count
FIRST_ACK_SECONDS = 15.0
MAX_EXTRA_DELAY_SECONDS = 0.05

# Saves one week after another; a week is printed only once save_entry has returned.
WRITER = """
import sys
from pathlib import Path

from lib.entries import PRACTICE_KEYS, make_entry
from lib.diary import Diary
from tests import soak
from lib.weeks import IsoWeek

diary = Diary.open(Path(sys.argv[1]))
week = IsoWeek.parse(sys.argv[2])
for _ in range(100_000):
    diary.save_entry(make_entry(week, dict.fromkeys(PRACTICE_KEYS, 6), {"space": "x" * 200}))
    print(week, flush=True)
    week = week.shifted(1)
"""


def read_until(
    process: subprocess.Popen[bytes], buffer: bytearray, done: bool, deadline: float
) -> None:
    """Read the child's stdout into `buffer` until a full line arrives (or EOF if `done`)."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not done and b"\n" in buffer:
                return
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                continue
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                return
            buffer += chunk


def kill_after_first_line(
    script: str, args: list[str], rng: random.Random, stderr_path: Path
) -> list[str]:
    """Run `script` with `args`, kill it at a random moment after its first line; its lines.

    A line is printed only once the step it names is done, so every line returned
    was acknowledged; a cut-off last line never was.
    """
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    buffer = bytearray()
    try:
        read_until(process, buffer, done=False, deadline=time.monotonic() + FIRST_ACK_SECONDS)
        assert b"\n" in buffer, f"nothing was acknowledged: {stderr_path.read_text()}"
        time.sleep(rng.uniform(0, MAX_EXTRA_DELAY_SECONDS))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    read_until(process, buffer, done=True, deadline=time.monotonic() + 10)
    assert process.stdout is not None
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL, stderr_path.read_text()
    return bytes(buffer).decode().split("\n")[:-1]


def kill_one_writer(
    path: Path, start: IsoWeek, rng: random.Random, stderr_path: Path
) -> list[IsoWeek]:
    """Run a writer from `start`, kill it after its first acknowledged save; return its acks."""
    lines = kill_after_first_line(WRITER, [str(path), str(start)], rng, stderr_path)
    return [IsoWeek.parse(line) for line in lines]


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX-only")
def test_killed_writer_loses_no_acknowledged_save(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    path = tmp_path / "closer.json"
    acknowledged: set[IsoWeek] = set()
    start = IsoWeek(2000, 1)
    for round_number in range(ROUNDS):
        acked = kill_one_writer(path, start, rng, tmp_path / "writer.stderr")
        assert acked, f"round {round_number} (seed {seed}) acknowledged nothing"
        acknowledged.update(acked)
        context = f"after round {round_number} (seed {seed})"
        json.loads(path.read_bytes())  # the file is whole JSON, not a torn write
        stored = {entry.week for entry in Diary.open(path).snapshot().entries}
        assert acknowledged <= stored, f"{context}: lost {sorted(acknowledged - stored)}"
        # The week after the last acknowledged one may have been saved unacknowledged: skip it.
        start = max(acked).shifted(2)
    soak.report("writer_sigkill", rounds=ROUNDS, acknowledged=len(acknowledged), lost=0)

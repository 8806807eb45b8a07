"""The bench's browser measurements run end to end on a small diary (no timing thresholds)."""

from datetime import date
from pathlib import Path

import pytest

from bench.browser import dashboard_charts, time_to_charts
from bench.memory import PAGES, server_memory
from lib.diary import Diary
from lib.sample import sample_entries
from tests.browser import require_chromium

pytestmark = pytest.mark.bench  # make test-slow, not make test


@pytest.fixture
def diary_path(tmp_path: Path) -> Path:
    """A diary with twelve weeks of sample check-ins."""
    require_chromium()
    path = tmp_path / "closer.json"
    diary = Diary.open(path)
    diary.import_entries(sample_entries(date.today(), 12))
    diary.close()
    return path


def test_time_to_charts_draws_the_dashboards_charts_on_both_pages(diary_path: Path) -> None:
    result = time_to_charts(diary_path, runs=1, warmups=0)

    assert result["charts"] == len(dashboard_charts(diary_path)) == 4
    assert result["runs"] == 1
    assert result["app_ms"] > 0
    assert result["bare_ms"] > 0
    assert result["ratio"] > 0


# About 35 s: three servers, ten pages, each settled.
def test_server_memory_visits_every_page(diary_path: Path) -> None:
    result = server_memory(diary_path, repeats=1)

    assert result["pages"] == len(PAGES) == 10
    assert result["app_peak_mb"] > 0
    assert result["empty_peak_mb"] > 0
    assert result["app_rss_mb"] <= result["app_peak_mb"]
    # The charts page loads pandas and Altair, which the empty script never imports.
    assert result["charts_peak_mb"] > result["empty_peak_mb"]
    # Worked out before rounding: 186.1 - 171.5 may come back as 14.5.
    own = result["app_peak_mb"] - result["charts_peak_mb"]
    assert result["own_mb"] == pytest.approx(own, abs=0.1 + 1e-9)
    assert {"pandas", "altair", "lib.views"} <= set(result["imports"])

"""The bench's browser measurements run end to end on a small diary (no timing thresholds)."""

from datetime import date
from pathlib import Path

import pytest

from bench.browser import dashboard_charts, time_to_charts
from bench.interactions import interaction_ms
from bench.memory import PAGES, server_memory
from lib.diary import Diary
from lib.sample import sample_entries
from tests.browser import require_chromium
from ui.dashboard import SPANS

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


def test_time_to_charts_draws_the_dashboards_charts_on_all_three_pages(diary_path: Path) -> None:
    result = time_to_charts(diary_path, runs=1, warmups=0)

    assert result["charts"] == len(dashboard_charts(diary_path)) == 4
    assert result["runs"] == 1
    for figure in ("app_ms", "bare_ms", "naive_ms", "ratio", "naive_ratio"):
        assert result[figure] > 0
    # Each server's own run for the visit, from its debug log.
    for figure in ("server_app_ms", "server_bare_ms", "server_naive_ms"):
        assert 0 < result[figure] < result["app_ms"]


# About 20 s: one server, twelve clicks, each waited for.
def test_interactions_time_fragment_runs_on_the_server_and_in_the_browser(
    diary_path: Path,
) -> None:
    result = interaction_ms(diary_path, rounds=2)

    assert result["switches"] == 2 * (len(SPANS) + 2)
    for figure in ("span_first_ms", "span_ms", "table_ms", "span_browser_ms", "table_browser_ms"):
        assert result[figure] > 0
    # A span's charts are built on its first switch only.
    assert result["span_first_ms"] > result["span_ms"]
    with pytest.raises(ValueError, match="at least 2"):
        interaction_ms(diary_path, rounds=1)


# About 35 s: three servers, eleven pages, each settled.
def test_server_memory_visits_every_page(diary_path: Path) -> None:
    result = server_memory(diary_path, repeats=1)

    assert result["pages"] == len(PAGES) == 11
    assert result["app_peak_mb"] > 0
    assert result["empty_peak_mb"] > 0
    assert result["app_rss_mb"] <= result["app_peak_mb"]
    # The charts page loads pandas and Altair, which the empty script never imports.
    assert result["charts_peak_mb"] > result["empty_peak_mb"]
    # Worked out before rounding: 186.1 - 171.5 may come back as 14.5.
    own = result["app_peak_mb"] - result["charts_peak_mb"]
    assert result["own_mb"] == pytest.approx(own, abs=0.1 + 1e-9)
    assert {"pandas", "altair", "lib.views"} <= set(result["imports"])

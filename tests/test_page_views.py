"""Pages' views cached per data-file revision: nothing re-read or re-analysed, no stale data."""

import altair as alt
import pytest

from lib import datafile, views
from lib.checkin import widget_key
from lib.drafts import drafts_path
from lib.entries import PRACTICE_KEYS, make_entry
from lib.storage import AtomicJSONStorage
from tests.apptest import THIS_WEEK, Closer

CHECK_IN = "pages/check-in.py"


def metric(at, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """A list that grows by one on each call of `owner.name`."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.fixture
def steady_revision(monkeypatch: pytest.MonkeyPatch) -> None:
    """No "racy" window: a file written in the last 3 s has its bytes in its revision, and
    that revision changes when the window ends, so on a slow machine a test counting builds
    per revision saw a rebuild of the same bytes. Each write here still makes a new inode."""
    monkeypatch.setattr(datafile, "RACY_NANOSECONDS", 0)


def seed(closer: Closer, weeks: int = 3) -> None:
    for offset in range(1, weeks + 1):
        ratings = dict.fromkeys(PRACTICE_KEYS, 6)
        closer.diary().save_entry(make_entry(THIS_WEEK.shifted(-offset), ratings))


def test_a_save_in_one_session_shows_on_the_next_rerun_of_another(closer: Closer) -> None:
    seed(closer)
    home = closer.open()
    assert metric(home, "Weeks checked in") == "3"
    form = closer.open(CHECK_IN)
    for key in PRACTICE_KEYS:
        form.select_slider(key=widget_key(THIS_WEEK, "rating", key)).set_value(2)
    form.button(key="save").click().run()
    assert not form.exception
    home.run()
    assert metric(home, "Weeks checked in") == "4"
    assert any(str(THIS_WEEK) in success.value for success in home.success)


def test_a_write_by_another_program_shows_on_the_next_rerun(closer: Closer) -> None:
    seed(closer)
    at = closer.open()
    assert metric(at, "Weeks checked in") == "3"
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at.run()
    assert metric(at, "Weeks checked in") == "4"


def test_an_edit_of_a_saved_week_shows_in_the_other_sessions_table(closer: Closer) -> None:
    seed(closer)
    home = closer.open()
    home.toggle(key="heatmap_as_table").set_value(True).run()
    week = str(THIS_WEEK.shifted(-1))
    assert home.dataframe[0].value.set_index("Week").loc[week, "A bit of mystery"] == "6"
    form = closer.open(CHECK_IN, week=week)
    form.select_slider(key=widget_key(THIS_WEEK.shifted(-1), "rating", "mystery")).set_value(3)
    form.button(key="save").click().run()
    home.run()
    assert home.dataframe[0].value.set_index("Week").loc[week, "A bit of mystery"] == "3"


@pytest.mark.usefixtures("steady_revision")
def test_reruns_without_a_change_neither_read_nor_analyse(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(closer)
    analyses = count_calls(monkeypatch, views, "home_view")
    reads = count_calls(monkeypatch, AtomicJSONStorage, "read")
    at = closer.open()
    at.toggle(key="wheel_as_table").set_value(True).run()
    at.toggle(key="wheel_as_table").set_value(False).run()
    at.run()
    assert not at.exception
    assert len(analyses) == 1
    assert len(reads) <= 1
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at.run()
    assert len(analyses) == 2


@pytest.mark.usefixtures("steady_revision")
def test_a_slider_move_neither_reads_nor_analyses(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(closer)
    at = closer.open(CHECK_IN)
    analyses = count_calls(monkeypatch, views, "check_in_view")
    reads = count_calls(monkeypatch, AtomicJSONStorage, "read")
    for value in (2, 3, 4):
        at.select_slider(key=widget_key(THIS_WEEK, "rating", "space")).set_value(value).run()
    assert not at.exception
    assert (analyses, reads) == ([], [])
    assert drafts_path(closer.db_path).exists(), "each move was kept as a draft, off the diary"


def test_sample_data_in_one_session_never_shows_in_another(closer: Closer) -> None:
    explorer = closer.open()
    explorer.button(key="explore_sample").click().run()
    assert metric(explorer, "Weeks checked in") == "25"
    newcomer = closer.open()
    assert not newcomer.metric
    assert newcomer.container("empty_state")
    explorer.run()
    assert metric(explorer, "Weeks checked in") == "25"


@pytest.mark.usefixtures("steady_revision")
def test_each_picked_out_practice_is_built_once_per_revision(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(closer)
    builds = count_calls(monkeypatch, views, "trends_view")
    at = closer.open()
    at.pills(key="trend_pick").select("mystery").run()
    at.pills(key="trend_pick").unselect("mystery").run()
    at.pills(key="trend_pick").select("mystery").run()
    assert not at.exception
    assert len(builds) == 2, "all six, and mystery picked out: each built once"


@pytest.mark.usefixtures("steady_revision")
def test_a_rerun_with_an_unchanged_diary_makes_no_chart_spec_again(
    closer: Closer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Altair validates a chart against the schema in `to_dict()`: once per chart, not per run."""
    seed(closer)
    made = count_calls(monkeypatch, alt.TopLevelMixin, "to_dict")
    at = closer.open()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 4
    first = len(made)
    assert first >= 4, "each dashboard chart's spec is made on its first draw"
    at.toggle(key="overall_as_table").set_value(True).run()
    at.toggle(key="overall_as_table").set_value(False).run()
    at.run()
    assert not at.exception
    assert len(made) == first, "no chart is turned into a spec again while the diary is unchanged"
    closer.diary().save_entry(make_entry(THIS_WEEK, dict.fromkeys(PRACTICE_KEYS, 9)))
    at.run()
    assert len(made) > first, "a save makes new views, and their specs are made once"

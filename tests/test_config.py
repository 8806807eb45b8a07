"""Where the diary lives (`$CLOSER_DB`, or `data/closer.json`), what day it is (`$CLOSER_TODAY`)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path

import pytest

import lib
from lib import config
from lib.config import DEFAULT_DB, PROJECT_ROOT, data_path


def test_project_root_is_the_folder_holding_lib() -> None:
    assert Path(lib.__file__).resolve().parent == PROJECT_ROOT / "lib"


def test_default_is_data_closer_json_in_the_project() -> None:
    assert data_path({}) == PROJECT_ROOT / "data" / "closer.json"
    assert data_path({}) == DEFAULT_DB


@pytest.mark.parametrize("value", ["", "   ", "\t\n"])
def test_empty_closer_db_means_the_default(value: str) -> None:
    assert data_path({"CLOSER_DB": value}) == DEFAULT_DB


def test_absolute_closer_db_is_used_as_given(tmp_path: Path) -> None:
    target = tmp_path / "diaries" / "ours.json"
    assert data_path({"CLOSER_DB": str(target)}) == target


def test_surrounding_blanks_are_ignored(tmp_path: Path) -> None:
    target = tmp_path / "ours.json"
    assert data_path({"CLOSER_DB": f"  {target}\n"}) == target


def test_relative_closer_db_is_resolved_against_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = data_path({"CLOSER_DB": "diaries/ours.json"})
    assert path.is_absolute()
    assert path == tmp_path / "diaries" / "ours.json"


def test_tilde_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_path({"CLOSER_DB": "~/closer/ours.json"}) == tmp_path / "closer" / "ours.json"


def test_reads_the_process_environment_when_called_not_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLOSER_DB", str(tmp_path / "later.json"))
    assert data_path() == tmp_path / "later.json"
    monkeypatch.delenv("CLOSER_DB")
    assert data_path() == DEFAULT_DB


# The clock: the real one, unless CLOSER_TODAY fixes the day (a test hook).

FIXED = "2026-11-24"  # a Tuesday, in 2026-W48


class _Frozen(datetime):
    """`datetime` whose now() is always 20:15:30 on 1 March 2027 (naive, local)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Frozen:
        return cls(2027, 3, 1, 20, 15, 30)


@pytest.mark.parametrize("environ", [{}, {"CLOSER_TODAY": ""}, {"CLOSER_TODAY": "  "}])
def test_without_closer_today_the_day_is_the_real_one(environ: dict[str, str]) -> None:
    before = date.today()
    assert config.today(environ) in {before, date.today()}  # midnight may pass in between


def test_closer_today_fixes_the_day() -> None:
    assert config.today({"CLOSER_TODAY": FIXED}) == date(2026, 11, 24)
    assert config.today({"CLOSER_TODAY": f" {FIXED}\n"}) == date(2026, 11, 24)


@pytest.mark.parametrize("value", ["tomorrow", "2026-11-31", "24.11.2026", "2026-11-24T12:00"])
def test_a_closer_today_that_is_no_date_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValueError, match="CLOSER_TODAY must be an ISO date") as refused:
        config.today({"CLOSER_TODAY": value})
    assert repr(value) in str(refused.value)
    with pytest.raises(ValueError, match="CLOSER_TODAY must be an ISO date"):
        config.now({"CLOSER_TODAY": value})


def test_without_closer_today_now_is_the_real_local_time_with_its_offset() -> None:
    before = datetime.now().astimezone()
    moment = config.now({})
    after = datetime.now().astimezone()
    assert before <= moment <= after
    assert moment.utcoffset() == moment.replace(tzinfo=None).astimezone().utcoffset()


def test_under_closer_today_now_is_that_day_at_the_current_time_of_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "datetime", _Frozen)
    moment = config.now({"CLOSER_TODAY": FIXED})
    assert moment == datetime(2026, 11, 24, 20, 15, 30).astimezone()
    assert moment.utcoffset() == datetime(2026, 11, 24, 20, 15, 30).astimezone().utcoffset()


def test_the_clock_reads_the_process_environment_when_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLOSER_TODAY", FIXED)
    assert config.today() == date(2026, 11, 24)
    assert config.now().date() == date(2026, 11, 24)
    monkeypatch.delenv("CLOSER_TODAY")
    before = date.today()
    assert config.today() in {before, date.today()}

"""Where the diary lives: `$CLOSER_DB`, or `data/closer.json` in the project."""

from pathlib import Path

import pytest

import lib
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

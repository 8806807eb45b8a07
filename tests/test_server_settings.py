"""The settings Streamlit reads from .streamlit/config.toml for speed, as Streamlit reads them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from streamlit import config

from tests.browser import ROOT


@pytest.fixture
def project_config(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Streamlit's options as read from the project's folder, read afresh after the test too."""
    monkeypatch.chdir(ROOT)
    for name in list(os.environ):
        if name.startswith("STREAMLIT_"):
            monkeypatch.delenv(name)
    config.get_config_options(force_reparse=True)
    yield
    monkeypatch.undo()
    config.get_config_options(force_reparse=True)


@pytest.mark.usefixtures("project_config")
def test_no_full_garbage_collection_after_each_run() -> None:
    assert config.get_option("runner.postScriptGC") is False


@pytest.mark.usefixtures("project_config")
def test_the_served_app_watches_no_source_files() -> None:
    assert config.get_option("server.fileWatcherType") == "none"
    assert config.get_option("server.runOnSave") is False

"""Altair's process-wide settings: changed under one lock, and put back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import altair as alt
import pytest
from altair.utils import schemapi

from lib import altair_state
from tests.test_charts import BUILDERS


def test_unchecked_makes_charts_without_checking_each_part_and_puts_checking_back() -> None:
    with pytest.raises(schemapi.SchemaValidationError):
        alt.Axis(labelAngle="sideways")
    with altair_state.unchecked():
        axis = alt.Axis(labelAngle="sideways")
    assert axis.labelAngle == "sideways"
    assert schemapi.DEBUG_MODE is True
    with pytest.raises(ValueError, match="boom"), altair_state.unchecked():
        raise ValueError("boom")
    assert schemapi.DEBUG_MODE is True


def test_a_builder_holds_the_lock_while_it_builds() -> None:
    seen: list[bool] = []

    @altair_state.built_unchecked
    def builder() -> None:
        # Another thread cannot take the lock while the builder runs.
        other = threading.Thread(target=lambda: seen.append(altair_state.LOCK.acquire(timeout=0)))
        other.start()
        other.join()
        seen.append(schemapi.DEBUG_MODE)

    builder()
    assert seen == [False, False]


@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_builder_builds_unchecked(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    entered: list[bool] = []
    real = altair_state.unchecked

    @contextmanager
    def watched() -> Iterator[None]:
        with real():
            entered.append(schemapi.DEBUG_MODE)
            yield

    monkeypatch.setattr(altair_state, "unchecked", watched)
    BUILDERS[name](3)
    assert entered == [False]
    assert schemapi.DEBUG_MODE is True

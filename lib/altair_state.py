"""Altair's process-wide settings, changed only under one lock.

Altair keeps its theme, its data transformers and its schema checking in
module globals. Closer builds charts and their specs in the server's session
threads, so whatever changes one of them holds `LOCK` while it does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

from altair.utils.schemapi import debug_mode

LOCK = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def unchecked() -> Iterator[None]:
    """For the block: Altair makes chart objects without checking each against the schema.

    Altair's debug mode validates every axis, scale and mark as it is made,
    about a sixth of a chart's building time. The whole chart is checked where
    it can fail a test: every builder's `.to_dict()` in tests/test_charts.py.
    """
    with LOCK, debug_mode(False):
        yield


def built_unchecked(builder: Callable[P, R]) -> Callable[P, R]:
    """`builder`, run under `unchecked()`."""

    @wraps(builder)
    def build(*args: P.args, **kwargs: P.kwargs) -> R:
        with unchecked():
            return builder(*args, **kwargs)

    return build

"""Every change Closer makes to Streamlit's private internals, each checked before it is made.

Streamlit has no public setting for these. Each workaround first asserts that
what it changes still exists in the installed Streamlit, so an upgrade that
renames it stops the server with a clear message instead of silently changing
what Closer does; tests/test_workarounds.py checks the same on every test run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from streamlit import net_util
from streamlit.runtime.pages_manager import PagesManager

LOOPBACK = "127.0.0.1"


class WorkaroundOutdatedError(RuntimeError):
    """The installed Streamlit no longer has what a workaround changes."""


def require(owner: object, name: str) -> None:
    """Stop with a clear message if `owner` no longer has the attribute `name`."""
    if not hasattr(owner, name):
        raise WorkaroundOutdatedError(
            f"{getattr(owner, '__name__', owner)}.{name} is gone from this Streamlit; "
            "check ui/workarounds.py before upgrading."
        )


def keep_requests_on_this_machine() -> None:
    """Stop Streamlit looking up this machine's public address on the internet.

    To judge a WebSocket's Origin, Streamlit asks checkip.amazonaws.com for the
    machine's public address the first time a foreign origin knocks. Closer
    serves this computer only, so its addresses are loopback, and no request
    ever leaves the machine.
    """
    require(net_util, "_external_ip")
    require(net_util, "_internal_ip")
    net_util._external_ip = LOOPBACK
    net_util._internal_ip = LOOPBACK


class _ServedPagesManager(PagesManager):
    """A PagesManager that starts out of folder mode, as a server is after its first run."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        PagesManager.uses_pages_directory = False
        super().__init__(*args, **kwargs)


@contextmanager
def apptest_runs_as_served() -> Iterator[None]:
    """Within the block, AppTest runs the app as a running server does after its first run.

    AppTest resets Streamlit's folder-mode flag before every run, so with a
    pages/ folder beside app.py each of its runs would be a server's first
    run (see ui/frame.py). Tests and the bench use this; one test covers the
    first run by leaving it out.
    """
    from streamlit.testing.v1 import app_test

    require(app_test, "PagesManager")
    require(PagesManager, "uses_pages_directory")
    before = PagesManager.uses_pages_directory
    app_test.PagesManager = _ServedPagesManager
    try:
        yield
    finally:
        app_test.PagesManager = PagesManager
        PagesManager.uses_pages_directory = before


def rerun_other_sessions() -> int:
    """Ask every other open Closer tab to run its page again now; returns how many.

    After "Lock now" each tab must show the lock screen at once, not the diary
    it drew before, until someone next touches it. Streamlit has no public way
    for one session to rerun another: this asks each active session as its own
    browser would, on the server's event loop. Outside a server (AppTest, the
    bench: no runtime, or a stand-in) there are no other sessions, and nothing
    happens.
    """
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if not Runtime.exists():
        return 0
    runtime = Runtime.instance()
    if type(runtime) is not Runtime:  # AppTest's stand-in: one session, no others
        return 0
    require(runtime, "_session_mgr")
    ctx = get_script_run_ctx()
    this = ctx.session_id if ctx is not None else None
    asked = 0
    for active in runtime._session_mgr.list_active_sessions():
        session = active.session
        if session.id == this:
            continue
        require(session, "_event_loop")
        require(session, "request_rerun")
        require(session, "_client_state")
        # Its last client state: the same page and widgets, as Streamlit's own rerun
        # after a source change does (None would send the tab to the home page).
        session._event_loop.call_soon_threadsafe(session.request_rerun, session._client_state)
        asked += 1
    return asked


def apply_all() -> None:
    """Every workaround, as the server needs them before it starts."""
    keep_requests_on_this_machine()

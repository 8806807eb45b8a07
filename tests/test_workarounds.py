"""ui/workarounds.py: each change to Streamlit's internals still finds what it changes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit import net_util

from ui import workarounds


def test_what_the_workarounds_change_still_exists_in_this_streamlit() -> None:
    # An upgrade that renames these fails here, before a server starts without them.
    workarounds.require(net_util, "_external_ip")
    workarounds.require(net_util, "_internal_ip")


def test_the_public_address_is_never_looked_up() -> None:
    workarounds.apply_all()
    # Set, these are returned as they are; unset, Streamlit asks checkip.amazonaws.com.
    assert net_util.get_external_ip() == workarounds.LOOPBACK
    assert net_util.get_internal_ip() == workarounds.LOOPBACK


def test_a_renamed_internal_stops_with_a_clear_message() -> None:
    upgraded = SimpleNamespace(__name__="streamlit.net_util")
    with pytest.raises(workarounds.WorkaroundOutdatedError, match="_external_ip is gone"):
        workarounds.require(upgraded, "_external_ip")


def test_what_rerunning_other_tabs_uses_still_exists_in_this_streamlit() -> None:
    import inspect

    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.session_manager import SessionManager

    assert callable(Runtime.exists)
    assert callable(Runtime.instance)
    assert "self._session_mgr" in inspect.getsource(Runtime.__init__)
    assert "self._event_loop" in inspect.getsource(AppSession.__init__)
    assert "self._client_state" in inspect.getsource(AppSession.__init__)
    assert callable(AppSession.request_rerun)
    assert callable(SessionManager.list_active_sessions)


def test_every_other_tab_is_asked_to_rerun_on_its_own_event_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner_utils import script_run_context

    scheduled: list[tuple[str, object]] = []

    def session(name: str) -> SimpleNamespace:
        loop = SimpleNamespace(call_soon_threadsafe=lambda call, arg: scheduled.append((name, arg)))
        return SimpleNamespace(
            id=name, _event_loop=loop, request_rerun=None, _client_state=f"{name}'s page"
        )

    sessions = [SimpleNamespace(session=session(name)) for name in ("mine", "tab 2", "tab 3")]
    manager = SimpleNamespace(list_active_sessions=lambda: sessions)
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    runtime = Runtime.__new__(Runtime)  # the real type, with only what is used
    runtime._session_mgr = manager
    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: runtime))
    monkeypatch.setattr(
        script_run_context, "get_script_run_ctx", lambda: SimpleNamespace(session_id="mine")
    )
    assert workarounds.rerun_other_sessions() == 2
    assert scheduled == [("tab 2", "tab 2's page"), ("tab 3", "tab 3's page")]


def test_outside_a_server_no_tab_is_asked() -> None:
    assert workarounds.rerun_other_sessions() == 0

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

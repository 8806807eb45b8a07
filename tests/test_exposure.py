"""What Closer exposes on the network: loopback only, XSRF and CORS on, the passcode gate.

Every connection here goes to 127.0.0.1. Requests that pretend to come from
another site only carry that site's name in a header; nothing leaves the machine.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.diary import Diary
from lib.entries import PRACTICE_KEYS, make_entry
from tests.apptest import THIS_WEEK
from tests.browser import (
    ROOT,
    START_TIMEOUT,
    Server,
    behind_passcode,
    free_port,
    open_page,
    require_chromium,
    rerun,
)

CONFIG = ROOT / ".streamlit" / "config.toml"
LOOPBACK = {"127.0.0.1", "::1"}
UPLOAD = "/_stcore/upload_file"
XSRF_COOKIE = "_streamlit_xsrf"
HIDDEN_NOTE = "HIDDEN_NOTE-NOTE-7d1f"
PASSCODE = "correct horse battery"
LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp


def test_the_config_keeps_closer_private() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "minimal"


# A server started the way `make run` starts it: the project's config and a port, nothing else.


@dataclass
class Running:
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)


def _only_the_project_config() -> dict[str, str]:
    # No STREAMLIT_* variables (they override config.toml) and no passcode.
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("STREAMLIT_") and name != "CLOSER_PASSCODE"
    }


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """`python serve.py --server.port N`, with no address flag."""
    folder = tmp_path_factory.mktemp("plain")
    port = free_port()
    log_path = folder / "streamlit.log"
    env = {**_only_the_project_config(), "CLOSER_DB": str(folder / "closer.json")}
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "serve.py", "--server.port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
    running = Running(process, port, log_path)
    try:
        _wait_until_healthy(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(running: Running) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {running.log_path}")
        try:
            url = f"http://127.0.0.1:{running.port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy; see {running.log_path}")


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    # IPv6: four 32-bit words, each in the kernel's (little-endian) byte order.
    words = b"".join(raw[index : index + 4][::-1] for index in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_sockets(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket process `pid` listens on, from /proc."""
    inodes = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == LISTEN and inode in inodes:
                address, port = local.split(":")
                found.append((_address(address), int(port, 16)))
    return found


def test_by_default_the_server_listens_on_loopback_only(plain_server: Running) -> None:
    sockets = listening_sockets(plain_server.process.pid)
    assert plain_server.port in {port for _, port in sockets}
    assert {address for address, _ in sockets} <= LOOPBACK, sockets
    banner = f"URL: http://127.0.0.1:{plain_server.port}"
    deadline = time.monotonic() + 10
    while banner not in plain_server.log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = plain_server.log_path.read_text()
    assert banner in log
    assert "Network URL" not in log
    assert "External URL" not in log


# XSRF and CORS: what another web page in the same browser could try.


def _request(
    running: Running, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> http.client.HTTPResponse:
    connection = running.connection()
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def _xsrf_cookie(running: Running) -> str:
    answer = _request(running, "GET", "/_stcore/health", {})
    for name, value in answer.getheaders():
        if name.lower() == "set-cookie" and value.startswith(f"{XSRF_COOKIE}="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise AssertionError("the server set no XSRF cookie")


def _file_body() -> tuple[bytes, str]:
    boundary = "closer-test-boundary"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="evil.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
        "week,connection\r\n"
        f"\r\n--{boundary}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={boundary}"


CROSS_SITE = {"Origin": "http://evil.example", "Referer": "http://evil.example/page"}


@pytest.mark.parametrize(
    ("method", "headers", "refused_with"),
    [
        ("PUT", {}, 403),
        ("PUT", {"X-Xsrftoken": "2|00000000|00000000|0"}, 403),
        ("PUT", {"Cookie": f"{XSRF_COOKIE}=2|00000000|00000000|0"}, 403),
        ("DELETE", {}, 403),
        ("POST", {}, 405),
    ],
    ids=["PUT-no-token", "PUT-token-no-cookie", "PUT-cookie-no-token", "DELETE", "POST"],
)
def test_a_cross_site_upload_without_the_xsrf_token_is_refused(
    plain_server: Running, method: str, headers: dict[str, str], refused_with: int
) -> None:
    body, content_type = _file_body()
    answer = _request(
        plain_server,
        method,
        f"{UPLOAD}/some-session/some-file",
        {**CROSS_SITE, **headers, "Content-Type": content_type},
        body,
    )
    assert answer.status == refused_with


def test_with_the_matching_xsrf_token_the_upload_gets_past_the_check(
    plain_server: Running,
) -> None:
    # The control for the test above: only the token was missing there.
    token = _xsrf_cookie(plain_server)
    body, content_type = _file_body()
    headers = {
        "Cookie": f"{XSRF_COOKIE}={token}",
        "X-Xsrftoken": token,
        "Content-Type": content_type,
    }
    answer = _request(plain_server, "PUT", f"{UPLOAD}/no-such-session/f", headers, body)
    assert answer.status == 400  # unknown session, no longer 403


def test_another_site_is_not_allowed_to_read_answers(plain_server: Running) -> None:
    answer = _request(plain_server, "GET", "/_stcore/health", CROSS_SITE)
    assert answer.status == 200
    assert answer.getheader("Access-Control-Allow-Origin") is None


# The WebSocket carries the diary to the page. Which Host and Origin may open it?


def websocket_status(port: int, host: str, origin: str) -> int:
    """The HTTP status of a WebSocket handshake with these headers (101 = accepted)."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n"
        f"Origin: {origin}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        head = b""
        while b"\r\n" not in head and len(head) < 4096:
            chunk = connection.recv(1024)
            if not chunk:
                break
            head += chunk
    return int(head.split(b" ", 2)[1])


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_the_page_opened_on_this_computer_gets_its_websocket(
    plain_server: Running, name: str
) -> None:
    host = f"{name}:{plain_server.port}"
    assert websocket_status(plain_server.port, host, f"http://{host}") == 101


def test_a_websocket_for_another_host_name_is_refused(plain_server: Running) -> None:
    host = f"rebind.example:{plain_server.port}"
    assert websocket_status(plain_server.port, host, f"http://{host}") != 101


# Checking a foreign Origin must not make the server ask the internet (checked in a
# child process with every outside connection stubbed out, so none is made).

ORIGIN_PROBE = """
import json, socket
import serve  # Closer's start-up, without starting the server
from streamlit import net_util
from streamlit.web.server.starlette import starlette_websocket

attempts = []
real_connect = socket.socket.connect

def guarded(self, address):
    if address[0] not in ("127.0.0.1", "::1", "localhost"):
        attempts.append(f"connect {address[0]}:{address[1]}")
        raise OSError("blocked by the test")
    return real_connect(self, address)

def no_http(url, timeout=5):
    attempts.append(f"GET {url}")

socket.socket.connect = guarded
net_util._make_blocking_http_get = no_http
allowed = starlette_websocket._is_origin_allowed("http://evil.example", "127.0.0.1:8501")
print(json.dumps({"allowed": allowed, "attempts": attempts}))
"""


@pytest.fixture(scope="module")
def origin_check() -> dict[str, object]:
    """What the probe saw: whether a foreign Origin was allowed, and what it tried to reach."""
    result = subprocess.run(
        [sys.executable, "-c", ORIGIN_PROBE],
        cwd=ROOT,
        env=_only_the_project_config(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def test_a_websocket_from_another_site_is_refused(origin_check: dict[str, object]) -> None:
    assert origin_check["allowed"] is False


def test_checking_a_foreign_origin_asks_nobody_on_the_internet(
    origin_check: dict[str, object],
) -> None:
    attempts = origin_check["attempts"]
    assert not [attempt for attempt in attempts if str(attempt).startswith("GET ")], attempts


# The passcode gate in a real browser: nothing of the diary before the passcode.


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Closer behind a passcode, on a diary holding a secret note (used by browser_page)."""
    require_chromium()
    db_path = tmp_path / "closer.json"
    diary = Diary.open(db_path)
    last_week = THIS_WEEK.shifted(-1)
    diary.save_entry(
        make_entry(last_week, dict.fromkeys(PRACTICE_KEYS, 4), {"mystery": HIDDEN_NOTE})
    )
    diary.close()
    with behind_passcode(tmp_path, PASSCODE) as running:
        yield running


def test_with_a_passcode_no_page_sends_the_diary_before_it_is_entered(
    browser_page, server: Server
) -> None:
    page = browser_page
    frames: list[bytes] = []

    def record(payload: str | bytes) -> None:
        frames.append(payload if isinstance(payload, bytes) else payload.encode("utf-8"))

    page.on("websocket", lambda socket_: socket_.on("framereceived", record))
    hidden = HIDDEN_NOTE.encode()
    for path in ("", "check-in", "data", "settings", "mystery"):
        open_page(page, server, path)
        # Checked once the page's script run has ended: all it sends is sent.
        expect(page.get_by_role("heading", name="Closer is locked")).to_be_visible()
        assert HIDDEN_NOTE not in page.content(), path
        expect(page.get_by_role("slider")).to_have_count(0)
        expect(page.get_by_role("button", name="Save check-in")).to_have_count(0)
        assert frames, "the WebSocket frames are being recorded"
        assert not any(hidden in frame for frame in frames), path

    expect(page).to_have_title("Locked · Closer")
    # A passcode the user already has: a password manager offers it, not a new one.
    expect(page.get_by_label("Passcode")).to_have_attribute("autocomplete", "current-password")
    page.get_by_label("Passcode").fill(PASSCODE)
    with rerun(page):
        page.keyboard.press("Enter")
    expect(page).to_have_title("A bit of mystery · Closer")
    page.get_by_role("tab", name="Your history").click()  # drawn already: no rerun
    expect(page.get_by_text(HIDDEN_NOTE)).to_be_visible()
    assert any(hidden in frame for frame in frames), "the frame check can see the note"

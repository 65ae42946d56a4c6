"""The kiosk watches itself: systemd hears WATCHDOG=1 only while the app answers and can write.

`kiosk serve` runs as systemd would start it (NOTIFY_SOCKET, WATCHDOG_USEC); the test is the
notify socket and reads what the kiosk tells it.
"""

import contextlib
import socket
import sqlite3
import time

import pytest

from bench.soak.kiosk import environment, free_port, kill, prepare, serve
from kiosk import selfcheck


@pytest.fixture
def notify_socket(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(0.1)
    yield sock
    sock.close()


def _messages(sock, seconds: float) -> list[str]:
    """Everything the kiosk said during the next `seconds`."""
    said, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(TimeoutError):
            said.append(sock.recv(4096).decode())
    return said


def test_watchdog_pings_stop_while_the_database_cannot_be_written(tmp_path, notify_socket):
    instance, port = tmp_path / "instance", free_port()
    prepare(instance)
    env = environment(instance, port) | {"NOTIFY_SOCKET": str(tmp_path / "notify"),
                                         "WATCHDOG_USEC": "1500000"}  # a round each 0.5 s
    server = serve(instance, port, env)
    try:
        first = _messages(notify_socket, 1.5)
        assert any("READY=1" in m for m in first) and sum("WATCHDOG=1" in m for m in first) >= 2
        blocker = sqlite3.connect(instance / "kiosk.db", timeout=5)
        blocker.execute("BEGIN IMMEDIATE")  # someone holds the write lock and never lets go
        _messages(notify_socket, 1.0)  # a ping already on its way may still arrive
        assert not any("WATCHDOG=1" in m for m in _messages(notify_socket, 2.0))
        blocker.rollback()
        blocker.close()
        assert any("WATCHDOG=1" in m for m in _messages(notify_socket, 2.0))
    finally:
        kill(server)


def test_no_ping_when_the_app_does_not_answer(app):
    loop = selfcheck.SelfCheck({**app.config, "PORT": free_port()}, interval=0.5)
    assert loop.round() is False
    assert loop.status.answers is False and loop.status.writes is True


def test_a_full_disk_keeps_the_pings_a_restart_would_not_free_space(app, monkeypatch):
    loop = selfcheck.SelfCheck(app.config, interval=0.5)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    monkeypatch.setattr(loop, "_answers", lambda: True)
    monkeypatch.setattr(loop, "_writes", lambda: (False, selfcheck.is_disk_full(full), str(full)))
    assert loop.round() is True
    assert loop.status.disk_full is True

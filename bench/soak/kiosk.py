"""A real `kiosk serve` for the soak and the tests: start it, kill it, talk to it over HTTP."""

import contextlib
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

BIN = Path(sys.executable).parent
KIOSK = BIN / "kiosk"
PIN = "2468"


class Browser:
    """The kiosk screen as HTTP sees it: one session cookie and the CSRF token (htmx requests)."""

    def __init__(self, port: int, timeout: float = 10.0) -> None:
        self.port, self.cookie, self.token, self.timeout = port, "", "", timeout
        page = self.send("GET", "/", htmx=False)[1]
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def send(self, method: str, path: str, body: str | bytes | None = None, htmx: bool = True,
             content_type: str = "application/x-www-form-urlencoded") -> tuple[int, str]:
        """One request on a fresh connection; raises OSError when the server dies under it."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Cookie": self.cookie} | ({"HX-Request": "true"} if htmx else {})
        if body is not None:
            headers |= {"X-CSRFToken": self.token, "Content-Type": content_type}
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            conn.close()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return response.status, text

    def resume(self, cookie: str, token: str) -> "Browser":
        """The same screen after a restart: the session cookie and its token go on."""
        self.cookie, self.token = cookie, token
        return self


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(instance: Path, port: int, **settings: str) -> dict:
    """The environment of a kiosk on 127.0.0.1:port with its own instance folder."""
    return {**os.environ, "KIOSK_INSTANCE_PATH": str(instance), "KIOSK_PORT": str(port),
            "KIOSK_LAN_LISTEN": "", "KIOSK_RECEIPT_PRINTER": f"file:{instance}/receipts/",
            "MALLOC_ARENA_MAX": "2",  # as kiosk.service sets it
            **{f"KIOSK_{key}": value for key, value in settings.items()}}


def serve(instance: Path, port: int, env: dict | None = None, wait: float = 30) -> subprocess.Popen:
    """Start `kiosk serve` and wait for its first healthy answer."""
    instance.mkdir(parents=True, exist_ok=True)
    with (instance / "serve.log").open("ab") as log:  # what the kiosk said, for a post-mortem
        server = subprocess.Popen([str(KIOSK), "serve"], env=env or environment(instance, port),
                                  stdout=log, stderr=log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and server.poll() is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        with contextlib.suppress(OSError), contextlib.closing(conn):
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        time.sleep(0.02)
    server.kill()
    raise AssertionError("kiosk serve did not start")


def kill(process: subprocess.Popen) -> None:
    """A power cut for this process: SIGKILL, nothing flushed, nothing said."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGKILL)
    process.wait(10)


def prepare(instance: Path, pieces: int = 1_000_000) -> int:
    """A migrated database with bags in stock, an open till and a volunteer; the volunteer's id."""
    from kiosk.db import connect, migrate
    from tests.helpers import add_volunteer, stock_and_open_till

    app = SimpleNamespace(config={"DATABASE": str(instance / "kiosk.db")})
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        migrate(db)
    stock_and_open_till(app, pieces=pieces)
    return add_volunteer(app, pin=PIN)["id"]


def rows(path: Path, sql: str, params=()) -> list:
    """Rows of a query on the database file, on a connection of its own."""
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as db:
        return db.execute(sql, params).fetchall()

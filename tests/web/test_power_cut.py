"""A power cut during sales: `kiosk serve` is killed (SIGKILL) at many moments while it sells.

After each restart every acknowledged receipt has exactly one print job and one audit line, and
the request that was cut off, sent again with the same idempotency key, gives one receipt with
one job. At the end every receipt is on paper at most once (exactly once when its job is done).
"""

import contextlib
import http.client
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import sales
from kiosk.db import connect, migrate
from tests.helpers import add_volunteer, stock_and_open_till

KILLS = 24
SEED = 20261127
KIOSK = Path(sys.executable).with_name("kiosk")
BASKETS = [("REST30", 2), ("PMD", 3), ("REST60", 1)]


class Browser:
    """The kiosk screen as HTTP sees it: one session cookie and the CSRF token (htmx requests)."""

    def __init__(self, port: int) -> None:
        self.port, self.cookie, self.token = port, "", ""
        page = self.send("GET", "/shop", htmx=False)[1]
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def send(self, method: str, path: str, body: str | None = None,
             htmx: bool = True) -> tuple[int, str]:
        """One request on a fresh connection; raises when the server dies under it."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": self.cookie} | ({"HX-Request": "true"} if htmx else {})
        if body is not None:
            headers |= {"X-CSRFToken": self.token,
                        "Content-Type": "application/x-www-form-urlencoded"}
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        return response.status, text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(instance: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(instance), "KIOSK_PORT": str(port),
           "KIOSK_LAN_LISTEN": "", "KIOSK_RECEIPT_PRINTER": f"file:{instance}/receipts/"}
    server = subprocess.Popen([str(KIOSK), "serve"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        with contextlib.suppress(OSError), contextlib.closing(conn):
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        time.sleep(0.02)
    server.kill()
    raise AssertionError("kiosk serve did not start")


def _sell(browser: Browser, volunteer_id: int, rng: random.Random, run: SimpleNamespace) -> None:
    """Sell until the server dies; note what was acknowledged and the confirm that was cut off."""
    try:
        while True:
            code, qty = rng.choice(BASKETS)
            for path, body in [("/shop/basket", f"code={code}&qty={qty}"), ("/shop/pay", ""),
                               ("/shop/pay/pin", f"volunteer_id={volunteer_id}&pin=2468"),
                               ("/shop/pay/method", "method=cash"),
                               ("/shop/pay/received", "received=10")]:
                status, _ = browser.send("POST", path, body)
                assert status < 400, (path, status)
            run.cut_off = (browser.cookie, browser.token)
            run.confirms.release()
            status, page = browser.send("POST", "/shop/pay/confirm", "")
            run.cut_off = None
            assert 200 <= status < 300, status
            run.acked.append(re.search(r"data-receipt-number>([^<]+)<", page).group(1))
            browser.send("GET", "/shop")  # the thank-you screen goes home: a new basket
    except (OSError, http.client.HTTPException):  # the server died under the request
        return


def _rows(path: Path, sql: str, params=()) -> list:
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as db:
        return db.execute(sql, params).fetchall()


def _jobs_and_audit(path: Path, number: str) -> tuple[int, int]:
    """How many original receipt jobs print this number, and how many audit lines name it."""
    jobs = _rows(path, "SELECT count(*) FROM print_jobs WHERE kind = 'receipt' AND reprint_of IS "
                       "NULL AND instr(payload, ?) > 0", [f'"{number}"'])[0][0]
    lines = _rows(path, "SELECT count(*) FROM audit_log WHERE action = 'sale' AND detail = ?",
                  [number])[0][0]
    return jobs, lines


def _prepare(instance: Path) -> int:
    app = SimpleNamespace(config={"DATABASE": str(instance / "kiosk.db")})
    with contextlib.closing(connect(app.config["DATABASE"])) as db:
        migrate(db)
    stock_and_open_till(app, pieces=100_000)
    return add_volunteer(app)["id"]


def _power_cut(server, port, volunteer_id, rng, acked) -> tuple[str, str] | None:
    """Sell, kill at a random moment (mostly during a confirm); return the cut-off confirm."""
    run = SimpleNamespace(acked=acked, cut_off=None, confirms=threading.Semaphore(0))
    seller = threading.Thread(target=_sell, args=(Browser(port), volunteer_id,
                                                  random.Random(rng.random()), run))
    seller.start()
    try:
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0, 0.8))  # anywhere: a basket, the PIN, the printer's work
        else:
            for _ in range(rng.randrange(1, 4)):  # inside the n-th confirm
                assert run.confirms.acquire(timeout=20)
            time.sleep(rng.uniform(0, 0.03))
    finally:
        _kill(server)
        seller.join(20)
    return run.cut_off


def _kill(server: subprocess.Popen) -> None:
    os.kill(server.pid, signal.SIGKILL)
    server.wait(10)


def _retry(port, cut_off, path) -> str:
    """Send the cut-off confirm again with its session (and so its idempotency key)."""
    browser = Browser.__new__(Browser)
    browser.port, (browser.cookie, browser.token) = port, cut_off
    status, page = browser.send("POST", "/shop/pay/confirm", "")
    assert 200 <= status < 300, (status, page[:300])
    number = re.search(r"data-receipt-number>([^<]+)<", page).group(1)
    assert _jobs_and_audit(path, number) == (1, 1), number
    return number


def test_power_cut_loses_no_receipt_and_prints_none_twice(tmp_path):
    rng = random.Random(SEED)
    instance, port = tmp_path / "instance", _free_port()
    db_path = instance / "kiosk.db"
    volunteer_id = _prepare(instance)
    acked: list[str] = []
    cut_off = None
    for _ in range(KILLS):
        server = _serve(instance, port)
        try:
            if cut_off is not None:
                acked.append(_retry(port, cut_off, db_path))
            for number in acked:
                assert _jobs_and_audit(db_path, number) == (1, 1), number
        except BaseException:
            _kill(server)
            raise
        cut_off = _power_cut(server, port, volunteer_id, rng, acked)
    server = _serve(instance, port)
    try:
        if cut_off is not None:
            acked.append(_retry(port, cut_off, db_path))
        _assert_all_on_paper_once(instance, db_path, acked)
    finally:
        server.terminate()
        server.wait(10)


def _assert_all_on_paper_once(instance: Path, db_path: Path, acked: list[str]) -> None:
    numbers = [row[0] for row in _rows(db_path, "SELECT number FROM receipts ORDER BY id")]
    assert len(acked) == len(set(acked)) and sorted(numbers) == sorted(acked)
    assert len(acked) >= KILLS // 2  # it did sell, through all those power cuts
    deadline = time.monotonic() + 10
    while _rows(db_path, "SELECT count(*) FROM print_jobs WHERE status IN ('queued', "
                         "'printing')")[0][0] and time.monotonic() < deadline:
        time.sleep(0.05)
    papers = [f.read_bytes() for f in (instance / "receipts").glob("*.escpos")]
    for number in numbers:
        assert _jobs_and_audit(db_path, number) == (1, 1), number
        (status,), = _rows(db_path, "SELECT status FROM print_jobs WHERE kind = 'receipt' AND "
                                    "instr(payload, ?) > 0", [f'"{number}"'])
        printed = sum(number.encode() in paper for paper in papers)
        assert (status, printed) in {("done", 1), ("unknown", 0), ("unknown", 1)}, number
    with contextlib.closing(connect(str(db_path))) as db:
        assert sales.verify_journal(db).ok

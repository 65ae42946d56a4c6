"""The shop through HTTP: sales per second end to end, and desk pages with a large journal.

Builds a kiosk instance whose journal already holds N receipts (default 100,000, recorded through
the domain API, so this takes a minute or two), serves it with `kiosk serve`, and measures:
- whole sales through HTTP (basket, pay, PIN, method, amount, confirm: what the screen does);
- the desk's sales page (today's totals + latest receipts) and dashboard, p50/p95;
- the X-report (the Z-report's figures) of today's session, with the whole journal behind it.
Run: `.venv/bin/python bench/bench_shop.py [--receipts N] [--sales N]`.
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sales  # noqa: E402
from bench.bench_routes import free_port, start  # noqa: E402
from kiosk import volunteers  # noqa: E402
from kiosk.db import connect, migrate  # noqa: E402

BASKETS = [{"REST30": 2, "PMD": 3}, {"REST60": 1}, {"PMD": 10}, {"REST30": 1, "REST60": 1}]
METHODS = [sales.Payment("cash", 2000), sales.Payment("bancontact_qr"), sales.Payment("cash"),
           sales.Payment("wero_qr")]


PER_DAY = 400  # the journal spread over the days since the 2026 tariff (more than a real day)


def seed(path: str, receipts: int) -> None:
    """A kiosk database whose journal holds `receipts` sales over past days, one till a day.

    Today then has an open till and no sales yet, like a morning at the buurtpunt.
    """
    db = connect(path)
    migrate(db)
    for code in ("REST30", "REST60", "PMD"):
        sales.record_intake(db, code, pieces=receipts * 10 + 100_000, volunteer="bench")
    volunteers.set_pin(db, "Bench", "2468")
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    days = -(-receipts // PER_DAY)
    for day in range(days, 0, -1):
        opened = today - timedelta(days=day)
        sales.open_session(db, 5000, "bench", now=opened)
        for i in range(min(PER_DAY, receipts - (days - day) * PER_DAY)):
            n = (days - day) * PER_DAY + i
            sales.record_sale(db, BASKETS[n % 4], METHODS[n % 4], "bench", f"seed-{n:027d}",
                              "BP1", now=opened + timedelta(minutes=1 + i))
        counted = sales.x_report(db, now=opened + timedelta(hours=9)).expected_cash_cents
        sales.close_session(db, counted, {}, "bench", now=opened + timedelta(hours=9))
    sales.open_session(db, 5000, "bench")
    db.close()


class Client:
    """One keep-alive browser-like client: a session cookie and the CSRF token."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.cookie = ""
        html = self._send("GET", "/shop", htmx=False)
        self.token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)

    def _send(self, method, path, body=None, htmx=True):
        headers = {"Cookie": self.cookie} | ({"HX-Request": "true"} if htmx else {})
        if body is not None:
            headers |= {"X-CSRFToken": self.token,
                        "Content-Type": "application/x-www-form-urlencoded"}
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        assert response.status < 400, (path, response.status, data[:300])
        return data

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, body=""):
        return self._send("POST", path, body)


def one_sale(client: Client, volunteer_id: int) -> None:
    client.post("/shop/basket", "code=REST30&qty=2")
    client.post("/shop/basket", "code=PMD&qty=1")
    client.post("/shop/pay")
    client.post("/shop/pay/pin", f"volunteer_id={volunteer_id}&pin=2468")
    client.post("/shop/pay/method", "method=cash")
    client.post("/shop/pay/received", "received=10")
    assert "data-receipt-number" in client.post("/shop/pay/confirm")


def timed_gets(client: Client, path: str, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        began = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=100)[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=100_000)
    parser.add_argument("--sales", type=int, default=200)
    args = parser.parse_args()
    instance = tempfile.mkdtemp(prefix="kiosk-bench-shop-")
    path = f"{instance}/kiosk.db"
    began = time.perf_counter()
    seed(path, args.receipts)
    print(f"seeded {args.receipts} receipts in {time.perf_counter() - began:.0f} s")

    db = connect(path)
    x_times = []
    for _ in range(5):
        began = time.perf_counter()
        sales.x_report(db)
        x_times.append((time.perf_counter() - began) * 1000)
    db.close()

    port = free_port()
    env = {**os.environ, "KIOSK_INSTANCE_PATH": instance, "KIOSK_PORT": str(port),
           "KIOSK_RECEIPT_PRINTER": f"file:{instance}/receipts/"}
    server, _ = start([str(Path(sys.executable).parent / "kiosk"), "serve"], port, env)
    try:
        client = Client(port)
        one_sale(client, 1)
        began = time.perf_counter()
        for _ in range(args.sales):
            one_sale(client, 1)
        per_second = args.sales / (time.perf_counter() - began)
        client.get("/desk/login?v=1")
        client.post("/desk/login", "volunteer_id=1&pin=2468")
        journal = timed_gets(client, "/desk/bonnen", 100)
        dashboard = timed_gets(client, "/desk", 100)
    finally:
        server.terminate()
        server.wait()
    print(f"whole sales through HTTP (7 requests each, argon2 PIN check included): "
          f"{per_second:.1f} sales/s")
    print(f"with {args.receipts:,} receipts in the journal (target: under 50 ms):")
    print(f"  desk sales page  p50 {journal[0]:.1f} ms, p95 {journal[1]:.1f} ms")
    print(f"  desk dashboard   p50 {dashboard[0]:.1f} ms, p95 {dashboard[1]:.1f} ms")
    print(f"  X/Z-report figures of today's session: median {statistics.median(x_times):.1f} ms")
    subprocess.run(["rm", "-rf", instance], check=False)


if __name__ == "__main__":
    main()

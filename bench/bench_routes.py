"""Route latency, memory, page weight and start-up of the kiosk, as ratios to a bare Flask app.

Serves the kiosk (`kiosk serve`) and bench/bare_app.py with the same waitress settings, one after
the other in one run, and measures each with one keep-alive client on loopback.
Run: `make bench` (or `.venv/bin/python bench/bench_routes.py [requests-per-route]`).
"""

import html
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
N = 3000
ROUNDS = 3
CHROMIUM_ENCODINGS = "gzip, deflate, br, zstd"
# Every page a visitor can open, the desk's door and the health check.
ROUTES = ["/", "/checkin", "/checkin/bedankt", "/shop", "/print", "/print/status", "/ideas",
          "/ideas/wall", "/activities", "/volunteer", "/desk/login", "/healthz", "/rights", "/info",
          "/info/place/sociaal-huis", "/info/online", "/help", "/help/now", "/shifts/on-duty"]
# A panel: the page it belongs to (the home screen's panels draw themselves, so their own first
# answer says how they poll).
POLLED = {"/print/status": "/print", "/help/now": "/help/now", "/shifts/on-duty": "/shifts/on-duty"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], port: int, env: dict) -> tuple[subprocess.Popen, float]:
    """Start a server; return it and the seconds from process start to its first 200."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while time.perf_counter() - began < 30:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return proc, time.perf_counter() - began
        except OSError:
            time.sleep(0.01)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stderr.read().decode()}")


def timed(conn, method, path, body=None, headers=None) -> tuple[float, int, bytes]:
    began = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return (time.perf_counter() - began) * 1000, response.status, data


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return statistics.median(samples), cuts[94]


def measure_get(port: int, path: str, n: int) -> list[float]:
    """GETs like a browser makes them: keep-alive, sending back the session cookie it got.

    A panel that refreshes itself (POLLED) is asked the way htmx asks: after its page, at the
    address that page polls.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", POLLED.get(path, path))
    response = conn.getresponse()
    page = response.read().decode()
    cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
    headers = {"Cookie": cookie} if cookie else {}
    if path in POLLED:
        headers["HX-Request"] = "true"
        path = html.unescape(re.search(r'hx-get="([^"]+)" hx-trigger="every', page).group(1))
    for _ in range(20):
        timed(conn, "GET", path, headers=headers)
    return [timed(conn, "GET", path, headers=headers)[0] for _ in range(n)]


def measure_insert(port: int, n: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    return [timed(conn, "POST", "/insert", "")[0] for _ in range(n)]


def measure_checkin(port: int, n: int) -> list[float]:
    """POST /checkin like the screen does (htmx, CSRF header, a fresh key each time)."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/checkin")
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
    headers = {"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true",
               "Content-Type": "application/x-www-form-urlencoded"}
    samples = []
    for _ in range(n):
        body = f"reason=koffie&reason=buren&key={uuid.uuid4().hex}"
        ms, status, _ = timed(conn, "POST", "/checkin", body, headers)
        assert status == 200, status
        samples.append(ms)
    return samples


def page_weight(port: int, encodings: str = "") -> int:
    """Bytes over the wire for the home page and everything it loads.

    Chromium sends `Accept-Encoding: gzip, deflate, br, zstd`; "" asks for the files as they are.
    """
    conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Accept-Encoding": encodings} if encodings else {}
    conn.request("GET", "/", headers=headers)
    response = conn.getresponse()
    html = response.read()
    total = len(html) + len(str(response.headers))
    for asset in re.findall(rb'(?:src|href)="(/static/[^"]+)"', html):
        conn.request("GET", asset.decode(), headers=headers)
        response = conn.getresponse()
        total += len(response.read()) + len(str(response.headers))
    return total


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def alternate(jobs: dict) -> dict:
    """Run every measurement ROUNDS times, round-robin, so each sees the same noisy machine.

    Returns each job's p50 and p95: the median over its rounds.
    """
    results = {name: [] for name in jobs}
    for _ in range(ROUNDS):
        for name, (measure, *args) in jobs.items():
            results[name].append(percentiles(measure(*args, N // ROUNDS)))
    return {name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs))
            for name, rs in results.items()}


def main() -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    instance = tempfile.mkdtemp(prefix="kiosk-bench-")
    bare_port, port = free_port(), free_port()
    bare, bare_start = start([sys.executable, str(ROOT / "bench" / "bare_app.py"),
                              str(bare_port), f"{instance}/bare.db"], bare_port, env)
    kiosk_env = {**env, "KIOSK_INSTANCE_PATH": instance, "KIOSK_PORT": str(port)}
    subprocess.run([str(BIN / "kiosk"), "init-db"], env=kiosk_env, check=True,
                   stdout=subprocess.DEVNULL)
    kiosk, kiosk_start = start([str(BIN / "kiosk"), "serve"], port, kiosk_env)
    try:
        jobs = {"floor": (measure_get, bare_port, "/"), "floor_write": (measure_insert, bare_port)}
        jobs.update({f"GET {path}": (measure_get, port, path) for path in ROUTES})
        jobs["POST /checkin"] = (measure_checkin, port)
        figures = alternate(jobs)
        floor, floor_write = figures.pop("floor"), figures.pop("floor_write")
        rows = [(name, *figure, floor_write if name.startswith("POST") else floor)
                for name, figure in figures.items()]
        for server_port in (bare_port, port):
            conn = http.client.HTTPConnection("127.0.0.1", server_port)
            for _ in range(5000):
                timed(conn, "GET", "/")
        bare_rss, kiosk_rss = rss_mb(bare.pid), rss_mb(kiosk.pid)
        weight = page_weight(port, CHROMIUM_ENCODINGS), page_weight(port)
    finally:
        for proc in (bare, kiosk):
            proc.terminate()
            proc.wait()
    report(floor, floor_write, rows, (kiosk_rss, bare_rss), weight, (kiosk_start, bare_start))


def report(floor, floor_write, rows, rss, weight, starts) -> None:
    print(f"bare Flask under waitress (threads=8), one keep-alive client, {N} requests a route:")
    print(f"  GET / 'hello'   p50 {floor[0]:.2f} ms, p95 {floor[1]:.2f} ms")
    print(f"  POST /insert    p50 {floor_write[0]:.2f} ms, p95 {floor_write[1]:.2f} ms "
          "(one sqlite-utils insert, synchronous=FULL)")
    print(f"{'kiosk route':<20}{'p50 ms':>9}{'p95 ms':>9}{'p95 / bare':>12}")
    for name, p50, p95, base in rows:
        print(f"{name:<20}{p50:>9.2f}{p95:>9.2f}{p95 / base[1]:>11.2f}x")
    print(f"RSS after 5,000 more requests: kiosk {rss[0]:.1f} MB, bare {rss[1]:.1f} MB "
          "(target <= 80 MB)")
    print(f"home page over the wire, with htmx, css and js: {weight[0] / 1024:.1f} KiB "
          f"as Chromium asks for it ({weight[1] / 1024:.1f} KiB uncompressed; target <= 100 KB)")
    print(f"process start to first 200: kiosk {starts[0]:.2f} s, bare {starts[1]:.2f} s "
          "(target <= 1.5 s)")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        N = int(sys.argv[1])
    main()

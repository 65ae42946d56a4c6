"""Load with printer faults: 20 clients on the visitor and desk routes while the printer misbehaves.

The receipt printer is the fake network printer of the tests (tests/unit/printer/conftest.py),
switched every few seconds between accepting, refusing, hanging, dropping mid-job and paper out.
Measured: 5xx answers, p95 and the slowest request (none may wait more than 2 s), the kiosk's
RSS before and after (growth under 10 %); then the printer recovers and every receipt must be
on paper exactly once, or wait for a volunteer (a job cut off mid-way), never twice.
"""

import random
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from bench.soak.clients import sell
from bench.soak.kiosk import PIN, Browser, environment, free_port, prepare, rows, serve

VISITOR = ["/", "/checkin", "/shop", "/print", "/ideas", "/ideas/wall", "/healthz"]
DESK = ["/desk", "/desk/bonnen", "/desk/cash", "/desk/stock", "/desk/printer", "/desk/ideas",
        "/desk/printer/jobs", "/desk/catalogue"]
FAULTS = ["refuse", "hang", "drop", "paper_out", "accept"]


@dataclass
class Load:
    """What the load saw."""

    requests: int = 0
    server_errors: int = 0
    latencies: list = field(default_factory=list)
    slow: list = field(default_factory=list)
    rss_mb: tuple = (0.0, 0.0)
    violations: list = field(default_factory=list)

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000 if self.latencies else 0.0


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def _timed(browser, load, lock, method, path, body=None):
    began = time.monotonic()
    status, page = browser.send(method, path, body, htmx=False)
    spent = time.monotonic() - began
    with lock:
        load.requests += 1
        load.latencies.append(spent)
        load.server_errors += status >= 500
        if spent > 2.0:
            load.slow.append(f"{method} {path} took {spent:.1f} s")
    return status, page


def _desk_login(browser: Browser, volunteer_id: int) -> None:
    browser.send("GET", f"/desk/login?v={volunteer_id}", htmx=False)
    browser.send("POST", "/desk/login", f"volunteer_id={volunteer_id}&pin={PIN}")


def _client(port, number, volunteer_id, until, load, lock, rng, think=(0.05, 0.25)) -> None:
    # Each client its own volunteer: five PINs at once for one volunteer is a guessing attack
    # (the lockout counts a try before it is checked), not what one kiosk screen ever sends.
    browser = Browser(port)
    desk = number % 5 == 0  # four visitors to each volunteer
    if desk:
        _desk_login(browser, volunteer_id)
    while time.monotonic() < until:
        time.sleep(rng.uniform(*think))  # a person taps; 20 of them at once on one kiosk
        if desk:
            _timed(browser, load, lock, "GET", rng.choice(DESK))
        elif rng.random() < 0.1:
            began = time.monotonic()
            sell(browser, ("PMD", 1), volunteer_id)
            browser.send("GET", "/shop")
            with lock:
                load.latencies.append((time.monotonic() - began) / 7)  # 7 requests
                load.requests += 7
        elif rng.random() < 0.2:
            _timed(browser, load, lock, "POST", "/checkin",
                   f"reason=koffie&key={uuid.uuid4().hex}")
        else:
            _timed(browser, load, lock, "GET", rng.choice(VISITOR))


def _run(port, volunteers, seconds, load, lock, printer, rng) -> None:
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, n, volunteer, until, load, lock,
                                                      random.Random(rng.random())))
               for n, volunteer in enumerate(volunteers)]
    threads.append(threading.Thread(target=_faults, args=(printer, until, rng)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)


def _faults(printer, until, rng) -> None:
    while time.monotonic() < until:
        printer.set_mode(rng.choice(FAULTS))
        time.sleep(rng.uniform(1.0, 4.0))
    printer.set_mode("accept")


def load_with_faults(folder: Path, seconds: float, clients: int = 20, seed: int = 7) -> Load:
    """Run the load and the printer faults; the figures and any violation."""
    from tests.helpers import add_volunteer
    from tests.unit.printer.conftest import FakePrinter

    printer, rng, load, lock = FakePrinter(), random.Random(seed), Load(), threading.Lock()
    instance, port = folder / "instance", free_port()
    prepare(instance)
    volunteers = [add_volunteer(SimpleNamespace(config={"DATABASE": str(instance / "kiosk.db")}),
                                f"Vrijwilliger {n}", PIN)["id"] for n in range(clients)]
    env = environment(instance, port, RECEIPT_PRINTER=printer.address, THREADS="24")
    server = serve(instance, port, env)
    try:
        # A warm-up with the same load first: RSS growth is measured after it, not first use.
        _run(port, volunteers, max(5.0, seconds / 6), Load(), lock, printer, rng)
        before = _rss_mb(server.pid)
        _run(port, volunteers, seconds, load, lock, printer, rng)
        load.rss_mb = (before, _rss_mb(server.pid))
        load.violations += _paper(instance / "kiosk.db", printer)
    finally:
        server.terminate()
        server.wait(10)
        printer.close()
    load.violations += load.slow[:5] + [f"{load.server_errors} answers 5xx"] * bool(
        load.server_errors)
    if load.rss_mb[1] > 1.1 * load.rss_mb[0]:
        load.violations.append(f"RSS grew from {load.rss_mb[0]:.0f} to {load.rss_mb[1]:.0f} MB")
    return load


def _paper(db: Path, printer, wait: float = 90.0) -> list[str]:
    """Once the printer is back: each receipt printed once or waiting for a volunteer."""
    deadline = time.monotonic() + wait
    while rows(db, "SELECT count(*) FROM print_jobs WHERE kind = 'receipt' AND status IN "
                   "('queued', 'printing')")[0][0] and time.monotonic() < deadline:
        time.sleep(0.5)
    problems = []
    for number, status in rows(db, "SELECT r.number, j.status FROM receipts r JOIN print_jobs j "
                                   "ON j.ref = 'receipt:' || r.number"):
        printed = printer.printed(number.encode())
        if printed > 1 or (status == "done" and printed != 1) or status not in ("done",
                                                                                 "unknown"):
            problems.append(f"receipt {number}: job {status}, on paper {printed} times")
    return problems

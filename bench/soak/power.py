"""Power cuts: `kiosk serve` SIGKILLed at random moments while every soak client works.

After each restart: the request the cut interrupted is sent again (same idempotency key), then
every acknowledged write must be there exactly once, the journal must verify (numbers without
gaps, the chain), stock and cash must match the journal, every receipt must have one print job;
at the end, no slip may be on paper twice.
"""

import contextlib
import http.client
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.soak.clients import CLIENTS, Run
from bench.soak.kiosk import Browser, free_port, kill, prepare, rows, serve


@dataclass
class PowerCuts:
    """What the power-cut soak did and found."""

    cycles: int = 0
    acked: dict = field(default_factory=dict)
    violations: list = field(default_factory=list)
    seconds: float = 0.0


def _act(client, port, rng, run, volunteer_id, violations) -> None:
    try:
        client.act(Browser(port), rng, run, volunteer_id)
    except (OSError, http.client.HTTPException):
        return  # the power went: the server died under the request
    except AssertionError as error:
        violations.append(f"{client.name}: {error}")


def _cycle(port, volunteer_id, rng, runs, clients, violations, hold=(0.3, 1.4)) -> None:
    threads = [threading.Thread(target=_act, args=(c, port, random.Random(rng.random()),
                                                   runs[c.name], volunteer_id, violations))
               for c in clients]
    for thread in threads:
        thread.start()
    time.sleep(rng.uniform(*hold))


def journal_problems(db: Path) -> list[str]:
    """The journal verifies, and stock moved exactly as the journal's bag lines say."""
    from kiosk.db import connect
    from sales import verify_journal

    with contextlib.closing(connect(str(db))) as conn:
        check = verify_journal(conn)
    problems = [] if check.ok else [f"journal: {check.problem} at {check.first_bad}"]
    sold = dict(rows(db, "SELECT l.product, sum(l.qty) FROM receipt_lines l JOIN receipts r ON "
                         "r.id = l.receipt_id WHERE r.training = 0 GROUP BY l.product"))
    moved = dict(rows(db, "SELECT product, -sum(pieces) FROM stock_moves WHERE kind IN "
                          "('sale', 'void') GROUP BY product"))
    problems += [f"stock of {code}: journal {qty}, stock moves {moved.get(code)}"
                 for code, qty in sold.items() if moved.get(code) != qty]
    balance = dict(rows(db, "SELECT product, pieces FROM stock_balance"))
    problems += [f"stock balance of {code}: {balance.get(code)}, stock moves {pieces}"
                 for code, pieces in rows(db, "SELECT product, sum(pieces) FROM stock_moves "
                                              "GROUP BY product") if balance.get(code) != pieces]
    return problems + cash_problems(db)


def cash_problems(db: Path) -> list[str]:
    """The till expects its float plus the cash each sale took in (handed over, less change)."""
    from kiosk.db import connect
    from sales import x_report

    with contextlib.closing(connect(str(db))) as conn:
        report = x_report(conn)
    ((taken,),) = rows(db, "SELECT coalesce(sum(coalesce(received_cents - change_cents, "
                           "total_cents)), 0) FROM receipts WHERE session_id = ? AND "
                           "payment_method = 'cash' AND training = 0", [report.session_id])
    expected = report.float_cents + taken + report.cash_in_cents - report.cash_out_cents
    if report.expected_cash_cents != expected:
        return [f"cash: the till expects {report.expected_cash_cents} cents, the receipts say "
                f"{expected}"]
    return []


def _restart_checks(port, db, runs, clients) -> list[str]:
    found = []
    for client in clients:
        run = runs[client.name]
        if client.retry and run.cut_off is not None:
            try:
                run.acked.append(client.retry(port, run.cut_off))
            except AssertionError as error:
                found.append(f"{client.name} retry: {error}")
            run.cut_off = None
        found += client.check(db, run.acked)
    return found + journal_problems(db)


def power_cuts(folder: Path, cycles: int, seed: int = 20261127, clients=None,
               hold: tuple[float, float] = (0.3, 1.4)) -> PowerCuts:
    """Run `cycles` power cuts on a fresh kiosk in folder, each `hold` seconds after the start."""
    clients, rng, began = clients or CLIENTS, random.Random(seed), time.monotonic()
    instance, port = folder / "instance", free_port()
    volunteer_id, db = prepare(instance), instance / "kiosk.db"
    runs, result = {c.name: Run() for c in clients}, PowerCuts()
    for _ in range(cycles):
        server = serve(instance, port)
        try:
            result.violations += _restart_checks(port, db, runs, clients)
            _cycle(port, volunteer_id, rng, runs, clients, result.violations, hold)
        finally:
            kill(server)
        result.cycles += 1
    server = serve(instance, port)
    try:
        result.violations += _restart_checks(port, db, runs, clients)
        result.violations += printed_once(instance, db)
    finally:
        server.terminate()
        server.wait(10)
    result.acked = {name: len(run.acked) for name, run in runs.items()}
    result.seconds = time.monotonic() - began
    return result


def printed_once(instance: Path, db: Path, wait: float = 15.0) -> list[str]:
    """Once the queue has drained, no receipt is on paper twice."""
    deadline = time.monotonic() + wait
    while rows(db, "SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'printing')")[0][0]:
        if time.monotonic() > deadline:
            return ["the print queue did not drain"]
        time.sleep(0.05)
    papers = [f.read_bytes() for f in (instance / "receipts").glob("*.escpos")]
    numbers = [n for (n,) in rows(db, "SELECT number FROM receipts")]
    return [f"receipt {n} printed {count} times" for n in numbers
            if (count := sum(n.encode() in paper for paper in papers)) > 1]

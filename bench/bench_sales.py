"""Benchmark the sales domain: record_sale latency with synchronous=FULL, verify and reports.

Run from the repository root: `python -m bench.bench_sales [--sales N] [--journal N]`.
"""

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from sales import (
    DEFAULT_CATALOGUE,
    Payment,
    close_session,
    load_catalogue,
    migrations,
    open_session,
    record_intake,
    record_sale,
    verify_journal,
    x_report,
)

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
BASKETS = [{"REST30": 2, "PMD": 3}, {"REST60": 1}, {"PMD": 10}, {"REST30": 1, "REST60": 1}]
SESSION_SIZE = 200
METHODS = [Payment("cash", 2000), Payment("bancontact_qr"), Payment("cash"), Payment("wero_qr")]


def open_db(path: Path) -> Database:
    """Open the file with the kiosk's pragmas (WAL, synchronous=FULL, foreign keys)."""
    db = Database(sqlite3.connect(str(path)))
    db.execute("PRAGMA busy_timeout = 5000")
    db.enable_wal()
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def prepare(db: Database, receipts: int) -> None:
    """Load the catalogue, enough stock for every sale, and open the drawer."""
    migrations.apply(db)
    load_catalogue(db, DEFAULT_CATALOGUE, now=NOW)
    for code in ("REST30", "REST60", "PMD"):
        record_intake(db, code, pieces=receipts * 10 + 1000, volunteer="bench", now=NOW)
    open_session(db, 5000, "bench", now=NOW)


def sell(db: Database, n: int) -> float:
    """Record sale number n and return its duration in milliseconds."""
    start = time.perf_counter()
    record_sale(db, BASKETS[n % 4], METHODS[n % 4], "bench", f"bench-{n}", "BP1", now=NOW)
    return (time.perf_counter() - start) * 1000


def timed(fn) -> tuple[float, object]:
    """Return (milliseconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sales", type=int, default=2000, help="timed record_sale calls")
    parser.add_argument("--journal", type=int, default=10_000, help="receipts for verify/report")
    parser.add_argument("--dir", type=Path, default=None, help="where the database file goes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = open_db(Path(tmp) / "bench.db")
        prepare(db, max(args.sales, args.journal))
        started = time.perf_counter()
        durations = [sell(db, n) for n in range(args.sales)]
        elapsed = time.perf_counter() - started
        cuts = statistics.quantiles(durations, n=100)
        print(f"record_sale x{args.sales}: p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, "
              f"max {max(durations):.2f} ms, {args.sales / elapsed:.0f} sales/s")
        # The rest of the journal is filled in day-sized sessions, as a buurtpunt would.
        for n in range(args.sales, args.journal):
            if n % SESSION_SIZE == 0:
                close_session(db, 0, {}, "bench", now=NOW)
                open_session(db, 5000, "bench", now=NOW)
            sell(db, n)
        verify_ms, check = timed(lambda: verify_journal(db))
        print(f"verify_journal over {check.receipts_checked} receipts: {verify_ms:.0f} ms "
              f"(ok={check.ok})")
        report_ms, report = timed(lambda: x_report(db, now=NOW))
        print(f"x_report (the Z-report's computation) of a {report.sales_count}-sale session "
              f"in a journal of {check.receipts_checked} receipts: {report_ms:.1f} ms")
        db.close()


if __name__ == "__main__":
    main()

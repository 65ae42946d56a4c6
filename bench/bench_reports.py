"""Benchmark the month's report: the desk's page, `kiosk export` and `kiosk combine`.

Five years of one busy buurtpunt (250,000 visits with reasons, 100,000 receipts, 20,000 help
tickets; bench/busy_kiosk.py) go into a temporary kiosk. Timed: `kiosk export` of one month
(target < 2 s; in the process, and once as a whole `kiosk export` process), then the twelve
months of the last year exported and copied as eight kiosks' (a changed kiosk id and manifest),
and `kiosk combine` of those 96 files (target < 30 s), once into a new city file and once more
into the same file (each kiosk's month replaced).
Run: `.venv/bin/python -m bench.bench_reports [--visits N] [--receipts N] [--tickets N]`.
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import busy_kiosk
from kiosk import create_app, monthfile
from kiosk.db import connect, migrate
from sales import verify_journal

MONTH = "2026-06"
YEAR = ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
KIOSKS = 8


def build(instance: Path, args) -> object:
    """A kiosk BP1 in INSTANCE with five years of data; its app."""
    app = create_app({"INSTANCE_PATH": str(instance), "KIOSK_ID": "BP1",
                      "BUURTPUNT_NAME": "Buurtpunt De Brug", "RECEIPT_PRINTER": "dummy"})
    db = connect(app.config["DATABASE"])
    migrate(db)
    pick = random.Random(14)
    for name, count in (("visits", args.visits), ("receipts", args.receipts),
                        ("tickets", args.tickets)):
        began = time.perf_counter()
        getattr(busy_kiosk, name)(db, count, pick)
        print(f"{count:>7} {name} written in {time.perf_counter() - began:.1f} s")
    check = verify_journal(db)
    print(f"journal verified: {check.receipts_checked} receipts, ok={check.ok}")
    db.close()
    return app


def export(app, month: str, out: Path) -> float:
    """Seconds `kiosk export --month MONTH --out OUT` takes in this process."""
    began = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["export", "--month", month, "--out", str(out)])
    seconds = time.perf_counter() - began
    if result.exit_code != 0:
        sys.exit(f"kiosk export failed: {result.output}")
    return seconds


def report_page(app, month: str, times: int = 10) -> list[float]:
    """Milliseconds the desk's /desk/reports?month=MONTH takes, TIMES times, logged in."""
    from tests.helpers import add_volunteer, log_in

    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    log_in(client, add_volunteer(app, "Bench"))
    found = []
    for _ in range(times):
        began = time.perf_counter()
        response = client.get(f"/desk/reports?month={month}")
        found.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200 or b'data-figure="visits_per_day"' not in response.data:
            sys.exit(f"the report page failed: {response.status_code}")
    return found


def export_process(instance: Path, out: Path) -> float:
    """Seconds a whole `kiosk export` process takes (Python's start and imports included)."""
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(instance), "KIOSK_KIOSK_ID": "BP1"}
    began = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "kiosk"), "export", "--month", MONTH,
                    "--out", str(out)], env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def as_kiosk(path: Path, kiosk_id: str, out: Path) -> Path:
    """A copy of month file PATH as kiosk KIOSK_ID's, with its own manifest."""
    manifest = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    copy = out / path.name.replace(manifest["kiosk"], kiosk_id, 1)
    shutil.copyfile(path, copy)
    with sqlite3.connect(copy) as conn:
        for table in manifest["rows"]:
            conn.execute(f'UPDATE "{table}" SET kiosk = ?', [kiosk_id])  # noqa: S608
    conn.close()
    manifest.update(kiosk=kiosk_id, buurtpunt=f"Buurtpunt {kiosk_id}", file=copy.name,
                    sha256=monthfile.sha256(copy))
    copy.with_suffix(".json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


def combine(app, files: list[Path], city: Path) -> float:
    """Seconds `kiosk combine FILES --out CITY` takes in this process."""
    began = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["combine", *map(str, files), "--out", str(city)])
    if result.exit_code != 0:
        sys.exit(f"kiosk combine failed: {result.output}")
    return time.perf_counter() - began


def main() -> None:
    """Build the busy kiosk, time the export and the combine, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=250_000)
    parser.add_argument("--receipts", type=int, default=100_000)
    parser.add_argument("--tickets", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-reports-") as tmp:
        root = Path(tmp)
        app = build(root / "kiosk", args)
        page = sorted(report_page(app, MONTH))
        print(f"/desk/reports?month={MONTH} (this month and the one before): median "
              f"{statistics.median(page):.0f} ms, p95 {page[int(0.95 * (len(page) - 1))]:.0f} ms "
              "(target < 200 ms)")
        runs = [export(app, MONTH, root / f"run{n}") for n in range(3)]
        manifest = json.loads((root / "run0" / f"BP1-{MONTH}.json").read_text())
        print(f"kiosk export --month {MONTH} ({manifest['rows']}): median "
              f"{statistics.median(runs):.2f} s, max {max(runs):.2f} s (target < 2 s)")
        print(f"the same as a whole process: {export_process(root / 'kiosk', root / 'p'):.2f} s")
        usb = root / "usb"
        year = [export(app, month, usb) for month in YEAR]
        print(f"kiosk export of each month {YEAR[0]}..{YEAR[-1]}: "
              f"{min(year):.2f}-{max(year):.2f} s")
        files = sorted(usb.glob("BP1-*.db"))
        files += [as_kiosk(path, f"BP{k}", usb) for k in range(2, KIOSKS + 1) for path in files]
        first = combine(app, files, root / "city.db")
        again = combine(app, files, root / "city.db")
        with sqlite3.connect(root / "city.db") as conn:
            rows = conn.execute("SELECT count(*) FROM figures").fetchone()[0]
        conn.close()
        print(f"kiosk combine of {len(files)} files (12 months x {KIOSKS} kiosks, {rows} figure "
              f"rows): {first:.2f} s, into the same city file again {again:.2f} s "
              "(target < 30 s)")


if __name__ == "__main__":
    main()

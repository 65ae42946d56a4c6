"""Printer benchmarks: receipt layout+encode time, enqueue latency, worker drain rate to file:."""

import statistics
import tempfile
import time
from pathlib import Path

from printer import queue
from printer.address import Profile
from printer.dbtools import connect
from printer.devices import make_printer
from printer.escpos_render import render
from printer.migrations import apply
from printer.slip import BigNumber, Header, QRCode, Row, Rule, Slip, Text, Total
from printer.worker import PrintWorker


def receipt(number: int) -> Slip:
    """A typical waste-bag sale receipt."""
    return Slip(
        header=Header("Buurtpunt Sint-Gillis", ["Kerkstraat 12", "9200 Dendermonde"]),
        title="Kassabon",
        printed_at="24-11-2025 14:03",
        body=[
            Text(f"Bon nr. 2025-{number:06d}"),
            Row("2 x Restafvalzak 60 l (rol van 10)", "€ 30,00"),
            Row("1 x Pmd-zak (rol van 20)", "€ 3,00"),
            Row("1 x Gft-sticker", "€ 1,45"),
            Rule(),
            Total("Totaal", 3445),
            Row("Betaald met", "Bancontact"),
            Text("Bedankt en tot ziens in het buurtpunt. Vragen? Kom gerust eens langs.", "center"),
            BigNumber("A17", "Je volgnummer"),
            QRCode("https://www.dendermonde.be/buurtpunten"),
        ],
        footer=["Btw niet van toepassing", "Open ma-vr 9u-12u"],
    )


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p50 = statistics.median(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    return f"p50 {p50:.3f} ms, p95 {p95:.3f} ms (n={len(ms)})"


def bench_render(n: int = 2000) -> None:
    profile = Profile(paper_mm=80)
    samples = []
    for i in range(n):
        slip = receipt(i)
        start = time.perf_counter()
        render(slip, profile)
        samples.append(time.perf_counter() - start)
    print(f"layout+encode receipt: {percentiles(samples)}  [target p95 <= 5 ms]")


def bench_enqueue(folder: Path, n: int = 1000) -> None:
    db = connect(folder / "enqueue.db")
    apply(db)
    samples = []
    for i in range(n):
        slip = receipt(i)
        start = time.perf_counter()
        queue.enqueue(db, "receipt", slip)
        samples.append(time.perf_counter() - start)
    print(f"enqueue (own commit, synchronous=FULL): {percentiles(samples)}")
    db.close()


def bench_drain(folder: Path, n: int = 500) -> None:
    path = folder / "drain.db"
    db = connect(path)
    apply(db)
    for i in range(n):
        queue.enqueue(db, "receipt", receipt(i))
    out = folder / "receipts"
    worker = PrintWorker(
        lambda: connect(path),
        lambda: make_printer(f"file:{out}/"),
        idle_poll=0.01,
        status_interval=None,
    )
    start = time.perf_counter()
    worker.start()
    while queue.queue_length(db) > 0:
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    worker.stop()
    files = len(list(out.iterdir()))
    print(f"worker drain into file:DIR/: {n / elapsed:.0f} jobs/s ({n} jobs, {files} files)")
    db.close()


def main() -> None:
    """Run all printer benchmarks and print one line each."""
    with tempfile.TemporaryDirectory() as tmp:
        bench_render()
        bench_enqueue(Path(tmp))
        bench_drain(Path(tmp))


if __name__ == "__main__":
    main()

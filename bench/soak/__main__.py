"""`make soak`: power cuts, load with printer faults, hostile input; a table, non-zero on a fault.

Everything runs on 127.0.0.1 in a temporary folder and stops by itself. The figures of the last
run are in the README ("Reliability"). Smaller runs: `python -m bench.soak --cycles 20 ...`.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.soak.hostile import fuzz, uploads
from bench.soak.load import load_with_faults
from bench.soak.power import power_cuts


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--cycles", type=int, default=200, help="power cuts (200)")
    parser.add_argument("--seconds", type=float, default=60, help="load duration (60)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--cases", type=int, default=10_000,
                        help="fuzzer examples per form route (10,000)")
    return parser.parse_args()


def main() -> int:
    args, table = _arguments(), []
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        root = Path(folder)
        began = time.monotonic()
        cuts = power_cuts(root / "power", args.cycles)
        acked = ", ".join(f"{n} {name}" for name, n in cuts.acked.items())
        table.append(("power cuts", f"{cuts.cycles} SIGKILLs in {cuts.seconds:.0f} s; "
                      f"acknowledged: {acked}", cuts.violations))
        load = load_with_faults(root / "load", args.seconds, args.clients)
        table.append(("load + printer faults",
                      f"{args.clients} clients, {args.seconds:.0f} s, {load.requests} requests, "
                      f"{load.server_errors} 5xx, p95 {load.p95_ms:.0f} ms, slowest "
                      f"{max(load.latencies, default=0) * 1000:.0f} ms, RSS "
                      f"{load.rss_mb[0]:.0f} -> {load.rss_mb[1]:.0f} MB", load.violations))
        outcomes, slowest, problems = uploads(root / "hostile")
        refused = sum(o != "accepted" for o in outcomes.values())
        table.append(("hostile uploads", f"{len(outcomes)} files, {refused} refused, slowest / "
                      f"{slowest:.0f} ms", problems))
        sent, problems = fuzz(root / "fuzz", args.cases)
        table.append(("route fuzzer", f"{sent} requests, {args.cases} cases per form route",
                      problems))
        _print(table, time.monotonic() - began)
    return 1 if any(problems for _, _, problems in table) else 0


def _print(table, seconds: float) -> None:
    print(f"\n{'part':<24}{'result':<8}figures")
    for part, figures, problems in table:
        print(f"{part:<24}{'FAIL' if problems else 'ok':<8}{figures}")
        for problem in problems[:20]:
            print(f"{'':<32}! {problem}")
    print(f"\nsoak took {seconds / 60:.1f} minutes")


if __name__ == "__main__":
    sys.exit(main())

"""Tap to next screen painted, in Chromium with the CPU throttled 4x (a Pi), as ratios to a floor.

Serves the kiosk (`kiosk serve`) and bench/bare_app.py (its two-page static site: the floor of any
navigation) with the same waitress settings, and taps through every visitor step in Debian's
Chromium (Playwright), with a CDP session's `Emulation.setCPUThrottlingRate` at 4. The floor's
two pages are tapped in the same rounds, so both see the same machine.

What is timed, the same way for both: from the tap's `touchstart` (a capture listener the
browser runs first) until the next screen's marker element is in the document and the frame that
holds it is painted (the marker seen, then `requestAnimationFrame`, then a task: it runs after
that frame's paint). A listener added to every document keeps the tap's time in
sessionStorage, so a step that loads a whole page is timed across the load.
Run: `make bench-taps` (or `.venv/bin/python bench/bench_taps.py [rounds] [flow ...]`: only the
flows named, e.g. `12 shop language`; the floor is always tapped).
"""

import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_routes import BIN, free_port, start  # noqa: E402

ROUNDS = 12
RATE = 4
CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMER = (Path(__file__).parent / "tap_timer.js").read_text(encoding="utf-8")
BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


@dataclass(frozen=True)
class Step:
    """One tap: what is tapped, what marks the next screen, and taps before it (not timed)."""

    name: str
    tap: str
    ready: str
    before: tuple[str, ...] = ()


def tile(path: str) -> str:
    return f'.tiles a.tile[href="{path}"]'


HOME = "main .tiles"
BACK = "#footer a.back"
BRAND = ".topbar a.brand"
QTY = '.bag-count[data-code=REST30]'
# Each flow starts on a fresh home screen (after /reset) and ends on it.
FLOWS = {
    "check-in": [
        Step("home -> check-in", tile("/checkin"), "#checkin .choices"),
        Step("check-in: Klaar", "#checkin button[type=submit]", "#checkin .thanks",
             before=("#checkin label.choice",)),
        Step("thanks -> home", "#checkin .thanks a.button", HOME),
    ],
    "shop": [
        Step("home -> shop", tile("/shop"), "#basket .offers"),
        Step("shop: +", f"{QTY} .qty-key >> nth=-1", f'{QTY}[data-qty="1"] .qty'),
        Step("shop: -", f"{QTY} .qty-key >> nth=0", f'{QTY}[data-qty="0"] .qty'),
        Step("shop: Stoppen -> home", "#footer button.back", HOME),
    ],
    "ideas": [
        Step("home -> ideas", tile("/ideas"), "#ideas[data-step=kind]"),
        Step("ideas: kind", "#ideas button[name=kind][value=idee]", "#ideas[data-step=theme]"),
        Step("ideas: theme", "#ideas button[name=theme][value=spelen]",
             "#ideas[data-step=text] .hg-button"),
        Step("ideas -> home (top bar)", BRAND, HOME),
    ],
    "help": [
        Step("home -> help", tile("/help"), "#help .topics"),
        Step("help: ticket", "#help button[name=topic]", "#help [data-ticket-number]"),
        Step("ticket -> home", "#help .ticket a.button", HOME),
    ],
    "print": [
        Step("home -> print", tile("/print"), "#print .qr svg"),
        Step("print -> home (back)", BACK, HOME),
    ],
    "rights": [
        Step("home -> rights", tile("/rights"), "#rights [data-question=household]"),
        Step("rights: answer", "#rights button[name=answer][value=others]",
             "#rights [data-question=children]"),
        Step("rights -> home (top bar)", BRAND, HOME),
    ],
    "activities": [
        Step("home -> activities", tile("/activities"), "#activities .activity-card"),
        Step("activities -> volunteer", '#footer a[href="/volunteer"]',
             "#volunteer[data-step=what]"),
        Step("volunteer -> home (top bar)", BRAND, HOME),
    ],
    "language": [
        Step("language: en", ".languages a[lang=en]", f"html[lang=en] {HOME}"),
        Step("language: ar", ".languages a[lang=ar]", f"html[lang=ar][dir=rtl] {HOME}"),
        Step("language: nl", ".languages a[lang=nl]", f"html[lang=nl][dir=ltr] {HOME}"),
    ],
}
FLOOR = [Step("floor: page a -> b", "#go", "#page-b"), Step("floor: page b -> a", "#go", "#page-a")]


def prepare(instance: str) -> None:
    """A kiosk database with bags in stock and activities this week and next."""
    import sales
    from kiosk import create_app
    from kiosk.activities import store as activities
    from kiosk.db import connect

    app = create_app({"INSTANCE_PATH": instance})
    db = connect(app.config["DATABASE"])
    try:
        for product in sales.list_products(db):
            sales.record_intake(db, product.code, volunteer="Anna", pieces=1000)
        for days in (1, 2, 8):
            plan = activities.Plan(kind="fietsherstel", title="Fietsherstel",
                                   day=date.today() + timedelta(days=days), start=time(14),
                                   minutes=120, capacity=50)
            activities.create(db, plan, app.config["TIMEZONE"])
    finally:
        db.close()


def timed_tap(page, step: Step) -> float:
    """Tap, and return the milliseconds until the next screen was painted."""
    for selector in step.before:
        page.locator(selector).first.tap()
    page.evaluate("ready => window.benchTapTimer.expect(ready)", step.ready)
    with page.expect_console_message(lambda m: m.text.startswith("bench-painted "),
                                     timeout=30_000) as message:
        page.locator(step.tap).first.tap()
    ms = float(message.value.text.split()[1])
    settle(page)
    return ms


def settle(page) -> None:
    """Let the screen finish loading and swapping, then rest a moment as a person would."""
    page.wait_for_load_state()
    page.wait_for_function(f"() => !document.querySelector('{BUSY}')")
    page.wait_for_timeout(150)


def run(rounds: int, url: str, floor_url: str, flows: dict) -> dict[str, list[float]]:
    """Every flow and the floor, `rounds` times, alternating; the samples per step."""
    samples: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True,
                                      locale="nl-BE", timezone_id="Europe/Brussels")
        context.add_init_script(TIMER)
        page = context.new_page()
        page.set_default_timeout(30_000)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": RATE})
        for _ in range(rounds):
            for steps in flows.values():
                page.goto(f"{url}/reset")
                settle(page)
                for step in steps:
                    samples.setdefault(step.name, []).append(timed_tap(page, step))
                page.goto(f"{floor_url}/floor/a")
                settle(page)
                for step in FLOOR:
                    samples.setdefault("floor", []).append(timed_tap(page, step))
        check_throttled(page, cdp)
        browser.close()
    return samples


SPIN = """() => { const began = performance.now(); let x = 0;
    for (let i = 0; i < 3e6; i++) { x += Math.sqrt(i); } return performance.now() - began; }"""


def check_throttled(page, cdp) -> None:
    """The throttling still holds after all those page loads: it is the tab's, not a page's."""
    throttled = min(page.evaluate(SPIN) for _ in range(3))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    free = min(page.evaluate(SPIN) for _ in range(3))
    print(f"a busy loop after the last page load: {throttled:.0f} ms throttled, {free:.0f} ms "
          f"not ({throttled / free:.1f}x)")


def percentiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def report(samples: dict[str, list[float]], rounds: int) -> None:
    floor = percentiles(samples.pop("floor"))
    print(f"tap -> next screen painted, Chromium with the CPU throttled {RATE}x, {rounds} rounds")
    print(f"floor (bare two-page static site, same server): median {floor[0]:.0f} ms, "
          f"p95 {floor[1]:.0f} ms")
    print(f"{'step':<30}{'median':>8}{'p95':>8}{'x floor':>9}{'p95 x':>8}")
    for name, values in samples.items():
        median, p95 = percentiles(values)
        print(f"{name:<30}{median:>6.0f}ms{p95:>6.0f}ms{median / floor[0]:>8.2f}x"
              f"{p95 / floor[1]:>7.2f}x")
    print("target: every step <= 1.0x the floor (median), the shop's + and - <= 0.6x")


def main(rounds: int, names: list[str]) -> None:
    unknown = set(names) - set(FLOWS)
    if unknown:
        sys.exit(f"no such flow: {', '.join(sorted(unknown))} (flows: {', '.join(FLOWS)})")
    flows = {name: steps for name, steps in FLOWS.items() if not names or name in names}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    instance = tempfile.mkdtemp(prefix="kiosk-bench-taps-")
    bare_port, port = free_port(), free_port()
    kiosk_env = {**env, "KIOSK_INSTANCE_PATH": instance, "KIOSK_PORT": str(port),
                 "KIOSK_RECEIPT_PRINTER": "dummy"}
    subprocess.run([str(BIN / "kiosk"), "init-db"], env=kiosk_env, check=True,
                   stdout=subprocess.DEVNULL)
    prepare(instance)
    bare = start([sys.executable, str(ROOT / "bench" / "bare_app.py"), str(bare_port),
                  f"{instance}/bare.db"], bare_port, env)[0]
    kiosk = start([str(BIN / "kiosk"), "serve"], port, kiosk_env)[0]
    try:
        samples = run(rounds, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}",
                      flows)
    finally:
        for proc in (bare, kiosk):
            proc.terminate()
            proc.wait()
    report(samples, rounds)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS, sys.argv[2:])

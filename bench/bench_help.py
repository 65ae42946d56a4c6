"""How long a call at the desk takes to show on the home screen, in a real browser.

Serves the kiosk (waitress, as `kiosk serve`), opens its home screen in Debian's Chromium
(Playwright: the test extra, `make test` installs it), calls numbers the way the desk's *Roep
volgende* does (an HTTP POST with the desk's session), and times each call from sending the POST
until the home screen shows the number. The home screen asks every second, so the figure is at
most a second plus the answer's and the swap's time. Target: p95 <= 3 s.
Run: `.venv/bin/python bench/bench_help.py [calls]`.
"""

import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid

from playwright.sync_api import sync_playwright
from waitress.server import create_server

from kiosk import create_app, volunteers
from kiosk.db import connect

CALLS = 30


def serve() -> tuple[str, object]:
    """A kiosk on a free port, with a volunteer and enough waiting tickets."""
    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="kiosk-bench-help-"),
                      "RECEIPT_PRINTER": "dummy"})
    db = connect(app.config["DATABASE"])
    volunteers.set_pin(db, "Anna", "2468")
    db.close()
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", app


def session(context, url: str):
    """A browser context's request client logged in at the desk, and a way to post as it."""
    client = context.request
    page = client.get(f"{url}/desk/login?v=1").text()
    fields = dict(re.findall(r'name="(csrf_token|volunteer_id)" value="([^"]*)"', page))
    client.post(f"{url}/desk/login", form={**fields, "pin": "2468"})
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get(f"{url}/desk").text())[1]
    return lambda path, **form: client.post(f"{url}{path}", form={
        "csrf_token": token, "key": uuid.uuid4().hex, **form})


def main(calls: int) -> None:
    url, _app = serve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"])
        visitor, desk = browser.new_context(), browser.new_context()
        take = session(visitor, url)
        for _ in range(calls):
            take("/help", topic="digitaal")
        post = session(desk, url)
        home = browser.new_page(viewport={"width": 1280, "height": 800})
        home.goto(url + "/")
        home.wait_for_selector("#now-serving:not([hidden])")
        seconds, pause = [], random.Random(11)
        for number in range(1, calls + 1):
            began = time.perf_counter()
            post("/desk/help/next")
            home.wait_for_selector(f"[data-serving]:text-is('{number}')", timeout=10_000)
            seconds.append(time.perf_counter() - began)
            time.sleep(pause.uniform(0, 1))  # calls come at any moment of the screen's second
        browser.close()
    cuts = statistics.quantiles(seconds, n=20, method="inclusive")
    print(f"call at the desk -> shown on the home screen, {calls} calls: "
          f"median {statistics.median(seconds):.2f} s, p95 {cuts[18]:.2f} s, "
          f"max {max(seconds):.2f} s (target p95 <= 3 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else CALLS)

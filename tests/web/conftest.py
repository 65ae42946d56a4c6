"""Fixtures shared by the web and browser tests: a fresh kiosk app on a temporary instance."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from kiosk import create_app


@pytest.fixture
def app(tmp_path):
    """A kiosk on its own instance folder, with CSRF on as in production."""
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def cups_pdf():
    """A real CUPS with the virtual PDF printer; starts cupsd when it is not running.

    CUPS and printer-driver-cups-pdf come with `make test`; in CI a missing CUPS fails the test
    instead of skipping it, so the round trip is never silently left out.
    """
    if not shutil.which("cupsd") or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        if os.environ.get("CI"):
            pytest.fail("CUPS with cups-pdf is not installed; `make test` installs it")
        pytest.skip("CUPS with cups-pdf is not installed here")
    started = None
    if "is running" not in _run(["lpstat", "-r"]).stdout:
        started = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while "is running" not in _run(["lpstat", "-r"]).stdout:
            assert time.monotonic() < deadline, "cupsd did not start"
            time.sleep(0.1)
    # One queue per test run: runs side by side (worktrees, xdist) never remove each other's.
    queue_name = f"KioskTestPDF{os.getpid()}"
    added = _run(["lpadmin", "-p", queue_name, "-E", "-v", "cups-pdf:/",
                  "-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"])
    assert added.returncode == 0, added.stderr
    yield queue_name
    _run(["lpadmin", "-x", queue_name])
    if started is not None:
        started.terminate()
        started.wait(10)


def _run(command):
    return subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)

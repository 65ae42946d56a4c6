"""The systemd units verify, and none is exposed more than 2.0 (`systemd-analyze security`).

Checked with Debian's systemd-analyze, offline (no running systemd needed); `make test`
installs it. Where it is missing the tests skip, except in CI, where that is a failure.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
UNITS = [ROOT / "kiosk.service", *sorted((ROOT / "deploy").glob("*.service")),
         *sorted((ROOT / "deploy").glob("*.timer"))]
ANALYZE = shutil.which("systemd-analyze")
if ANALYZE is None and os.environ.get("CI") == "true":
    raise RuntimeError("systemd-analyze is missing in CI: `make test-system` installs it")
pytestmark = pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed "
                                "(Debian package systemd; `make test-system` installs it)")


@pytest.fixture(scope="module")
def units(tmp_path_factory) -> Path:
    """The units as installed: /opt/buurtpunt-kiosk is this checkout (its programs exist)."""
    folder = tmp_path_factory.mktemp("units")
    for unit in UNITS:
        text = unit.read_text(encoding="utf-8").replace("/opt/buurtpunt-kiosk", str(ROOT))
        (folder / unit.name).write_text(text, encoding="utf-8")
    return folder


def _analyze(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([ANALYZE, *args], capture_output=True, text=True, cwd=cwd, timeout=60)


@pytest.mark.parametrize("name", [unit.name for unit in UNITS])
def test_unit_verifies(units, name):
    result = _analyze("verify", f"./{name}", cwd=units)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_verify_does_find_a_broken_unit(units):
    broken = units / "broken.service"
    broken.write_text((units / "kiosk.service").read_text().replace("Type=notify", "Type=nope"))
    assert _analyze("verify", "./broken.service", cwd=units).stderr.strip()


@pytest.mark.parametrize("name", [unit.name for unit in UNITS if unit.suffix == ".service"])
def test_service_exposure_is_at_most_two(units, name):
    result = _analyze("security", "--offline=true", f"./{name}", cwd=units)
    level = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert level is not None, result.stdout[-500:] + result.stderr
    assert float(level.group(1)) <= 2.0


def test_the_kiosk_service_is_watched_and_waits_for_the_clock():
    text = (ROOT / "kiosk.service").read_text(encoding="utf-8")
    assert "Type=notify" in text and re.search(r"^WatchdogSec=\d+", text, re.M)
    assert re.search(r"^After=.*\btime-sync\.target\b", text, re.M)
    for timer in ("kiosk-purge", "kiosk-backup"):
        assert (ROOT / "deploy" / f"{timer}.timer").exists()

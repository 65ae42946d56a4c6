"""A built wheel runs on its own: templates, translations and front-end files are inside."""

import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]


def _run(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False,
                            **options)
    assert result.returncode == 0, result.stderr or result.stdout
    return result.stdout


def _fresh_venv(folder: Path) -> Path:
    """A new venv that borrows the dependencies (not the kiosk) from the test's own venv.

    A .pth line adds that site-packages folder without running its .pth files, so the
    editable install of this checkout stays out: `kiosk` can only come from the wheel.
    """
    _run([sys.executable, "-m", "venv", "--without-pip", str(folder)])
    (site,) = folder.glob("lib/python*/site-packages")
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return folder / "bin" / "python"


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
        return response.status, response.read().decode()


def test_wheel_installed_in_a_fresh_venv_serves_the_home_page(tmp_path):
    wheels = tmp_path / "wheels"
    _run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)])
    (wheel,) = wheels.glob("buurtpunt_kiosk-*.whl")
    python = _fresh_venv(tmp_path / "venv")
    _run([*PIP, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)])
    _run([*PIP, "--python", str(python), "check"])  # the wheel's dependencies are all there
    where = _run([str(python), "-c", "import kiosk; print(kiosk.__file__)"], cwd=tmp_path)
    assert where.startswith(str(tmp_path / "venv")), where
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"KIOSK_INSTANCE_PATH": str(tmp_path / "instance"), "KIOSK_PORT": str(port),
           "KIOSK_LAN_LISTEN": '""', "PATH": "/usr/bin:/bin"}
    kiosk = str(python.parent / "kiosk")
    _run([kiosk, "init-db"], env=env, cwd=tmp_path)
    with subprocess.Popen([kiosk, "serve"], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as server:
        try:
            home = _wait_for_home(f"http://127.0.0.1:{port}", server)
            assert _get(f"http://127.0.0.1:{port}/static/vendor/htmx.min.js")[0] == 200
            assert _get(f"http://127.0.0.1:{port}/lang/fr")[0] == 200
            assert _get(f"http://127.0.0.1:{port}/healthz")[0] == 200
        finally:
            server.terminate()
            server.wait(15)
    assert "vendor/htmx.min.js" in home
    assert "Ik kom binnen" in home


def _wait_for_home(base: str, server) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            status, body = _get(base + "/")
        except OSError:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "kiosk serve did not answer"
            time.sleep(0.1)
            continue
        assert status == 200
        return body

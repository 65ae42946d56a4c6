"""python-escpos's capabilities pickle: shared by a user's processes, never read half-written."""

import os
import pickle
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[3]


def _import(folder: Path) -> subprocess.Popen:
    env = {**os.environ, "ESCPOS_CAPABILITIES_PICKLE_DIR": str(folder)}
    return subprocess.Popen([sys.executable, "-c", "import printer._escpos"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_escpos_import_rebuilds_a_pickle_cut_short(tmp_path):
    pickled = tmp_path / f"{platform.python_version()}.capabilities.pickle"
    pickled.write_bytes(pickle.dumps({"profiles": {}})[:7])  # a write a power cut ended
    process = _import(tmp_path)
    _, error = process.communicate(timeout=60)
    assert process.returncode == 0, error.decode()
    with pickled.open("rb") as f:
        assert "default" in pickle.load(f)["profiles"]


def test_escpos_import_in_six_processes_at_once_with_no_pickle_yet(tmp_path):
    processes = [_import(tmp_path) for _ in range(6)]
    errors = [process.communicate(timeout=60)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0] * 6, errors

"""`kiosk status` says in plain Dutch what is wrong; `kiosk --version` names the version."""

import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk import __version__, clock, create_app


def _status(tmp_path, **config):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "TESTING": True, **config})
    return app.test_cli_runner().invoke(args=["status"])


def test_status_of_a_kiosk_in_order(tmp_path):
    result = _status(tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Bonnenprinter (file:") and lines[0].endswith(": in orde")
    for start in ("A4-printer", "Wachtrij: 0 bonnetjes wachten", "Schijf: ", "Klok: "):
        assert any(line.startswith(start) for line in lines), start
    assert "Replicatie: niet ingesteld" in lines
    assert any(line.startswith("Laatste back-up: nog geen in ") and
               line.endswith("(de eerste komt vannacht)") for line in lines)
    assert lines[-1] == "Alles in orde."


def test_status_says_when_the_receipt_printer_does_not_answer(tmp_path):
    with socket.socket() as closed:  # a port on which nothing listens
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = _status(tmp_path, RECEIPT_PRINTER=f"network:127.0.0.1:{port}")
    assert result.exit_code == 1
    assert result.output.startswith(f"LET OP: Bonnenprinter (network:127.0.0.1:{port}): ")
    assert result.output.splitlines()[-1] == "1 ding vraagt aandacht."


def test_status_reads_the_backup_folder_when_backups_are_set_up(tmp_path, monkeypatch):
    backups = tmp_path / "backups"
    result = _status(tmp_path, BACKUP_DIR=str(backups))
    assert f"Laatste back-up: nog geen in {backups} (de eerste komt vannacht)" in result.output
    later = clock.now() + timedelta(days=2)  # installed two days ago and still no copy
    monkeypatch.setattr(clock, "now", lambda: later)
    result = _status(tmp_path, BACKUP_DIR=str(backups))
    assert f"LET OP: Laatste back-up: nog geen in {backups}\n" in result.output
    monkeypatch.undo()
    old = backups / "daily" / "kiosk-2026-01-01.db"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"")
    os.utime(old, (1767225600, 1767225600))  # 1 January 2026, 00:00 UTC
    result = _status(tmp_path, BACKUP_DIR=str(backups))
    assert f"LET OP: Laatste back-up: 01/01/2026 01:00 ({old}), te oud" in result.output
    assert result.exit_code == 1


def test_status_names_a_replica_it_cannot_ask(tmp_path):
    result = _status(tmp_path, REPLICA_URL="file:///mnt/replica/BP1")
    assert "Replicatie naar file:///mnt/replica/BP1" in result.output


@pytest.mark.parametrize("argument", ["--version"])
def test_console_script_prints_its_version(tmp_path, argument):
    kiosk = Path(sys.executable).parent / "kiosk"
    result = subprocess.run([str(kiosk), argument], capture_output=True, text=True, timeout=60,
                            env={"KIOSK_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"kiosk {__version__}\n"

"""`kiosk printer-test`: a test slip or A4 page, printed directly, with plain-words failures."""

import socket
import subprocess
import time
from pathlib import Path

import pytest

from kiosk import create_app


def _runner(tmp_path, **config):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), **config})
    return app.test_cli_runner()


def test_printer_test_writes_accents_and_euro_in_cp858(tmp_path):
    folder = tmp_path / "receipts"
    result = _runner(tmp_path, RECEIPT_PRINTER=f"file:{folder}/").invoke(args=["printer-test"])
    assert result.exit_code == 0, result.output
    assert "testbon is verstuurd" in result.output
    data = b"".join(path.read_bytes() for path in folder.iterdir())
    assert b"\x1bt\x13" in data  # ESC t 19: code page 858
    assert "€ 1,45".encode("cp858") in data and b"\xd5" in data
    assert "Café, reünie, façade, naïef".encode("cp858") in data


def test_printer_test_says_plainly_when_the_printer_does_not_answer(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    began = time.monotonic()
    result = _runner(tmp_path, RECEIPT_PRINTER=f"network:127.0.0.1:{port}").invoke(
        args=["printer-test"])
    assert time.monotonic() - began < 3
    assert result.exit_code == 1
    assert f"De printer op 127.0.0.1:{port} antwoordt niet" in result.output


def test_printer_test_document_keeps_the_pdf_with_the_file_printer(tmp_path):
    folder = tmp_path / "documents"
    result = _runner(tmp_path, DOCUMENT_PRINTER=f"file:{folder}/").invoke(
        args=["printer-test", "--document"])
    assert result.exit_code == 0, result.output
    [pdf] = folder.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bad_document_printer_address_stops_the_start(tmp_path):
    from kiosk.config import ConfigError

    with pytest.raises(ConfigError, match="Voorbeeld: cups:A4"):
        _runner(tmp_path, DOCUMENT_PRINTER="a4printer")


def test_printer_test_document_round_trip_through_cups(tmp_path, cups_pdf):
    result = _runner(tmp_path, DOCUMENT_PRINTER=f"cups:{cups_pdf}").invoke(
        args=["printer-test", "--document"])
    assert result.exit_code == 0, result.output
    job = result.output.split("(")[-1].rstrip(").\n")
    assert job.startswith(f"{cups_pdf}-")
    deadline = time.monotonic() + 15
    while True:
        done = subprocess.run(["lpstat", "-W", "completed", "-o", cups_pdf],
                              capture_output=True, text=True, check=False).stdout
        if job in done:
            break
        assert time.monotonic() < deadline, f"CUPS did not complete {job}: {done}"
        time.sleep(0.2)
    number = job.rsplit("-", 1)[1]
    assert list((Path.home() / "PDF").glob(f"*job_{number}.pdf"))


def test_printer_test_with_an_unknown_cups_queue_fails_plainly(tmp_path, cups_pdf):
    result = _runner(tmp_path, DOCUMENT_PRINTER="cups:NoSuchQueue").invoke(
        args=["printer-test", "--document"])
    assert result.exit_code == 1
    assert "CUPS weigerde de opdracht" in result.output


def test_console_script_names_a_bad_printer_setting(tmp_path):
    import sys

    env = {"KIOSK_INSTANCE_PATH": str(tmp_path), "KIOSK_RECEIPT_PRINTER": "network:printer"}
    result = subprocess.run([str(Path(sys.executable).parent / "kiosk"), "init-db"],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2
    assert "KIOSK_RECEIPT_PRINTER" in result.stderr and "Voorbeeld" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["printer-test"])
def test_printer_command_has_help(tmp_path, command):
    assert _runner(tmp_path).invoke(args=[command, "--help"]).exit_code == 0

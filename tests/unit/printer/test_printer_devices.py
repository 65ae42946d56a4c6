"""The simple devices (dummy, file, folder, CUPS via lp) and picking a device for an address."""

import os
import stat

import pytest

from printer.address import Profile, parse_address
from printer.devices import CupsReceiptPrinter, DummyPrinter, FilePrinter, make_printer
from printer.errors import PrinterUnreachable
from printer.escpos_devices import NetworkPrinter, SerialPrinter, UsbPrinter
from printer.escpos_render import render
from printer.slip import Header, Slip, Text

SLIP = Slip(Header("Buurtpunt"), [Text("één € 1,45")])


@pytest.mark.parametrize(
    ("address", "cls"),
    [
        ("dummy", DummyPrinter),
        ("file:/tmp/x/", FilePrinter),
        ("cups:bon", CupsReceiptPrinter),
        ("network:127.0.0.1:9100", NetworkPrinter),
        ("usb:04b8:0202", UsbPrinter),
        ("serial:/dev/ttyUSB0", SerialPrinter),
    ],
)
def test_make_printer_picks_the_device_for_the_address(address, cls):
    assert type(make_printer(address)) is cls


def test_make_printer_passes_short_timeouts_to_network():
    printer = make_printer("network:127.0.0.1:9100")
    assert printer.connect_timeout <= 2 and printer.job_timeout <= 10


def test_dummy_printer_keeps_the_rendered_bytes():
    printer = make_printer("dummy", Profile(paper_mm=58))
    printer.print_slip(SLIP)
    assert printer.jobs == [render(SLIP, Profile(paper_mm=58))]
    assert printer.status().state == "online"


def test_file_printer_appends_jobs_to_one_file(tmp_path):
    target = tmp_path / "bonnen.bin"
    printer = make_printer(f"file:{target}")
    printer.print_slip(SLIP)
    printer.print_slip(SLIP)
    assert target.read_bytes() == render(SLIP, Profile()) * 2


def test_file_printer_writes_one_file_per_job_in_a_folder(tmp_path):
    folder = tmp_path / "receipts"
    printer = make_printer(f"file:{folder}/")
    printer.print_slip(SLIP)
    printer.print_slip(SLIP)
    files = sorted(folder.iterdir())
    assert len(files) == 2 and all(f.suffix == ".escpos" for f in files)
    assert files[0].read_bytes() == render(SLIP, Profile())
    assert printer.status().state == "online"


def test_file_printer_missing_folder_is_unreachable(tmp_path):
    printer = make_printer(f"file:{tmp_path}/nope/bon.bin")
    with pytest.raises(PrinterUnreachable, match="Kan niet schrijven"):
        printer.print_slip(SLIP)


def test_file_printer_without_write_permission_reports_offline(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.access(folder, os.W_OK):
        pytest.skip("running as root: permissions are not enforced")
    assert make_printer(f"file:{folder}/").status().state == "offline"


def test_cups_printer_sends_raw_bytes_to_lp(tmp_path, fake_lp):
    out = tmp_path / "lp.out"
    fake_lp(f'echo "$@" > {out}.args\ncat > {out}\n')
    make_printer("cups:bonprinter").print_slip(SLIP)
    assert out.read_bytes() == render(SLIP, Profile())
    assert "-d bonprinter -o raw" in (tmp_path / "lp.out.args").read_text()


def test_cups_printer_reports_lp_error_text(fake_lp):
    fake_lp('echo "lp: The printer or class does not exist." >&2\nexit 1\n')
    with pytest.raises(PrinterUnreachable, match="does not exist"):
        make_printer("cups:weg").print_slip(SLIP)


def test_cups_printer_without_lp_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrinterUnreachable, match="cups-client"):
        make_printer("cups:bon").print_slip(SLIP)


def test_cups_printer_never_claims_paper_status():
    assert make_printer("cups:bon").status().state == "unknown"


@pytest.mark.parametrize("address", ["usb:04b8:0202", "serial:/dev/nonexistent-tty"])
def test_usb_and_serial_without_device_are_unreachable_not_crashing(address):
    printer = make_printer(parse_address(address))
    with pytest.raises(PrinterUnreachable, match="niet gevonden"):
        printer.print_slip(SLIP)
    assert printer.status().state == "offline"

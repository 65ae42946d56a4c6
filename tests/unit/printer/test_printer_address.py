"""Parsing printer addresses and profiles: the good ones, and clear messages for the bad ones."""

import pytest

from printer.address import PrinterAddress, PrinterAddressError, Profile, parse_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dummy", PrinterAddress("dummy")),
        (" DUMMY ", PrinterAddress("dummy")),
        ("file:instance/receipts/", PrinterAddress("file", path="instance/receipts/")),
        ("file:/tmp/bon.bin", PrinterAddress("file", path="/tmp/bon.bin")),
        ("network:127.0.0.1:9100", PrinterAddress("network", host="127.0.0.1", port=9100)),
        (
            "network:bonprinter.local:9100",
            PrinterAddress("network", host="bonprinter.local", port=9100),
        ),
        ("network:[::1]:9100", PrinterAddress("network", host="::1", port=9100)),
        ("usb:04b8:0202", PrinterAddress("usb", vendor_id=0x04B8, product_id=0x0202)),
        ("usb:0x0416:0x5011", PrinterAddress("usb", vendor_id=0x0416, product_id=0x5011)),
        ("serial:/dev/ttyUSB0", PrinterAddress("serial", path="/dev/ttyUSB0")),
        ("serial:/dev/ttyS0:19200", PrinterAddress("serial", path="/dev/ttyS0", baudrate=19200)),
        ("cups:bonprinter", PrinterAddress("cups", path="bonprinter")),
        ("cups:TM-T20_II", PrinterAddress("cups", path="TM-T20_II")),
    ],
)
def test_parse_address_accepts_valid_addresses(text, expected):
    assert parse_address(text) == expected


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("", "network:192.168.1.50:9100"),
        ("lpt1", "usb:04b8:0202"),
        ("printer:9100", "cups:bonprinter"),
        ("network:192.168.1.50", "network:192.168.1.50:9100"),
        ("network:192.168.1.50:", "network:192.168.1.50:9100"),
        ("network:192.168.1.50:99999", "network:192.168.1.50:9100"),
        ("network:192.168.1.50:http", "network:192.168.1.50:9100"),
        ("network::9100", "network:192.168.1.50:9100"),
        ("network:bad host:9100", "network:192.168.1.50:9100"),
        ("usb:04b8", "usb:04b8:0202"),
        ("usb:epson:tm20", "usb:04b8:0202"),
        ("usb:12345:0202", "usb:04b8:0202"),
        ("serial:ttyUSB0", "serial:/dev/ttyUSB0"),
        ("cups:", "cups:bonprinter"),
        ("cups:bon printer", "cups:bonprinter"),
        ("cups:a/b", "cups:bonprinter"),
        ("file:", "file:instance/receipts/"),
        ("dummy:x", "dummy"),
    ],
)
def test_parse_address_rejects_malformed_with_setting_and_example(text, example):
    with pytest.raises(PrinterAddressError) as caught:
        parse_address(text, setting="KIOSK_RECEIPT_PRINTER")
    message = str(caught.value)
    assert message.startswith("KIOSK_RECEIPT_PRINTER = ")
    assert "Voorbeeld:" in message and example in message


def test_parse_address_error_is_a_value_error_naming_the_given_setting():
    with pytest.raises(ValueError, match="KIOSK_DOCUMENT_PRINTER"):
        parse_address("nonsense", setting="KIOSK_DOCUMENT_PRINTER")


@pytest.mark.parametrize(
    "text",
    [
        "dummy",
        "file:/tmp/x/",
        "network:10.0.0.5:9100",
        "usb:04b8:0202",
        "serial:/dev/ttyS0",
        "cups:q",
    ],
)
def test_parse_address_round_trips_through_str(text):
    assert str(parse_address(text)) == text


def test_address_per_job_files_only_for_folder_paths():
    assert parse_address("file:instance/receipts/").per_job_files
    assert not parse_address("file:instance/receipts.bin").per_job_files


@pytest.mark.parametrize(("paper_mm", "columns"), [(58, 32), (80, 48)])
def test_profile_columns_follow_paper_width(paper_mm, columns):
    assert Profile(paper_mm=paper_mm).columns == columns


def test_profile_columns_can_be_configured():
    assert Profile(paper_mm=80, columns=42).columns == 42


@pytest.mark.parametrize(
    "kwargs", [{"paper_mm": 76}, {"columns": 8}, {"columns": 100}, {"codepage": "CP437"}]
)
def test_profile_rejects_unusable_settings(kwargs):
    with pytest.raises(PrinterAddressError):
        Profile(**kwargs)


def test_profile_accepts_codepage_in_any_case():
    assert Profile(codepage="cp1252").codepage == "CP1252"

"""Printer addresses (``network:HOST:PORT`` and friends) and a receipt printer's paper profile."""

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["file", "dummy", "network", "usb", "serial", "cups"]

EXAMPLES: dict[str, str] = {
    "file": "file:instance/receipts/",
    "dummy": "dummy",
    "network": "network:192.168.1.50:9100",
    "usb": "usb:04b8:0202",
    "serial": "serial:/dev/ttyUSB0",
    "cups": "cups:bonprinter",
}

# CUPS refuses queue names with spaces, slashes, backslashes, "#" and quotes.
_CUPS_QUEUE = re.compile(r"[^\s/\\#'\"]{1,127}")
_HEX_ID = re.compile(r"(0x)?[0-9a-fA-F]{1,4}")
_HOST = re.compile(r"[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]")


class PrinterAddressError(ValueError):
    """A printer address or profile setting that cannot be used; the message names the setting."""


@dataclass(frozen=True)
class PrinterAddress:
    """Where a receipt printer is: one of the six kinds of address, parsed."""

    kind: Kind
    path: str = ""
    host: str = ""
    port: int = 0
    vendor_id: int = 0
    product_id: int = 0
    baudrate: int = 9600

    def __str__(self) -> str:
        """Return the address in the form it is written in settings."""
        if self.kind == "network":
            return f"network:{self.host}:{self.port}"
        if self.kind == "usb":
            return f"usb:{self.vendor_id:04x}:{self.product_id:04x}"
        if self.kind == "dummy":
            return "dummy"
        return f"{self.kind}:{self.path}"

    @property
    def label(self) -> str:
        """Return a short human name for messages: "127.0.0.1:9100", "/dev/ttyUSB0", ..."""
        if self.kind == "network":
            return f"{self.host}:{self.port}"
        if self.kind == "usb":
            return f"USB {self.vendor_id:04x}:{self.product_id:04x}"
        if self.kind == "dummy":
            return "de testprinter in het geheugen"
        if self.kind == "cups":
            return f"CUPS-wachtrij {self.path}"
        return self.path

    @property
    def per_job_files(self) -> bool:
        """Tell whether a ``file:`` address names a folder (ends in "/"): one file per job."""
        return self.kind == "file" and self.path.endswith("/")


def _fail(setting: str, value: str, why: str, kind: str | None = None) -> PrinterAddressError:
    """Build the error that names the setting and shows a valid example."""
    examples = [EXAMPLES[kind]] if kind else list(EXAMPLES.values())
    return PrinterAddressError(
        f"{setting} = {value!r} is geen geldig printeradres: {why}. "
        f"Voorbeeld: {' of '.join(examples)}"
    )


def parse_address(value: str, setting: str = "KIOSK_RECEIPT_PRINTER") -> PrinterAddress:
    """Parse a printer address string, raising PrinterAddressError naming ``setting``."""
    text = (value or "").strip()
    kind, sep, rest = text.partition(":")
    kind = kind.lower()
    if kind == "dummy" and not rest:
        return PrinterAddress("dummy")
    if kind not in EXAMPLES or kind == "dummy":
        raise _fail(setting, value, "onbekend soort adres")
    if not sep or not rest:
        raise _fail(setting, value, "na de dubbele punt ontbreekt iets", kind)
    parser = {
        "file": _parse_file,
        "network": _parse_network,
        "usb": _parse_usb,
        "serial": _parse_serial,
        "cups": _parse_cups,
    }[kind]
    result = parser(rest)
    if isinstance(result, str):
        raise _fail(setting, value, result, kind)
    return result


def _parse_file(rest: str) -> PrinterAddress | str:
    return PrinterAddress("file", path=rest)


def _parse_network(rest: str) -> PrinterAddress | str:
    host, sep, port_text = rest.rpartition(":")
    if not sep or not _HOST.fullmatch(host):
        return "verwacht HOST:POORT"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        return f"poort {port_text!r} moet een getal van 1 tot 65535 zijn"
    return PrinterAddress("network", host=host.strip("[]"), port=int(port_text))


def _parse_usb(rest: str) -> PrinterAddress | str:
    vendor, sep, product = rest.partition(":")
    if not sep or not _HEX_ID.fullmatch(vendor) or not _HEX_ID.fullmatch(product):
        return "verwacht VENDOR:PRODUCT in hexadecimaal (zie lsusb)"
    return PrinterAddress("usb", vendor_id=int(vendor, 16), product_id=int(product, 16))


def _parse_serial(rest: str) -> PrinterAddress | str:
    device, sep, baud = rest.rpartition(":")
    if sep and baud.isdigit():
        return PrinterAddress("serial", path=device, baudrate=int(baud))
    if not rest.startswith("/"):
        return "verwacht een apparaat zoals /dev/ttyUSB0 (eventueel :19200 erachter)"
    return PrinterAddress("serial", path=rest)


def _parse_cups(rest: str) -> PrinterAddress | str:
    if not _CUPS_QUEUE.fullmatch(rest):
        return "een CUPS-wachtrij heeft geen spaties, / of #"
    return PrinterAddress("cups", path=rest)


# Font A on common thermal printers: 32 characters on 58 mm paper, 48 on 80 mm paper.
DEFAULT_COLUMNS = {58: 32, 80: 48}
# Code pages python-escpos knows that hold the euro sign and every Dutch/French accent we print.
CODEPAGES = {"CP858": "cp858", "CP1252": "cp1252", "ISO_8859-15": "iso8859_15"}


@dataclass(frozen=True)
class Profile:
    """Paper width, characters per line, code page and status habits of one receipt printer."""

    paper_mm: int = 80
    columns: int = 0
    codepage: str = "CP858"
    status_queries: bool = True
    escpos_profile: str | None = None
    python_codec: str = field(init=False, repr=False, compare=False, default="cp858")

    def __post_init__(self) -> None:
        if self.paper_mm not in DEFAULT_COLUMNS:
            raise PrinterAddressError(f"papierbreedte {self.paper_mm} mm: kies 58 of 80")
        if not self.columns:
            object.__setattr__(self, "columns", DEFAULT_COLUMNS[self.paper_mm])
        if not 16 <= self.columns <= 64:
            raise PrinterAddressError(f"{self.columns} tekens per regel: kies 16 tot 64")
        if self.codepage.upper() not in CODEPAGES:
            raise PrinterAddressError(
                f"codetabel {self.codepage!r}: kies een van {', '.join(CODEPAGES)}"
            )
        object.__setattr__(self, "codepage", self.codepage.upper())
        object.__setattr__(self, "python_codec", CODEPAGES[self.codepage])

"""The installer's test slip (every Dutch accent and the euro sign), printed directly."""

from dataclasses import replace
from datetime import UTC, datetime

from printer.address import PrinterAddress, Profile, parse_address
from printer.devices import ReceiptPrinter, make_printer
from printer.errors import PrinterError, PrinterUnreachable
from printer.slip import BigNumber, Header, QRCode, Row, Rule, Slip, Text, Total, local_time

ACCENTS = "é è ë ê á à ä â í ì ï î ó ò ö ô ú ù ü û ç ñ  É È Ë Ç Ï Ü"


def build_test_slip(name: str = "Buurtpunt Dendermonde", columns: int = 48) -> Slip:
    """Build the test slip: accents, euro sign, a full-width ruler, a big number and a QR code."""
    ruler = "".join(str(i % 10) for i in range(1, columns + 1))
    return Slip(
        header=Header(name, ["Testbon voor de bonnetjesprinter"]),
        title="Testbon",
        printed_at=local_time(datetime.now(UTC)),
        body=[
            Text(ACCENTS),
            Text("Café, reünie, façade, naïef, coöperatie, à la carte, crème brûlée"),
            Row("Prijs", "€ 1,45"),
            Total("Totaal", 123456),
            Rule(),
            Text(ruler),
            BigNumber("A42", "Groot nummer"),
            QRCode("https://www.dendermonde.be", caption="QR-code"),
        ],
        footer=["Staat alles er goed op? Dan is de printer klaar."],
    )


def print_test_slip(
    address: PrinterAddress | str,
    profile: Profile | None = None,
    *,
    name: str = "Buurtpunt Dendermonde",
    setting: str = "KIOSK_RECEIPT_PRINTER",
) -> str:
    """Print the test slip now; return what happened in plain Dutch, or raise PrinterError."""
    if isinstance(address, str):
        address = parse_address(address, setting)
    printer = make_printer(address, profile)
    slip = build_test_slip(name, printer.profile.columns)
    try:
        printer.print_slip(slip)
    except PrinterUnreachable as exc:
        return _print_without_status(printer, slip, exc)
    except PrinterError as exc:
        raise PrinterError(f"De testbon lukte niet: {exc}", exc.status) from exc
    return f"De testbon is verstuurd naar {printer.label}. {printer.status().detail}"


def _print_without_status(printer: ReceiptPrinter, slip: Slip, exc: PrinterUnreachable) -> str:
    """A printer that is reachable but silent on status queries still gets the test slip."""
    silent = exc.status is not None and exc.status.state == "unknown"
    if not (silent and printer.profile.status_queries):
        raise PrinterError(f"De testbon lukte niet: {exc}", exc.status) from exc
    printer.profile = replace(printer.profile, status_queries=False)
    try:
        printer.print_slip(slip)
    except PrinterError as second:
        raise PrinterError(f"De testbon lukte niet: {second}", second.status) from second
    return (
        f"De testbon is verstuurd naar {printer.label}, maar de printer antwoordt niet op "
        "statusvragen. Komt de bon eruit? Zet dan de statuscontrole van de printer uit."
    )

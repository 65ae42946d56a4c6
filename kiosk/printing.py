"""Glue between the app and printer/: the printers and their workers, queueing slips, receipts."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app
from flask_babel import force_locale
from sqlite_utils import Database

from kiosk import audit
from kiosk.config import ConfigError
from kiosk.db import connect
from printer import formats, queue
from printer.address import PrinterAddressError, Profile, parse_address
from printer.devices import DummyPrinter, ReceiptPrinter, make_printer
from printer.document import (
    A4_DETAILS,
    DocumentAddressError,
    DocumentPrinter,
    DocumentPrinterState,
    make_document_printer,
)
from printer.slip import Element, Header, Row, Rule, Slip, Text, Total, format_cents, local_time
from printer.worker import PrintWorker, WorkerState
from sales import Receipt


class Worker(Protocol):
    """A background worker that owns a printer (the A4 printer's is declared by a feature)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def wake(self) -> None: ...
    def state(self) -> DocumentPrinterState: ...


@dataclass
class Printing:
    """The printers as configured, and the workers that own them (started by `kiosk serve`)."""

    address: object
    profile: Profile
    database: str
    documents: DocumentPrinter
    uploads: Path
    a4_worker: Callable[..., Worker] | None = None  # declared by the feature that prints A4
    worker: PrintWorker | None = None
    dummy: DummyPrinter | None = None
    a4: Worker | None = None

    def printer(self) -> ReceiptPrinter:
        """A fresh device for each job (printers get switched off and on); one shared dummy."""
        if self.address.kind == "dummy":
            if self.dummy is None:
                self.dummy = DummyPrinter(self.address, self.profile)
            return self.dummy
        return make_printer(self.address, self.profile)

    def start(self, a4_poll: float = 2.0, **options) -> PrintWorker:
        """Start the receipt and A4 workers (once per process)."""
        if self.worker is None:
            self.worker = PrintWorker(lambda: connect(self.database), self.printer, **options)
            self.worker.start()
        if self.a4 is None and self.a4_worker is not None:
            self.a4 = self.a4_worker(self.database, self.documents, self.uploads, poll=a4_poll)
            self.a4.start()
        return self.worker

    def stop(self) -> None:
        """Stop the workers, letting a job in progress finish."""
        for worker in (self.worker, self.a4):
            if worker is not None:
                worker.stop()
        self.worker = self.a4 = None

    def wake(self) -> None:
        """Tell the workers there is work; nothing happens when none runs here."""
        for worker in (self.worker, self.a4):
            if worker is not None:
                worker.wake()

    def a4_state(self) -> DocumentPrinterState:
        """The A4 printer's last known state (ready while no worker has looked yet)."""
        if self.a4 is None:
            return DocumentPrinterState(True, A4_DETAILS["not_checked"], reason="not_checked")
        return self.a4.state()

    def check_soon(self) -> None:
        """Ask the worker for a fresh printer status (before money is taken)."""
        if self.worker is not None:
            self.worker.check_status_soon()

    def state(self) -> WorkerState:
        """The printer's last known state; 'unknown' while no worker runs in this process."""
        return self.worker.state() if self.worker else WorkerState()


def _profile(config) -> Profile:
    try:
        return Profile(paper_mm=int(config["PRINTER_PAPER_MM"]),
                       columns=int(config["PRINTER_COLUMNS"]),
                       codepage=str(config["PRINTER_CODEPAGE"]),
                       status_queries=bool(config["PRINTER_STATUS_QUERIES"]))
    except (PrinterAddressError, ValueError) as error:
        raise ConfigError(
            f"De printerinstellingen kloppen niet ({error}). Voorbeeld: PRINTER_PAPER_MM = 80, "
            "PRINTER_COLUMNS = 0, PRINTER_CODEPAGE = \"CP858\"") from error


def init_app(app: Flask, a4_worker: Callable[..., Worker] | None = None) -> None:
    """Check the printers' addresses now: a bad one stops the kiosk with a clear message."""
    try:
        address = parse_address(app.config["RECEIPT_PRINTER"], "KIOSK_RECEIPT_PRINTER")
        a4 = make_document_printer(app.config["DOCUMENT_PRINTER"])
    except (PrinterAddressError, DocumentAddressError) as error:
        raise ConfigError(str(error)) from error
    uploads = Path(app.instance_path) / "uploads"
    uploads.mkdir(mode=0o700, parents=True, exist_ok=True)
    app.extensions["printing"] = Printing(address, _profile(app.config), app.config["DATABASE"],
                                          a4, uploads, a4_worker)


def printing() -> Printing:
    """This app's printing glue."""
    return current_app.extensions["printing"]


def header() -> Header:
    """The slip header: the buurtpunt's name and address."""
    config = current_app.config
    address = [line for line in str(config["BUURTPUNT_ADDRESS"]).split("\n") if line]
    return Header(config["BUURTPUNT_NAME"], address)


def enqueue(db: Database, kind: str, slip: Slip, ref: str | None = None) -> int:
    """Queue a slip (inside the caller's transaction, if any); call wake() after committing."""
    return queue.enqueue(db, kind, slip, ref=ref)


def enqueue_once(db: Database, kind: str, ref: str, slip: Callable[[], Slip]) -> int:
    """Queue a record's slip once (in the caller's transaction): a retry finds the first job."""
    job = queue.find(db, ref)
    return job.id if job else enqueue(db, kind, slip(), ref=ref)


# Paper is Dutch whatever language the visitor chose: the journal and the desk read it.
METHODS = {"cash": "Cash", "bancontact_qr": "Bancontact (QR)", "wero_qr": "Wero (QR)"}
# How a void's money went back: cash leaves the open till; a QR payment goes back through the
# bank (the Z-report lists it with the QR payments to find on the statement).
REFUND_ROUTES = {"cash": "uit de kassa"}


def first_name(name: str) -> str:
    """The part of a volunteer's name that goes on paper."""
    return name.split()[0] if name.split() else name


def receipt_slip(receipt: Receipt, duplicate: bool = False) -> Slip:
    """Lay out a receipt: number, lines (qty x unit price, price valid from), totals, payment.

    Not a VAT receipt, so it says nothing about VAT at all.
    """
    body = [Row("Bon", receipt.number, bold=True), Rule()]
    for line in receipt.lines:
        body += [
            Text(line.name, bold=True),
            Row(f"  {line.qty} x {format_cents(line.unit_price_cents)}",
                format_cents(line.line_total_cents)),
            Text(f"  prijs geldig vanaf {line.price_from:%d-%m-%Y}"),
        ]
    body.append(Rule())
    if receipt.rounding_cents:
        body += [Row("Subtotaal", format_cents(receipt.subtotal_cents)),
                 Row("Afronding (cash)", format_cents(receipt.rounding_cents))]
    body.append(Total("Totaal", receipt.total_cents))
    method = METHODS.get(receipt.payment_method, receipt.payment_method)
    if receipt.void_of:
        route = REFUND_ROUTES.get(receipt.payment_method, "niet uit de kassa")
        body.append(Text(f"Terugbetaald met: {method}, {route}"))
    else:
        body.append(Row("Betaald met", method))
    if receipt.received_cents is not None:
        body += [Row("Ontvangen", format_cents(receipt.received_cents)),
                 Row("Terug", format_cents(receipt.change_cents or 0))]
    body.append(Row("Geholpen door", first_name(receipt.volunteer)))
    if receipt.void_of:
        body += [Rule(), Text(f"Terugbetaling van bon {receipt.void_of}", bold=True),
                 Text(f"Reden: {receipt.void_reason or ''}")]
    return Slip(
        header=header(), body=body, title="Terugbetaling" if receipt.void_of else "Kasbon",
        printed_at=local_time(receipt.created_at), footer=["Bedankt en tot ziens!"],
        duplicate=duplicate, training=receipt.training,
    )


def queue_receipt(db: Database, receipt: Receipt, action: str, detail: str,
                  volunteer: dict | None) -> int:
    """Queue a receipt's slip and its audit line once per receipt, in the caller's transaction."""
    # Keyed by the receipt number: a replayed request finds the job (and recreates it when a
    # crash of an older kiosk lost it) instead of printing the receipt twice.
    ref = f"receipt:{receipt.number}"
    job = queue.find(db, ref)
    if job is not None:
        return job.id
    job_id = enqueue(db, "receipt", receipt_slip(receipt), ref=ref)
    audit.log(db, action, detail, volunteer)
    return job_id


# Slips a visitor takes home speak their own language under a Dutch title line: the title tells a
# volunteer at a glance what the slip is (and names it in the desk's print queue). Receipts and
# Z-reports are the journal's record and stay Dutch.
def _known(language: str) -> str:
    config = current_app.config
    return language if language in config["LANGUAGES"] else config["DEFAULT_LANGUAGE"]


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Translate in this visitor's language (stored with what they did) for the block's length."""
    language = _known(language)
    with force_locale(language):
        yield language


def visitor_slip(language: str, title, body: list[Element], header: Header,
                 moment: datetime) -> Slip:
    """The slip: `title` (a lazy string) in Dutch, then in the visitor's language, then `body`."""
    language = _known(language)
    with force_locale(formats.PAPER):
        dutch = str(title)
    with force_locale(language):
        own = str(title)
    heading = [Text(own, align="center", bold=True)] if own != dutch else []
    return Slip(header=header, title=dutch, body=heading + body,
                printed_at=formats.plain(formats.stamp(moment, language)), language=language)

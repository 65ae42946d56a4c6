"""Glue between the app and printer/: the configured receipt printer, its worker and queue."""

from dataclasses import dataclass

from flask import Flask, current_app
from sqlite_utils import Database

from kiosk.config import ConfigError
from kiosk.db import connect
from printer import queue
from printer.address import PrinterAddressError, Profile, parse_address
from printer.devices import DummyPrinter, ReceiptPrinter, make_printer
from printer.slip import Header, Slip
from printer.worker import PrintWorker, WorkerState


@dataclass
class Printing:
    """The receipt printer as configured, and the one worker that owns it (in `kiosk serve`)."""

    address: object
    profile: Profile
    database: str
    worker: PrintWorker | None = None
    dummy: DummyPrinter | None = None

    def printer(self) -> ReceiptPrinter:
        """A fresh device for each job (printers get switched off and on); one shared dummy."""
        if self.address.kind == "dummy":
            if self.dummy is None:
                self.dummy = DummyPrinter(self.address, self.profile)
            return self.dummy
        return make_printer(self.address, self.profile)

    def start(self, **options) -> PrintWorker:
        """Start the print worker (once per process)."""
        if self.worker is None:
            self.worker = PrintWorker(lambda: connect(self.database), self.printer, **options)
            self.worker.start()
        return self.worker

    def stop(self) -> None:
        """Stop the worker, letting a job in progress finish."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def wake(self) -> None:
        """Tell the worker there is work; nothing happens when no worker runs here."""
        if self.worker is not None:
            self.worker.wake()

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


def init_app(app: Flask) -> None:
    """Check the receipt printer's address now: a bad one stops the kiosk with a clear message."""
    try:
        address = parse_address(app.config["RECEIPT_PRINTER"], "KIOSK_RECEIPT_PRINTER")
    except PrinterAddressError as error:
        raise ConfigError(str(error)) from error
    app.extensions["printing"] = Printing(address, _profile(app.config), app.config["DATABASE"])


def printing() -> Printing:
    """This app's printing glue."""
    return current_app.extensions["printing"]


def header() -> Header:
    """The slip header: the buurtpunt's name and address."""
    config = current_app.config
    address = [line for line in str(config["BUURTPUNT_ADDRESS"]).split("\n") if line]
    return Header(config["BUURTPUNT_NAME"], address)


def enqueue(db: Database, kind: str, slip: Slip) -> int:
    """Queue a slip (inside the caller's transaction, if any); call wake() after committing."""
    return queue.enqueue(db, kind, slip)

"""The ReceiptPrinter interface every device implements, and the timeouts they keep to."""

from abc import ABC, abstractmethod

from printer.address import PrinterAddress, Profile
from printer.escpos_render import render
from printer.slip import Slip
from printer.status import PrinterStatus

CONNECT_TIMEOUT = 2.0
JOB_TIMEOUT = 10.0
STATUS_TIMEOUT = 1.0


class ReceiptPrinter(ABC):
    """A receipt printer: opened afresh for each job and closed after it."""

    def __init__(self, address: PrinterAddress, profile: Profile | None = None) -> None:
        self.address = address
        self.profile = profile or Profile()

    @property
    def label(self) -> str:
        """Return a short human name for the printer, used in messages."""
        return self.address.label

    @abstractmethod
    def send(self, data: bytes) -> None:
        """Deliver one ESC/POS job; raise PrinterUnreachable, JobInterrupted or JobUncertain."""

    def print_slip(self, slip: Slip) -> None:
        """Lay out, encode and send one slip."""
        self.send(render(slip, self.profile))

    def status(self) -> PrinterStatus:
        """Ask the device how it is; devices that cannot tell say unknown."""
        return PrinterStatus.of("unknown")

"""The simple receipt printers (in-memory dummy, file or folder, CUPS) and make_printer()."""

import itertools
import os
import subprocess
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from printer.address import PrinterAddress, Profile, parse_address
from printer.base import CONNECT_TIMEOUT, JOB_TIMEOUT, STATUS_TIMEOUT, ReceiptPrinter
from printer.errors import JobInterrupted, JobUncertain, PrinterUnreachable
from printer.escpos_devices import NetworkPrinter, SerialPrinter, UsbPrinter
from printer.status import PrinterStatus


class DummyPrinter(ReceiptPrinter):
    """Keeps every job's bytes in memory (tests, demos, a kiosk without a printer)."""

    def __init__(self, address: PrinterAddress | None = None, profile: Profile | None = None):
        super().__init__(address or PrinterAddress("dummy"), profile)
        self.jobs: list[bytes] = []
        self._lock = threading.Lock()

    def send(self, data: bytes) -> None:
        """Keep the job."""
        with self._lock:
            self.jobs.append(bytes(data))

    @property
    def output(self) -> bytes:
        """Return all jobs so far, concatenated, as a printer would have received them."""
        with self._lock:
            return b"".join(self.jobs)

    def status(self) -> PrinterStatus:
        """A dummy is always ready."""
        return PrinterStatus.of("online")


class FilePrinter(ReceiptPrinter):
    """Appends jobs to a file, or writes one ``.escpos`` file per job into a folder ("DIR/")."""

    _sequence = itertools.count(1)

    def send(self, data: bytes) -> None:
        """Append, or write a new file atomically so a half-written job never appears."""
        if self.address.per_job_files:
            self._write_new_file(data)
            return
        try:
            out = open(self.address.path, "ab")  # noqa: SIM115 - opening fails apart from writing
        except OSError as exc:
            raise PrinterUnreachable(
                f"Kan niet schrijven naar {self.label}: {exc.strerror}"
            ) from exc
        try:
            with out:
                out.write(data)
        except OSError as exc:
            # Part of the job may already be in the file: appending it again would double it.
            message = f"Het schrijven naar {self.label} brak af: {exc.strerror}"
            raise JobInterrupted(message) from exc

    def _write_new_file(self, data: bytes) -> None:
        folder = Path(self.address.path)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"slip-{stamp}-{os.getpid()}-{next(self._sequence)}.escpos"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, folder / name)
        except OSError as exc:
            raise PrinterUnreachable(f"Kan niet schrijven in {folder}: {exc.strerror}") from exc

    def status(self) -> PrinterStatus:
        """Online when the file or folder can be written."""
        path = Path(self.address.path)
        target = path if path.exists() else path.parent
        while not target.exists() and target != target.parent:
            target = target.parent
        if os.access(target, os.W_OK):
            return PrinterStatus.of("online", reason="file")
        return PrinterStatus.of("offline", f"Geen schrijfrechten op {target}.", reason="no_write")


class CupsReceiptPrinter(ReceiptPrinter):
    """Sends raw ESC/POS to a CUPS queue with ``lp -o raw`` (never asks CUPS for paper status)."""

    def __init__(
        self,
        address: PrinterAddress,
        profile: Profile | None = None,
        job_timeout: float = JOB_TIMEOUT,
    ) -> None:
        super().__init__(address, profile)
        self.job_timeout = job_timeout

    def send(self, data: bytes) -> None:
        """Run lp ourselves: python-escpos's LP hides lp's error text and has no timeout."""
        command = ["lp", "-d", self.address.path, "-o", "raw", "-t", "bonnetje"]
        try:
            result = subprocess.run(  # noqa: S603 - fixed program, queue name validated
                command, input=data, capture_output=True, timeout=self.job_timeout, check=False
            )
        except FileNotFoundError as exc:
            raise PrinterUnreachable(
                "Het programma lp ontbreekt (installeer cups-client)."
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise JobUncertain(f"CUPS antwoordde niet binnen {self.job_timeout:g} s.") from exc
        if result.returncode != 0:
            reason = result.stderr.decode(errors="replace").strip() or f"code {result.returncode}"
            raise PrinterUnreachable(f"CUPS weigerde de bon voor {self.label}: {reason}")

    def status(self) -> PrinterStatus:
        """CUPS cannot tell paper or power: its answers would be wrong, so do not ask."""
        return PrinterStatus.of("unknown", reason="cups")


def make_printer(
    address: PrinterAddress | str,
    profile: Profile | None = None,
    *,
    connect_timeout: float = CONNECT_TIMEOUT,
    job_timeout: float = JOB_TIMEOUT,
    status_timeout: float = STATUS_TIMEOUT,
) -> ReceiptPrinter:
    """Build the ReceiptPrinter for an address (a string is parsed as KIOSK_RECEIPT_PRINTER)."""
    if isinstance(address, str):
        address = parse_address(address)
    timeouts = {
        "connect_timeout": connect_timeout,
        "job_timeout": job_timeout,
        "status_timeout": status_timeout,
    }
    if address.kind == "dummy":
        return DummyPrinter(address, profile)
    if address.kind == "file":
        return FilePrinter(address, profile)
    if address.kind == "cups":
        return CupsReceiptPrinter(address, profile, job_timeout=job_timeout)
    device_class = {"network": NetworkPrinter, "usb": UsbPrinter, "serial": SerialPrinter}
    return device_class[address.kind](address, profile, **timeouts)

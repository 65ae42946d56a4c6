"""Network, USB and serial receipt printers via python-escpos: short timeouts, DLE EOT status."""

import contextlib
import socket
import time
from typing import Any

from printer._escpos import Network, escpos_class
from printer.address import PrinterAddress, Profile
from printer.base import CONNECT_TIMEOUT, JOB_TIMEOUT, STATUS_TIMEOUT, ReceiptPrinter
from printer.errors import JobInterrupted, JobUncertain, PrinterUnreachable
from printer.status import QUERY_PAPER, QUERY_PRINTER, PrinterStatus, parse_status


class _Silent(Exception):
    """The device did not answer a status query in time."""


class EscposDevicePrinter(ReceiptPrinter):
    """A printer that python-escpos talks to directly and that can answer DLE EOT status queries."""

    def __init__(
        self,
        address: PrinterAddress,
        profile: Profile | None = None,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        job_timeout: float = JOB_TIMEOUT,
        status_timeout: float = STATUS_TIMEOUT,
    ) -> None:
        super().__init__(address, profile)
        self.connect_timeout = connect_timeout
        self.job_timeout = job_timeout
        self.status_timeout = status_timeout

    def _open(self) -> Any:
        """Return an opened python-escpos printer; raise PrinterUnreachable if that fails."""
        raise NotImplementedError

    def _read(self, device: Any, timeout: float) -> bytes:
        """Read a reply within ``timeout`` seconds; b"" means the device hung up."""
        return device._read()

    def _query(self, device: Any) -> PrinterStatus:
        """Ask DLE EOT 1 and 4; raise _Silent when no reply comes, PrinterUnreachable if closed."""
        replies = []
        for query in (QUERY_PRINTER, QUERY_PAPER):
            try:
                device._raw(query)
                reply = self._read(device, self.status_timeout)
            except TimeoutError as exc:
                raise _Silent from exc
            except OSError as exc:
                raise self._hung_up() from exc
            if not reply:
                raise self._hung_up()
            replies.append(reply[-1:])
        return parse_status(*replies)

    def _hung_up(self) -> PrinterUnreachable:
        message = self._says("verbrak de verbinding")
        return PrinterUnreachable(message, PrinterStatus.of("offline", message))

    def _says(self, what: str) -> str:
        return f"De printer op {self.label} {what}."

    def status(self) -> PrinterStatus:
        """Open, ask, close: offline if it cannot be reached, unknown if it does not answer."""
        try:
            device = self._open()
        except PrinterUnreachable as exc:
            return PrinterStatus.of("offline", str(exc))
        try:
            return self._query(device)
        except _Silent:
            return PrinterStatus.of("unknown", self._says("antwoordt niet op statusvragen"))
        except PrinterUnreachable as exc:
            return PrinterStatus.of("offline", str(exc))
        finally:
            _close(device)

    def send(self, data: bytes) -> None:
        """Check status, send the job, then ask again: that reply proves the job was received."""
        deadline = time.monotonic() + self.job_timeout
        device = self._open()
        try:
            if self.profile.status_queries:
                self._check_before(device)
            self._write(device, data, deadline)
            if self.profile.status_queries:
                self._confirm(device, deadline)
        finally:
            _close(device)

    def _check_before(self, device: Any) -> None:
        try:
            status = self._query(device)
        except _Silent as exc:
            unknown = PrinterStatus.of("unknown", self._says("antwoordt niet op statusvragen"))
            raise PrinterUnreachable(unknown.detail, status=unknown) from exc
        if status.state != "online":
            raise PrinterUnreachable(status.detail, status=status)

    def _write(self, device: Any, data: bytes, deadline: float) -> None:
        try:
            self._set_timeout(device, max(deadline - time.monotonic(), 0.01))
            device._raw(data)
        except Exception as exc:  # socket, USB and serial errors differ
            raise JobInterrupted(self._says("stopte midden in de bon")) from exc

    def _confirm(self, device: Any, deadline: float) -> None:
        try:
            device._raw(QUERY_PRINTER)
            reply = self._read(device, max(deadline - time.monotonic(), 0.01))
        except TimeoutError as exc:
            raise JobUncertain(self._says("bevestigde de bon niet")) from exc
        except OSError as exc:
            raise JobInterrupted(self._says("verbrak de verbinding tijdens de bon")) from exc
        if not reply:
            raise JobInterrupted(self._says("verbrak de verbinding tijdens de bon"))
        if parse_status(reply[-1:], b"\x12").state != "online":
            raise JobInterrupted(self._says("viel uit tijdens de bon (papier op?)"))

    def _set_timeout(self, device: Any, seconds: float) -> None:
        """Bound the next write; others keep their fixed timeout (the worker is the backstop)."""


def _close(device: Any) -> None:
    # Closing a broken device must not hide the error that broke it.
    with contextlib.suppress(Exception):
        device.close()


def _usable(name: str, library: str, extra: str, says: Any) -> type:
    """Return python-escpos's class if its library is installed, else raise PrinterUnreachable."""
    # Refuse before building one: a half-built Usb or Serial object raises again from __del__.
    cls = escpos_class(name)
    if not cls.is_usable():
        message = says(f"is niet gevonden ({library} ontbreekt: installeer python-escpos[{extra}])")
        raise PrinterUnreachable(message, PrinterStatus.of("offline", message))
    return cls


class NetworkPrinter(EscposDevicePrinter):
    """A printer on raw TCP port 9100 (python-escpos ``Network``), connect timeout ≤ 2 s."""

    def _open(self) -> Any:
        device = Network(
            self.address.host,
            self.address.port,
            timeout=self.connect_timeout,
            profile=self.profile.escpos_profile,
        )
        try:
            # Connect ourselves: python-escpos's open() leaves the socket open when connect fails.
            address = (self.address.host, self.address.port)
            device.device = socket.create_connection(address, timeout=self.connect_timeout)
        except OSError as exc:
            message = self._says("antwoordt niet")
            raise PrinterUnreachable(message, PrinterStatus.of("offline", message)) from exc
        return device

    def _read(self, device: Any, timeout: float) -> bytes:
        device.device.settimeout(timeout)
        return device.device.recv(16)

    def _set_timeout(self, device: Any, seconds: float) -> None:
        # sendall's timeout covers the whole call since Python 3.5: a job timeout, not per chunk.
        device.device.settimeout(seconds)


class UsbPrinter(EscposDevicePrinter):
    """A USB printer through python-escpos ``Usb`` (needs pyusb and libusb: python-escpos[usb])."""

    def _open(self) -> Any:
        usb_class = _usable("Usb", "pyusb", "usb", self._says)
        try:
            device = usb_class(
                self.address.vendor_id,
                self.address.product_id,
                timeout=int(self.job_timeout * 1000),
                profile=self.profile.escpos_profile,
            )
            device.open()
        except Exception as exc:  # RuntimeError, NoBackendError, USBNotFoundError
            raise PrinterUnreachable(self._says(f"is niet gevonden ({exc})")) from exc
        return device

    def _read(self, device: Any, timeout: float) -> bytes:
        try:
            return bytes(device.device.read(device.in_ep, 16, int(timeout * 1000)))
        except Exception as exc:  # pyusb raises USBTimeoutError
            if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
                raise TimeoutError(str(exc)) from exc
            raise OSError(str(exc)) from exc


class SerialPrinter(EscposDevicePrinter):
    """A serial printer through python-escpos ``Serial`` (needs pyserial: python-escpos[serial])."""

    def _open(self) -> Any:
        serial_class = _usable("Serial", "pyserial", "serial", self._says)
        try:
            device = serial_class(
                self.address.path,
                baudrate=self.address.baudrate,
                timeout=self.status_timeout,
                profile=self.profile.escpos_profile,
            )
            device.open()
        except Exception as exc:  # RuntimeError, DeviceNotFoundError, SerialException
            raise PrinterUnreachable(self._says(f"is niet gevonden ({exc})")) from exc
        return device

    def _read(self, device: Any, timeout: float) -> bytes:
        device.device.timeout = timeout
        reply = device.device.read(1)
        if not reply:
            # A serial line cannot hang up; silence is the only way it fails to answer.
            raise TimeoutError("no reply on the serial line")
        return reply

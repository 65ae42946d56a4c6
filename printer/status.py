"""Printer status as the desk shows it, and how to read ESC/POS DLE EOT status replies."""

from dataclasses import dataclass
from typing import Literal

State = Literal["online", "offline", "paper_out", "unknown"]

QUERY_PRINTER = b"\x10\x04\x01"  # DLE EOT 1: printer status (bit 3 = offline)
QUERY_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor (bits 5+6 = paper end)

# Why the printer is in its state, as a code (the desk shows it in its own language) with the
# Dutch sentence for logs, /healthz and the command line. A detail that is not one of these
# sentences names the device or the system's error: the desk shows it as a technical detail.
DETAILS: dict[str, str] = {
    "online": "De printer is klaar.",
    "offline": "De printer staat uit of is niet bereikbaar.",
    "paper_out": "Het papier is op.",
    "unknown": "De printer meldt niet hoe het met hem gaat.",
    "cover_open": "De printer meldt een storing (deksel open?).",
    "paper_low": "De printer is klaar; het papier is bijna op.",
    "not_checked": "Nog niet gecontroleerd.",
    "last_ok": "De laatste bon ging goed.",
    "cups": "Via CUPS is de papierstatus niet te zien.",
    "file": "Bonnetjes worden als bestand bewaard op de kiosk.",
    "no_write": "De kiosk mag niet schrijven waar de bonnetjes heen moeten.",
}


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself; ``unknown`` when it could not tell or did not answer."""

    state: State
    detail: str = ""
    paper_low: bool = False
    reason: str = ""

    @classmethod
    def of(cls, state: State, detail: str = "", paper_low: bool = False,
           reason: str = "") -> "PrinterStatus":
        """Build a status; the detail is the reason's Dutch sentence unless one is given."""
        reason = reason or state
        return cls(state, detail or DETAILS[reason], paper_low, reason)


def _valid(reply: bytes | None) -> int | None:
    """Return the status byte if it looks like a DLE EOT reply (fixed bits 0x12 set, 0x81 clear)."""
    if not reply or len(reply) != 1:
        return None
    value = reply[0]
    return value if value & 0x93 == 0x12 else None


def parse_status(printer_reply: bytes | None, paper_reply: bytes | None) -> PrinterStatus:
    """Interpret the replies to DLE EOT 1 and DLE EOT 4; a missing or odd reply means unknown."""
    printer_byte, paper_byte = _valid(printer_reply), _valid(paper_reply)
    # Paper first: a printer without paper also reports itself offline.
    if paper_byte is not None and paper_byte & 0x60:
        return PrinterStatus.of("paper_out")
    if printer_byte is None or paper_byte is None:
        return PrinterStatus.of("unknown")
    paper_low = bool(paper_byte & 0x0C)
    if printer_byte & 0x08:
        return PrinterStatus.of("offline", paper_low=paper_low, reason="cover_open")
    return PrinterStatus.of("online", paper_low=paper_low, reason="paper_low" if paper_low else "")

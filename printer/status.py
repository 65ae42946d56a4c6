"""Printer status as the desk shows it, and how to read ESC/POS DLE EOT status replies."""

from dataclasses import dataclass
from typing import Literal

State = Literal["online", "offline", "paper_out", "unknown"]

QUERY_PRINTER = b"\x10\x04\x01"  # DLE EOT 1: printer status (bit 3 = offline)
QUERY_PAPER = b"\x10\x04\x04"  # DLE EOT 4: roll paper sensor (bits 5+6 = paper end)

DETAILS: dict[str, str] = {
    "online": "De printer is klaar.",
    "offline": "De printer staat uit of is niet bereikbaar.",
    "paper_out": "Het papier is op.",
    "unknown": "De printer meldt niet hoe het met hem gaat.",
}


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer said about itself; ``unknown`` when it could not tell or did not answer."""

    state: State
    detail: str = ""
    paper_low: bool = False

    @classmethod
    def of(cls, state: State, detail: str = "", paper_low: bool = False) -> "PrinterStatus":
        """Build a status with the standard Dutch wording unless a detail is given."""
        return cls(state, detail or DETAILS[state], paper_low)


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
        return PrinterStatus.of(
            "offline", "De printer meldt een storing (deksel open?).", paper_low
        )
    detail = "De printer is klaar; het papier is bijna op." if paper_low else ""
    return PrinterStatus.of("online", detail, paper_low)

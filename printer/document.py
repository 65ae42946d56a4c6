"""A4 documents: a small DocumentPrinter interface over CUPS (`lp`) or a folder of PDF files."""

import re
import shutil
import subprocess
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from printer.errors import PrinterError

LP_TIMEOUT = 10.0
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
TEST_LINES = [
    "Testpagina van de buurtpunt-kiosk",
    "é è ë ê á à ä â í ì ï î ó ò ö ô ú ù ü û ç ñ É È Ë Ç Ï Ü",
    "Café, reünie, façade, naïef, coöperatie — prijs € 1,45",
    "Staat alles er goed op? Dan is de A4-printer klaar.",
]


class DocumentAddressError(ValueError):
    """A document printer address that cannot work; the message shows a valid example."""


@dataclass(frozen=True)
class DocumentJob:
    """What the printer made of a document: its job id (CUPS) or the file it wrote."""

    job_id: str


# The standard Dutch sentence per reason (below); the kiosk words the reason in its own language.
A4_DETAILS = {"not_checked": "Nog niet gecontroleerd.", "cups_silent": "CUPS antwoordt niet."}


@dataclass(frozen=True)
class DocumentPrinterState:
    """Whether the A4 printer can take a job now, with the reason in plain Dutch when not."""

    ready: bool
    detail: str = ""
    colour: bool = False
    # The reason as a code that screens put in their own language: not_checked, cups_silent,
    # no_queue, disabled, failed (the last job failed; `detail` says how); "" when `detail` is all.
    reason: str = ""


class DocumentPrinter(ABC):
    """Prints a PDF; the only method that touches the device."""

    def state(self) -> DocumentPrinterState:
        """Ask the printer whether it can print now (a folder always can)."""
        return DocumentPrinterState(True)

    @abstractmethod
    def print_pdf(self, pdf: Path, *, copies: int = 1, options: dict | None = None,
                  title: str = "Buurtpunt") -> DocumentJob:
        """Send a PDF; return the job, or raise PrinterError with a plain-words message."""


class FolderPrinter(DocumentPrinter):
    """The embedded default: keeps the PDF that would have been printed, under a new name."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def print_pdf(self, pdf, *, copies=1, options=None, title="Buurtpunt"):
        """Copy the PDF into the folder (once; copies and options are only recorded in the name)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.pdf"
        shutil.copyfile(pdf, target)
        return DocumentJob(str(target))


class CupsPrinter(DocumentPrinter):
    """A CUPS queue through `lp`, with a timeout; jobs get a generic title, never a file name."""

    def __init__(self, queue_name: str, timeout: float = LP_TIMEOUT) -> None:
        self.queue_name = queue_name
        self.timeout = timeout

    def state(self) -> DocumentPrinterState:
        """`lpstat -p QUEUE`: a disabled or missing queue, or a stopped scheduler, cannot print."""
        try:
            done = subprocess.run(["lpstat", "-p", self.queue_name], capture_output=True,
                                  text=True, timeout=self.timeout, check=False)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            return DocumentPrinterState(False, A4_DETAILS["cups_silent"], reason="cups_silent")
        text = (done.stdout + done.stderr).strip()
        if done.returncode != 0 or not text:
            return DocumentPrinterState(False, f"CUPS kent de printer {self.queue_name} niet.",
                                        reason="no_queue")
        if "disabled" in text or "uitgeschakeld" in text:
            return DocumentPrinterState(False, f"De printer staat uit of heeft een fout: {text}",
                                        reason="disabled")
        return DocumentPrinterState(True, text)

    def finished(self, job_id: str) -> bool:
        """True when CUPS no longer has the job waiting or printing."""
        try:
            done = subprocess.run(["lpstat", "-W", "not-completed", "-o", self.queue_name],
                                  capture_output=True, text=True, timeout=self.timeout, check=False)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            return False
        return job_id not in done.stdout.split()

    def print_pdf(self, pdf, *, copies=1, options=None, title="Buurtpunt"):
        """Run `lp -d QUEUE -n COPIES -t TITLE [-o k=v …] FILE` and return the CUPS job id."""
        command = ["lp", "-d", self.queue_name, "-n", str(int(copies)), "-t", title]
        for key, value in (options or {}).items():
            command += ["-o", f"{key}={value}"]
        try:
            done = subprocess.run([*command, "--", str(pdf)], capture_output=True, text=True,
                                  timeout=self.timeout, check=False)
        except FileNotFoundError as error:
            raise PrinterError("CUPS is niet geïnstalleerd: het programma lp ontbreekt.") from error
        except subprocess.TimeoutExpired as error:
            raise PrinterError(f"CUPS antwoordde niet binnen {self.timeout:g} s.") from error
        if done.returncode != 0:
            raise PrinterError(f"CUPS weigerde de opdracht: {done.stderr.strip()}")
        found = re.search(r"request id is (\S+)", done.stdout)
        return DocumentJob(found.group(1) if found else done.stdout.strip())


def make_document_printer(address: str, setting: str = "KIOSK_DOCUMENT_PRINTER") -> DocumentPrinter:
    """Build the A4 printer from `cups:QUEUE` or `file:DIR`."""
    kind, _, rest = address.partition(":")
    if kind == "cups" and re.fullmatch(r"[A-Za-z0-9_.@-]+", rest):
        return CupsPrinter(rest)
    if kind == "file" and rest:
        return FolderPrinter(Path(rest))
    raise DocumentAddressError(
        f"{setting} = {address!r} is geen geldige A4-printer. "
        "Voorbeeld: cups:A4 (een CUPS-wachtrij) of file:/var/lib/buurtpunt-kiosk/documents/")


def write_test_page(target: Path, name: str = "Buurtpunt Dendermonde") -> Path:
    """Draw an A4 test page (every Dutch accent and the euro sign) into a PDF with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    try:
        title, body = ImageFont.truetype(DEJAVU, 56), ImageFont.truetype(DEJAVU, 34)
    except OSError:
        title, body = ImageFont.load_default(56), ImageFont.load_default(34)
    draw.text((120, 140), name, font=title, fill="black")
    for number, line in enumerate(TEST_LINES):
        draw.text((120, 300 + number * 70), line, font=body, fill="black")
    draw.rectangle((60, 60, 1180, 1694), outline="black", width=4)
    page.save(target, "PDF", resolution=150.0)
    return target

"""The A4 worker: one background thread sends confirmed documents to the printer and forgets them.

Requests never wait for CUPS: they queue a document and wake this thread. `lp` runs here with a
timeout; right after CUPS has taken the job our copy of the file is deleted.
"""

import logging
import threading
from pathlib import Path

from kiosk.db import connect
from kiosk.prints import store as documents
from printer.document import A4_DETAILS, DocumentPrinter, DocumentPrinterState, FolderPrinter
from printer.errors import PrinterError

log = logging.getLogger(__name__)


class DocumentWorker:
    """Owns the A4 printer: prints queued documents, follows CUPS jobs, purges old files."""

    def __init__(self, database: str, printer: DocumentPrinter, uploads: Path,
                 poll: float = 2.0, state_every: float = 30.0) -> None:
        self.database, self.printer, self.uploads = database, printer, uploads
        self.poll, self.state_every = poll, state_every
        self._wake, self._stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self._state = DocumentPrinterState(True, A4_DETAILS["not_checked"], reason="not_checked")
        self._thread: threading.Thread | None = None
        self._since_state = state_every

    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="a4-worker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the current step."""
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def wake(self) -> None:
        """There is work (a confirmed document, a retry)."""
        self._wake.set()

    def state(self) -> DocumentPrinterState:
        """The A4 printer's last known state; never waits for the printer."""
        with self._lock:
            return self._state

    def _run(self) -> None:
        db = connect(self.database)
        try:
            while not self._stop.is_set():
                try:
                    self.step(db)
                except Exception:  # a bad step is logged; the loop (and the kiosk) goes on
                    log.exception("A4 worker step failed")
                self._wake.wait(self.poll)
                self._wake.clear()
                self._since_state += self.poll
        finally:
            db.close()

    def step(self, db) -> None:
        """Check the printer now and then, print what is queued, follow jobs, purge files."""
        if self._since_state >= self.state_every:
            self._since_state = 0.0
            with self._lock:
                self._state = self.printer.state()
        for doc in documents.in_status(db, "queued"):
            self._print(db, doc)
        self._follow(db)
        documents.purge(db, self.uploads)

    def _print(self, db, doc: documents.Document) -> None:
        documents.set_status(db, doc.id, "printing")
        options = {"page-ranges": f"{doc.page_from}-{doc.page_to}"}
        options["print-color-mode"] = "color" if doc.colour else "monochrome"
        try:
            job = self.printer.print_pdf(Path(doc.file_path), copies=doc.copies or 1,
                                         options=options, title="Buurtpunt")
        except (PrinterError, OSError, TypeError) as error:
            documents.set_status(db, doc.id, "failed", error=str(error))
            with self._lock:
                self._state = DocumentPrinterState(False, str(error), reason="failed")
            return
        # CUPS has its own copy now (and keeps none after printing: PreserveJobFiles No).
        finished = isinstance(self.printer, FolderPrinter)
        documents.set_status(db, doc.id, "done" if finished else "printing", job=job.job_id)
        documents.forget(db, doc.id)

    def _follow(self, db) -> None:
        finished = getattr(self.printer, "finished", None)
        if finished is None:
            return
        for doc in documents.in_status(db, "printing"):
            if doc.printer_job and finished(doc.printer_job):
                documents.set_status(db, doc.id, "done")

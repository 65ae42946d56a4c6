"""The print worker: one background thread that owns the receipt printer and drains the queue."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from printer import queue
from printer.base import ReceiptPrinter
from printer.errors import (
    JobInterrupted,
    JobUncertain,
    PrinterError,
    PrinterUnreachable,
    SlipUnprintable,
)
from printer.escpos_render import render
from printer.status import PrinterStatus
from printer.testprint import print_test_slip

__all__ = ["PrintWorker", "WorkerState", "print_test_slip"]

log = logging.getLogger(__name__)

ATTEMPT_TIMEOUT = (
    12.0  # device timeouts are ≤ 10 s; this backstop catches a driver that ignores them
)


@dataclass(frozen=True)
class WorkerState:
    """What the desk and /healthz show about the printer (a snapshot, safe to pass around)."""

    status: PrinterStatus = PrinterStatus.of("unknown", reason="not_checked")
    last_error: str | None = None
    last_error_kind: str | None = None  # PrinterError.kind, or "internal"
    last_error_at: str | None = None
    last_printed_at: str | None = None
    checked_at: str | None = None
    running: bool = False
    stuck: bool = False


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _bounded(action: Callable[[], Any], seconds: float) -> tuple[bool, Any]:
    """Run ``action`` in a helper thread; return (finished, its result or exception) in time."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append(action())
        except Exception as exc:  # handed back to the worker, which decides what it means
            box.append(exc)

    helper = threading.Thread(target=run, name="print-attempt", daemon=True)
    helper.start()
    helper.join(seconds)
    if helper.is_alive():
        return False, helper
    return True, box[0] if box else None


class PrintWorker:
    """Drains print_jobs into the printer; requests only enqueue and call wake()."""

    def __init__(
        self,
        connect: Callable[[], Database],
        printer_factory: Callable[[], ReceiptPrinter],
        *,
        attempt_timeout: float = ATTEMPT_TIMEOUT,
        idle_poll: float = 5.0,
        status_interval: float | None = 30.0,
        max_attempts: int | None = queue.MAX_ATTEMPTS,
    ) -> None:
        self._connect = connect
        self._printer_factory = printer_factory
        self.attempt_timeout = attempt_timeout
        self.idle_poll = idle_poll
        self.status_interval = status_interval
        self.max_attempts = max_attempts
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._stuck: threading.Thread | None = None
        self._state = WorkerState()
        self._failures = 0
        self._next_status_check = 0.0

    def start(self) -> None:
        """Start the background thread (once)."""
        if self._thread and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="print-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to finish its current job and stop; wait at most ``timeout`` seconds."""
        self._stopping.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def wake(self) -> None:
        """Tell the worker there is work (a new job, a retry); returns at once."""
        self._wake.set()

    def check_status_soon(self) -> None:
        """Ask for a fresh printer status at the next chance (the desk's "controleer")."""
        with self._lock:
            self._next_status_check = 0.0
        self._wake.set()

    def state(self) -> WorkerState:
        """Return a snapshot of the printer status and last error; never blocks on the printer."""
        with self._lock:
            return replace(self._state, running=bool(self._thread and self._thread.is_alive()))

    def _update(self, **changes: Any) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)

    def _run(self) -> None:
        db = self._connect()
        try:
            recovered = queue.recover_after_crash(db)
            if recovered:
                log.warning(
                    "%d print job(s) were interrupted by a restart: now 'unknown'", recovered
                )
            while not self._stopping.is_set():
                self._wake.clear()
                pause = self._step_safely(db)
                if pause:
                    self._wake.wait(pause)
        finally:
            db.close()

    def _step_safely(self, db: Database) -> float:
        """One step of the loop; an unexpected error is recorded and the loop goes on."""
        try:
            return self.step(db)
        except Exception as exc:
            log.exception("print worker step failed")
            self._update(
                last_error=f"Interne fout in de printwachtrij: {exc}", last_error_kind="internal",
                last_error_at=_stamp(),
            )
            return 1.0

    def step(self, db: Database) -> float:
        """Print at most one job; return how long to wait before the next step (0 = go on)."""
        if self._stuck is not None:
            if self._stuck.is_alive():
                return 0.5
            self._stuck = None
            self._update(stuck=False)
        job = queue.claim_next(db)
        if job is None:
            self._maybe_check_status()
            return self.idle_poll
        outcome = self._attempt(job)
        self._record(db, job, outcome)
        if isinstance(outcome, PrinterUnreachable):
            self._failures += 1
            return queue.backoff(self._failures)
        self._failures = 0
        return 0.0

    def _attempt(self, job: queue.PrintJob) -> Exception | None:
        """Send one job with a hard time limit; return None on success or the error."""
        try:
            printer = self._printer_factory()
            data = render(job.slip, printer.profile)
        except Exception as exc:
            return SlipUnprintable(f"De bon kon niet opgemaakt worden: {exc}")
        finished, result = _bounded(lambda: printer.send(data), self.attempt_timeout)
        if not finished:
            self._stuck = result
            self._update(stuck=True)
            return JobUncertain(f"De printer reageerde niet binnen {self.attempt_timeout:g} s.")
        if result is None or isinstance(result, PrinterError):
            return result
        # Not one of ours: some bytes may have left, so it counts as possibly printed.
        return JobInterrupted(f"Onverwachte fout bij het afdrukken: {result}")

    def _record(self, db: Database, job: queue.PrintJob, outcome: Exception | None) -> None:
        """Write the attempt's result to the database (retried: a lost update would lose a job)."""
        for attempt in range(3):
            try:
                self._write_outcome(db, job, outcome)
                break
            except Exception:
                if attempt == 2:
                    raise
                time.sleep(0.2)
        if outcome is None:
            self._update(
                status=PrinterStatus.of("online", reason="last_ok"),
                last_printed_at=_stamp(),
                checked_at=_stamp(),
            )
        else:
            status = getattr(outcome, "status", None) or self._state.status
            self._update(
                status=status, last_error=str(outcome), last_error_at=_stamp(), checked_at=_stamp(),
                last_error_kind=getattr(outcome, "kind", "error"),
            )

    def _write_outcome(self, db: Database, job: queue.PrintJob, outcome: Exception | None) -> None:
        if outcome is None:
            queue.mark_done(db, job.id)
        elif isinstance(outcome, PrinterUnreachable):
            queue.mark_failed(db, job.id, str(outcome), max_attempts=self.max_attempts)
        elif isinstance(outcome, SlipUnprintable):
            queue.mark_failed(db, job.id, str(outcome), retry=False)
        else:
            # Bytes may have reached the printer: a retry could print half a slip and then the
            # whole one, so it waits as "onzeker" for a volunteer who can see the paper.
            queue.mark_unknown(db, job.id, str(outcome))

    def _maybe_check_status(self) -> None:
        if self.status_interval is None or time.monotonic() < self._next_status_check:
            return
        self._next_status_check = time.monotonic() + self.status_interval
        finished, result = _bounded(lambda: self._printer_factory().status(), self.attempt_timeout)
        if finished and isinstance(result, PrinterStatus):
            self._update(status=result, checked_at=_stamp())
        elif not finished:
            self._stuck = result
            self._update(status=PrinterStatus.of("unknown"), stuck=True, checked_at=_stamp())

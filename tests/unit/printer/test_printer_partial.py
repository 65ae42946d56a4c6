"""A job the printer may have partly received is "onzeker" ('unknown'), never retried by itself.

Only a failure before the first byte of the job left us (refused, no answer, paper out found by
the status query) is tried again automatically; a retry after that could print half a slip and
then the whole one.
"""

import builtins

import pytest

from printer import queue
from printer.address import Profile, parse_address
from printer.dbtools import connect
from printer.devices import make_printer
from printer.escpos_devices import SerialPrinter, UsbPrinter
from printer.escpos_render import render
from printer.slip import Header, Slip, Text
from printer.status import QUERY_PAPER, QUERY_PRINTER
from printer.worker import PrintWorker

SLIP = Slip(Header("Buurtpunt"), [Text(f"BON-{i:02d} café € 1,45") for i in range(12)])
JOB = render(SLIP, Profile())
QUERIES = len(QUERY_PRINTER + QUERY_PAPER)  # what the status check sends before the job


def _worker(db_path, printer_factory) -> PrintWorker:
    return PrintWorker(lambda: connect(db_path), printer_factory, status_interval=None)


def _run(worker, db, steps: int = 4) -> queue.PrintJob:
    """Queue SLIP and let the worker try as often as it would on its own (back-off skipped)."""
    job_id = queue.enqueue(db, "receipt", SLIP)
    for _ in range(steps):
        worker.step(db)
        db.execute("UPDATE print_jobs SET next_attempt_at = NULL WHERE status = 'queued'")
    return queue.get_job(db, job_id)


@pytest.mark.parametrize("job_bytes", [1, 20, len(JOB) // 2, len(JOB) - 1])
def test_network_job_cut_off_midway_is_unknown_and_sent_once(
    fake_printer, db_path, fresh_db, job_bytes
):
    fake_printer.drop_after = QUERIES + job_bytes
    fake_printer.set_mode("drop")
    job = _run(_worker(db_path, lambda: make_printer(fake_printer.address)), fresh_db)
    assert (job.status, job.attempts) == ("unknown", 1), job.last_error
    assert fake_printer.received_jobs() == 1  # the half slip; never a second copy


@pytest.mark.parametrize("job_bytes", [0, 1, 200])
def test_network_without_status_queries_never_sends_a_job_twice(
    fake_printer, db_path, fresh_db, job_bytes
):
    fake_printer.drop_after = job_bytes
    fake_printer.set_mode("drop")
    blind = Profile(status_queries=False)
    job = _run(_worker(db_path, lambda: make_printer(fake_printer.address, blind)), fresh_db)
    # Without status queries a cut that comes after our last byte cannot be seen (then 'done').
    # A drop at once may beat our connection (a busy machine): nothing left us, so a retry is
    # right there; whatever happens, the printer never gets the job twice.
    retried = job_bytes == 0 and job.status in ("queued", "done")
    assert job.status in ("unknown", "done") and job.attempts == 1 or retried, job.last_error
    assert fake_printer.received_jobs() <= 1


@pytest.mark.parametrize("drop_after", [0, len(QUERY_PRINTER)])
def test_network_drop_during_the_status_check_is_retried_by_itself(
    fake_printer, db_path, fresh_db, drop_after
):
    fake_printer.drop_after = drop_after
    fake_printer.set_mode("drop")
    worker = _worker(db_path, lambda: make_printer(fake_printer.address))
    job = _run(worker, fresh_db, steps=2)
    assert (job.status, job.attempts) == ("queued", 2)
    assert fake_printer.received_jobs() == 0
    fake_printer.set_mode("accept")
    fresh_db.execute("UPDATE print_jobs SET next_attempt_at = NULL")
    worker.step(fresh_db)
    assert queue.get_job(fresh_db, job.id).status == "done"
    assert fake_printer.received_jobs() == 1


class _BreaksMidWrite:
    """A file whose disk fills up halfway through the job."""

    def __init__(self, *args, **kwargs):
        self.real = builtins.open(*args, **kwargs)  # noqa: SIM115 - closed by __exit__

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")


def test_file_append_cut_off_midway_is_unknown_and_written_once(
    tmp_path, db_path, fresh_db, monkeypatch
):
    target = tmp_path / "bonnen.bin"
    monkeypatch.setattr("printer.devices.open", _BreaksMidWrite, raising=False)
    job = _run(_worker(db_path, lambda: make_printer(f"file:{target}")), fresh_db)
    assert (job.status, job.attempts) == ("unknown", 1), job.last_error
    assert target.read_bytes() == JOB[: len(JOB) // 2]


def test_file_that_cannot_be_opened_is_retried_by_itself(tmp_path, db_path, fresh_db):
    target = tmp_path / "nog-geen-map" / "bonnen.bin"
    worker = _worker(db_path, lambda: make_printer(f"file:{target}"))
    job = _run(worker, fresh_db, steps=2)
    assert (job.status, job.attempts) == ("queued", 2)
    target.parent.mkdir()
    fresh_db.execute("UPDATE print_jobs SET next_attempt_at = NULL")
    worker.step(fresh_db)
    assert queue.get_job(fresh_db, job.id).status == "done"
    assert target.read_bytes() == JOB


class _Line:
    """A USB or serial line to a printer that answers status queries and dies midway the job."""

    def __init__(self, cut_after: int) -> None:
        self.cut_after, self.received, self.replies = cut_after, b"", []
        self.device, self.in_ep, self.timeout = self, 0x81, 1

    def _raw(self, data: bytes) -> None:
        if data in (QUERY_PRINTER, QUERY_PAPER):
            self.replies.append(b"\x12")
            return
        self.received += data[: self.cut_after]
        if self.cut_after < len(data):
            raise OSError(5, "Input/output error")

    def read(self, *args) -> bytes:
        return self.replies.pop(0) if self.replies else b""

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("cls", "address"), [(UsbPrinter, "usb:04b8:0202"),
                                              (SerialPrinter, "serial:/dev/ttyUSB0")])
def test_usb_and_serial_job_cut_off_midway_is_unknown(db_path, fresh_db, cls, address):
    line = _Line(cut_after=40)
    printer = cls(parse_address(address))
    printer._open = lambda: line
    job = _run(_worker(db_path, lambda: printer), fresh_db)
    assert (job.status, job.attempts) == ("unknown", 1), job.last_error
    assert line.received == JOB[:40]


@pytest.mark.parametrize(("script", "after"), [
    # lp refused the job: CUPS holds a job until its data is complete, so nothing printed.
    ('echo "lp: The printer or class does not exist." >&2\nexit 1\n', "queued"),
    # lp did not finish in time: CUPS may have the whole job and print it.
    ("cat > /dev/null\nsleep 5\n", "unknown"),
])
def test_cups_retries_only_a_job_lp_refused(fake_lp, db_path, fresh_db, script, after):
    fake_lp(script)
    worker = _worker(db_path, lambda: make_printer("cups:bon", job_timeout=0.5))
    job = _run(worker, fresh_db, steps=1)
    assert job.status == after, job.last_error

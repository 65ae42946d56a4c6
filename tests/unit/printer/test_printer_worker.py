"""The print worker: drains the queue, survives hangs and restarts, and never loses a job."""

import random
import threading
import time

from printer import queue
from printer.dbtools import connect
from printer.devices import DummyPrinter, ReceiptPrinter, make_printer
from printer.slip import Header, Slip, Text
from printer.worker import PrintWorker, print_test_slip


def slip(marker: str) -> Slip:
    return Slip(Header("Buurtpunt"), [Text(f"{marker} één € 1,45")])


def wait_for(condition, seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


class BlockingPrinter(ReceiptPrinter):
    """A driver that ignores every timeout until released."""

    def __init__(self) -> None:
        super().__init__(make_printer("dummy").address)
        self.release = threading.Event()

    def send(self, data: bytes) -> None:
        self.release.wait(10)


def test_worker_drains_queue_in_background(db_path, fresh_db):
    printer = DummyPrinter()
    worker = PrintWorker(lambda: connect(db_path), lambda: printer, idle_poll=0.05)
    ids = [queue.enqueue(fresh_db, "receipt", slip(f"JOB-{i}")) for i in range(5)]
    worker.start()
    worker.wake()
    try:
        assert wait_for(lambda: queue.queue_length(fresh_db) == 0)
    finally:
        worker.stop()
    assert [queue.get_job(fresh_db, i).status for i in ids] == ["done"] * 5
    assert [b"JOB-%d" % i in job for i, job in enumerate(printer.jobs)] == [True] * 5
    assert worker.state().status.state == "online" and worker.state().last_printed_at


def test_worker_start_turns_interrupted_job_into_unknown(db_path, fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip("JOB-1"))
    queue.claim_next(fresh_db)  # the previous process died while printing this one
    printer = DummyPrinter()
    worker = PrintWorker(lambda: connect(db_path), lambda: printer, idle_poll=0.05)
    worker.start()
    try:
        assert wait_for(lambda: queue.get_job(fresh_db, job_id).status == "unknown")
        time.sleep(0.1)
    finally:
        worker.stop()
    assert printer.jobs == []  # not printed a second time by itself


def test_worker_hard_timeout_abandons_hanging_driver(fresh_db):
    printer = BlockingPrinter()
    worker = PrintWorker(lambda: fresh_db, lambda: printer, attempt_timeout=0.3)
    job_id = queue.enqueue(fresh_db, "receipt", slip("JOB-1"))
    queue.enqueue(fresh_db, "receipt", slip("JOB-2"))
    start = time.monotonic()
    worker.step(fresh_db)
    assert time.monotonic() - start < 1.0
    assert queue.get_job(fresh_db, job_id).status == "unknown"
    assert worker.state().stuck
    assert worker.step(fresh_db) > 0  # waits for the stuck driver instead of piling on
    assert queue.queue_length(fresh_db) == 1
    printer.release.set()
    assert wait_for(lambda: worker.step(fresh_db) == 0 and not worker.state().stuck)


def test_worker_fails_a_job_whose_payload_cannot_be_laid_out(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip("x"))
    fresh_db.execute("UPDATE print_jobs SET payload = '{\"header\": {}}' WHERE id = ?", (job_id,))
    worker = PrintWorker(lambda: fresh_db, DummyPrinter)
    worker.step(fresh_db)
    job = queue.get_job(fresh_db, job_id)
    assert job.status == "failed" and "opgemaakt" in job.last_error


def test_worker_refreshes_status_when_idle(fresh_db):
    worker = PrintWorker(lambda: fresh_db, DummyPrinter, status_interval=60)
    worker.step(fresh_db)
    assert worker.state().status.state == "online" and worker.state().checked_at


def test_worker_200_jobs_with_random_faults_loses_none(fake_printer, fresh_db):
    rng = random.Random(20251124)
    modes = ["accept"] * 6 + ["refuse", "hang", "paper_out", "drop"]
    address = fake_printer.address
    worker = PrintWorker(
        lambda: fresh_db,
        lambda: make_printer(address, status_timeout=0.1),
        status_interval=None,
        max_attempts=None,
    )
    ids = [queue.enqueue(fresh_db, "receipt", slip(f"JOB-{i:03d}")) for i in range(200)]
    for _ in range(2000):
        if queue.queue_length(fresh_db) == 0:
            break
        fake_printer.set_mode(rng.choice(modes))
        start = time.monotonic()
        worker.step(fresh_db)
        assert time.monotonic() - start < 2.0
        fresh_db.execute("UPDATE print_jobs SET next_attempt_at = NULL WHERE status = 'queued'")
    fake_printer.set_mode("accept")
    time.sleep(0.2)
    jobs = {job_id: queue.get_job(fresh_db, job_id) for job_id in ids}
    assert {job.status for job in jobs.values()} <= {"done", "failed", "unknown"}
    for i, job_id in enumerate(ids):
        printed = fake_printer.printed(b"JOB-%03d" % i)
        expected = 1 if jobs[job_id].status == "done" else 0
        assert printed == expected, (i, jobs[job_id])
    done = sum(job.status == "done" for job in jobs.values())
    assert done > 100 and len(jobs) == 200


def test_print_test_slip_prints_accents_and_euro_directly(fake_printer, fresh_db):
    message = print_test_slip(fake_printer.address)
    assert "verstuurd" in message and "klaar" in message
    time.sleep(0.05)
    assert fake_printer.printed(b"\x82 \x8a \x89") == 1 and fake_printer.printed(b"\xd5 1,45") == 1
    assert queue.queue_length(fresh_db) == 0


def test_print_test_slip_says_in_dutch_when_printer_does_not_answer(fake_printer):
    fake_printer.set_mode("refuse")
    try:
        print_test_slip(fake_printer.address)
    except Exception as exc:
        assert (
            str(exc)
            == f"De testbon lukte niet: De printer op 127.0.0.1:{fake_printer.port} antwoordt niet."
        )
    else:
        raise AssertionError("expected a PrinterError")


def test_print_test_slip_prints_blind_on_printer_without_status(tmp_path):
    target = tmp_path / "bon.bin"
    assert "verstuurd" in print_test_slip(f"file:{target}")
    assert b"\xd5" in target.read_bytes()

"""Transport faults on a fake network printer at 127.0.0.1: nothing waits long, nothing is lost."""

import time

import pytest

from printer import queue
from printer.devices import make_printer
from printer.errors import JobInterrupted, PrinterUnreachable
from printer.escpos_render import render
from printer.slip import Header, Slip, Text
from printer.status import QUERY_PAPER, QUERY_PRINTER
from printer.worker import PrintWorker

LIMIT = 2.0  # seconds: no call may wait longer than this on a broken printer


def slip(marker: str = "JOB-1") -> Slip:
    return Slip(Header("Buurtpunt"), [Text(f"{marker} café € 1,45")])


def timed(action):
    start = time.monotonic()
    result = action()
    return result, time.monotonic() - start


@pytest.fixture
def worker(fake_printer, db_path):
    """A worker (not started: tests call step() to run exactly one attempt)."""
    from printer.dbtools import connect

    return PrintWorker(
        lambda: connect(db_path),
        lambda: make_printer(fake_printer.address),
        status_interval=None,
    )


def run_one(worker, db):
    """Let the worker try one job, measuring how long it took."""
    _, seconds = timed(lambda: worker.step(db))
    assert seconds < LIMIT
    return seconds


def make_due(db):
    """Jump past every back-off instead of sleeping through it."""
    db.execute("UPDATE print_jobs SET next_attempt_at = NULL WHERE status = 'queued'")


def test_network_accept_prints_exact_bytes_between_status_queries(fake_printer):
    _, seconds = timed(lambda: make_printer(fake_printer.address).print_slip(slip()))
    assert seconds < LIMIT
    time.sleep(0.05)
    assert fake_printer.jobs == [
        QUERY_PRINTER + QUERY_PAPER + render(slip(), make_printer("dummy").profile) + QUERY_PRINTER
    ]


@pytest.mark.parametrize(
    ("mode", "state"),
    [("accept", "online"), ("refuse", "offline"), ("hang", "unknown"), ("paper_out", "paper_out")],
)
def test_network_status_reports_each_condition_within_limit(fake_printer, mode, state):
    fake_printer.set_mode(mode)
    status, seconds = timed(lambda: make_printer(fake_printer.address).status())
    assert status.state == state and seconds < LIMIT


@pytest.mark.parametrize("mode", ["refuse", "hang", "paper_out"])
def test_network_fault_before_sending_is_unreachable(fake_printer, mode):
    fake_printer.set_mode(mode)
    with pytest.raises(PrinterUnreachable):
        timed(lambda: make_printer(fake_printer.address).print_slip(slip()))
    assert fake_printer.printed(b"JOB-1") == 0


def test_network_drop_mid_job_is_interrupted(fake_printer):
    fake_printer.set_mode("drop")
    start = time.monotonic()
    with pytest.raises(JobInterrupted):
        make_printer(fake_printer.address).print_slip(slip())
    assert time.monotonic() - start < LIMIT


@pytest.mark.parametrize(
    ("mode", "after", "state_shown"),
    [
        ("refuse", "queued", "offline"),
        ("hang", "queued", "unknown"),
        ("paper_out", "queued", "paper_out"),
        ("drop", "unknown", None),
    ],
)
def test_worker_fault_then_recovery_prints_exactly_once(
    fake_printer, worker, fresh_db, mode, after, state_shown
):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    fake_printer.set_mode(mode)
    run_one(worker, fresh_db)
    job = queue.get_job(fresh_db, job_id)
    assert job.status == after and job.last_error
    if state_shown:
        assert worker.state().status.state == state_shown
    fake_printer.set_mode("accept")
    if after == "unknown":
        queue.retry(fresh_db, job_id)  # a volunteer saw no slip came out and presses "opnieuw"
    make_due(fresh_db)
    run_one(worker, fresh_db)
    assert queue.get_job(fresh_db, job_id).status == "done"
    time.sleep(0.05)
    assert fake_printer.printed(b"JOB-1") == 1
    assert worker.state().status.state == "online"


def test_enqueue_and_state_stay_fast_while_printer_hangs(fake_printer, db_path, fresh_db):
    from printer.dbtools import connect

    fake_printer.set_mode("hang")
    worker = PrintWorker(
        lambda: connect(db_path), lambda: make_printer(fake_printer.address), idle_poll=0.05
    )
    worker.start()
    try:
        for i in range(5):
            _, seconds = timed(lambda i=i: queue.enqueue(fresh_db, "receipt", slip(f"JOB-{i}")))
            worker.wake()
            _, state_seconds = timed(worker.state)
            assert seconds < 0.5 and state_seconds < 0.1
            time.sleep(0.2)
    finally:
        _, seconds = timed(lambda: worker.stop(timeout=LIMIT))
    assert seconds < LIMIT and not worker.state().running
    assert queue.status_counts(fresh_db).get("done", 0) == 0

"""The print queue's state machine: enqueue, claim, done/failed/unknown, retry, cancel, reprint."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from printer import queue
from printer.dbtools import connect, write_transaction
from printer.migrations import migrations
from printer.slip import Header, Slip, Text

T0 = datetime(2025, 11, 24, 13, 0, tzinfo=UTC)


def slip(text: str = "bon") -> Slip:
    return Slip(Header("Buurtpunt"), [Text(text)])


def status(db, job_id):
    return queue.get_job(db, job_id).status


def test_migrations_are_recorded_and_idempotent(fresh_db):
    migrations.apply(fresh_db)
    assert [m.name for m in migrations.applied(fresh_db)] == ["m001_print_jobs",
                                                              "m002_print_job_refs"]
    assert fresh_db["print_jobs"].exists()


def test_enqueue_with_a_ref_is_found_by_it_and_refuses_a_second_job(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip(), ref="receipt:BP1-000001")
    copy = queue.reprint(fresh_db, job_id)
    assert queue.find(fresh_db, "receipt:BP1-000001").id == job_id
    assert queue.get_job(fresh_db, copy).ref is None and queue.find(fresh_db, "x") is None
    with pytest.raises(sqlite3.IntegrityError):
        queue.enqueue(fresh_db, "receipt", slip(), ref="receipt:BP1-000001")


def test_enqueue_stores_payload_and_utc_times(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip("é €"), now=T0)
    job = queue.get_job(fresh_db, job_id)
    assert (job.kind, job.status, job.attempts) == ("receipt", "queued", 0)
    assert job.slip == slip("é €")
    assert job.created_at == "2025-11-24T13:00:00.000000+00:00"


def test_enqueue_joins_the_callers_transaction_and_rolls_back_with_it(fresh_db):
    fresh_db.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY)")
    with pytest.raises(RuntimeError), fresh_db.atomic():
        fresh_db.execute("INSERT INTO sales (id) VALUES (1)")
        queue.enqueue(fresh_db, "receipt", slip())
        raise RuntimeError("payment refused")
    assert fresh_db.execute("SELECT count(*) FROM sales").fetchone()[0] == 0
    assert queue.queue_length(fresh_db) == 0


def test_enqueue_commits_with_the_callers_immediate_transaction(fresh_db, db_path):
    with write_transaction(fresh_db):
        job_id = queue.enqueue(fresh_db, "ticket", slip())
        other = connect(db_path)
        assert queue.get_job(other, job_id) is None  # not visible before the commit
    assert queue.get_job(other, job_id).status == "queued"
    other.close()


def test_enqueue_outside_a_transaction_commits_at_once(fresh_db, db_path):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    assert not fresh_db.conn.in_transaction
    other = connect(db_path)
    assert queue.get_job(other, job_id) is not None
    other.close()


def test_claim_next_takes_oldest_due_job_and_counts_attempt(fresh_db):
    first = queue.enqueue(fresh_db, "receipt", slip("1"))
    queue.enqueue(fresh_db, "receipt", slip("2"))
    job = queue.claim_next(fresh_db)
    assert (job.id, job.status, job.attempts) == (first, "printing", 1)
    assert status(fresh_db, first) == "printing"


def test_claim_next_returns_none_when_nothing_is_due(fresh_db):
    assert queue.claim_next(fresh_db) is None


def test_mark_done_sets_printed_at(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    assert queue.mark_done(fresh_db, job_id, now=T0)
    job = queue.get_job(fresh_db, job_id)
    assert (job.status, job.printed_at) == ("done", "2025-11-24T13:00:00.000000+00:00")
    assert queue.queue_length(fresh_db) == 0


def test_mark_failed_unreached_requeues_with_backoff(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db, now=T0)
    assert queue.mark_failed(fresh_db, job_id, "De printer antwoordt niet.", now=T0) == "queued"
    job = queue.get_job(fresh_db, job_id)
    assert job.last_error == "De printer antwoordt niet."
    assert job.next_attempt_at == (T0 + timedelta(seconds=2)).isoformat(timespec="microseconds")
    assert queue.claim_next(fresh_db, now=T0 + timedelta(seconds=1)) is None
    assert queue.claim_next(fresh_db, now=T0 + timedelta(seconds=2)).id == job_id


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (20, 60)]
)
def test_backoff_doubles_up_to_a_minute(attempts, seconds):
    assert queue.backoff(attempts) == seconds


def test_mark_failed_gives_up_after_max_attempts(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    moment = T0
    for _ in range(2):
        queue.claim_next(fresh_db, now=moment)
        result = queue.mark_failed(fresh_db, job_id, "weg", max_attempts=2, now=moment)
        moment += timedelta(minutes=5)
    assert result == "failed" and status(fresh_db, job_id) == "failed"


def test_mark_failed_without_retry_fails_at_once(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    assert queue.mark_failed(fresh_db, job_id, "onleesbaar", retry=False) == "failed"
    assert queue.get_job(fresh_db, job_id).next_attempt_at is None


def test_mark_calls_ignore_jobs_that_are_not_printing(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    assert not queue.mark_done(fresh_db, job_id)
    assert queue.mark_failed(fresh_db, job_id, "x") is None
    assert not queue.mark_unknown(fresh_db, job_id, "x")
    assert status(fresh_db, job_id) == "queued"


def test_recover_after_crash_turns_printing_into_unknown_not_queued(db_path, fresh_db):
    db = connect(db_path)
    job_id = queue.enqueue(db, "receipt", slip())
    waiting = queue.enqueue(db, "receipt", slip())
    queue.claim_next(db)
    db.conn.close()  # the process dies mid-job: no mark_* call ever happens

    restarted = connect(db_path)
    assert queue.recover_after_crash(restarted) == 1
    job = queue.get_job(restarted, job_id)
    assert job.status == "unknown" and "onderbroken" in job.last_error
    assert queue.claim_next(restarted).id == waiting  # the unknown job is not printed again


def test_retry_requeues_failed_and_unknown_jobs(fresh_db):
    failed = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    queue.mark_failed(fresh_db, failed, "x", retry=False)
    unknown = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    queue.mark_unknown(fresh_db, unknown, "?")
    assert queue.retry(fresh_db, failed) and queue.retry(fresh_db, unknown)
    assert [queue.claim_next(fresh_db).id, queue.claim_next(fresh_db).id] == [failed, unknown]


def test_retry_makes_a_waiting_job_due_now(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    queue.mark_failed(fresh_db, job_id, "x")
    assert queue.claim_next(fresh_db) is None
    assert queue.retry(fresh_db, job_id)
    assert queue.claim_next(fresh_db).id == job_id


@pytest.mark.parametrize("state", ["printing", "done", "cancelled"])
def test_retry_refuses_printing_done_and_cancelled(fresh_db, state):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    fresh_db.execute("UPDATE print_jobs SET status = ? WHERE id = ?", (state, job_id))
    assert not queue.retry(fresh_db, job_id)
    assert status(fresh_db, job_id) == state


def test_cancel_stops_a_queued_job(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    assert queue.cancel(fresh_db, job_id)
    assert queue.claim_next(fresh_db) is None and status(fresh_db, job_id) == "cancelled"


def test_cancel_refuses_a_job_being_printed(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    queue.claim_next(fresh_db)
    assert not queue.cancel(fresh_db, job_id)


def test_reprint_queues_a_duplicate_pointing_at_the_original(fresh_db):
    original = queue.enqueue(fresh_db, "receipt", slip("kopie"))
    queue.claim_next(fresh_db)
    queue.mark_done(fresh_db, original)
    copy = queue.reprint(fresh_db, original)
    again = queue.reprint(fresh_db, copy)
    job = queue.get_job(fresh_db, copy)
    assert job.slip.duplicate and job.slip.body == slip("kopie").body
    assert job.status == "queued" and job.reprint_of == original
    assert queue.get_job(fresh_db, again).reprint_of == original
    assert not queue.get_job(fresh_db, original).slip.duplicate


def test_reprint_of_missing_job_raises(fresh_db):
    with pytest.raises(LookupError):
        queue.reprint(fresh_db, 999)


def test_recent_lists_newest_first_with_limit(fresh_db):
    ids = [queue.enqueue(fresh_db, "receipt", slip(str(i))) for i in range(60)]
    recent = queue.recent(fresh_db)
    assert len(recent) == 50 and recent[0].id == ids[-1]
    assert [job.id for job in queue.recent(fresh_db, limit=3)] == ids[:-4:-1]


def test_queue_length_and_status_counts(fresh_db):
    for _ in range(3):
        queue.enqueue(fresh_db, "receipt", slip())
    done = queue.claim_next(fresh_db)
    queue.mark_done(fresh_db, done.id)
    queue.claim_next(fresh_db)
    assert queue.queue_length(fresh_db) == 2
    assert queue.status_counts(fresh_db) == {"done": 1, "printing": 1, "queued": 1}
    assert [job.status for job in queue.pending(fresh_db)] == ["printing", "queued"]


def test_print_jobs_rejects_unknown_status_and_bad_json(fresh_db):
    job_id = queue.enqueue(fresh_db, "receipt", slip())
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("UPDATE print_jobs SET status = 'lost' WHERE id = ?", (job_id,))
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.execute("UPDATE print_jobs SET payload = '{' WHERE id = ?", (job_id,))


def test_connect_sets_the_pragmas(fresh_db):
    pragmas = {
        name: fresh_db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }
    assert pragmas == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,
        "busy_timeout": 5000,
    }


def test_write_transaction_rolls_back_on_error(fresh_db):
    with pytest.raises(RuntimeError), write_transaction(fresh_db):
        queue.enqueue(fresh_db, "receipt", slip())
        raise RuntimeError
    assert queue.queue_length(fresh_db) == 0 and not fresh_db.conn.in_transaction

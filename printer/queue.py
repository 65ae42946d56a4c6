"""The durable print queue: jobs in ``print_jobs`` and the moves between their states."""

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from printer.dbtools import write_transaction
from printer.slip import Slip

BACKOFF_FIRST = 2.0
BACKOFF_MAX = 60.0
MAX_ATTEMPTS = 10
CRASH_MESSAGE = "Het afdrukken werd onderbroken (programma herstart); is de bon er uitgekomen?"
_SELECT = (
    "SELECT id, kind, payload, status, attempts, last_error, created_at, updated_at, "
    "printed_at, next_attempt_at, reprint_of, ref FROM print_jobs "
)


@dataclass(frozen=True)
class PrintJob:
    """One row of print_jobs."""

    id: int
    kind: str
    payload: str
    status: str
    attempts: int
    last_error: str | None
    created_at: str
    updated_at: str
    printed_at: str | None
    next_attempt_at: str | None
    reprint_of: int | None
    ref: str | None = None

    @property
    def slip(self) -> Slip:
        """Return the slip this job prints."""
        return Slip.from_json(self.payload)


def _now(now: datetime | None = None) -> str:
    """UTC ISO-8601 with a fixed width, so that text comparison orders times correctly."""
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


def _fetch(db: Database, rest: str, params: Any = ()) -> list[PrintJob]:
    # Only fixed SQL from this module is appended; values always go in as parameters.
    cursor = db.execute(_SELECT + rest, params)  # noqa: S608
    return [PrintJob(*row) for row in cursor.fetchall()]


def backoff(attempts: int) -> float:
    """Seconds to wait before the next try after ``attempts`` failed ones: 2, 4, 8, … up to 60."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def enqueue(
    db: Database,
    kind: str,
    slip: Slip,
    *,
    reprint_of: int | None = None,
    ref: str | None = None,
    now: datetime | None = None,
) -> int:
    """Queue a slip and return the job id; joins the caller's transaction when one is open.

    ``ref`` names the record the slip belongs to (unique: a second job for it is refused).
    """
    stamp = _now(now)
    # One INSERT is atomic on its own: inside the caller's transaction it commits with the sale,
    # outside one sqlite-utils commits it at once. So no transaction of our own here.
    cursor = db.execute(
        "INSERT INTO print_jobs (kind, payload, status, created_at, updated_at, reprint_of, ref) "
        "VALUES (?, ?, 'queued', ?, ?, ?, ?)",
        (kind, slip.to_json(), stamp, stamp, reprint_of, ref),
    )
    return int(cursor.lastrowid)


def find(db: Database, ref: str) -> PrintJob | None:
    """Return the job queued for a record (see enqueue's ``ref``), or None."""
    jobs = _fetch(db, "WHERE ref = ?", (ref,))
    return jobs[0] if jobs else None


def get_job(db: Database, job_id: int) -> PrintJob | None:
    """Return one job, or None."""
    jobs = _fetch(db, "WHERE id = ?", (job_id,))
    return jobs[0] if jobs else None


def claim_next(db: Database, now: datetime | None = None) -> PrintJob | None:
    """Take the oldest due queued job, mark it 'printing' and count the attempt."""
    stamp = _now(now)
    with write_transaction(db):
        jobs = _fetch(
            db,
            "WHERE status = 'queued' "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 1",
            (stamp,),
        )
        if not jobs:
            return None
        db.execute(
            "UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, "
            "updated_at = ? WHERE id = ?",
            (stamp, jobs[0].id),
        )
    return dataclasses.replace(
        jobs[0], status="printing", attempts=jobs[0].attempts + 1, updated_at=stamp
    )


def _move(db: Database, job_id: int, to: str, from_: tuple[str, ...], **values: Any) -> bool:
    """Change a job's status if it is in one of ``from_``; return whether it changed."""
    values = {"status": to, "updated_at": values.pop("updated_at", _now()), **values}
    assignments = ", ".join(f"{column} = ?" for column in values)
    marks = ", ".join("?" for _ in from_)
    cursor = db.execute(
        f"UPDATE print_jobs SET {assignments} WHERE id = ? AND status IN ({marks})",  # noqa: S608
        (*values.values(), job_id, *from_),
    )
    return cursor.rowcount == 1


def mark_done(db: Database, job_id: int, now: datetime | None = None) -> bool:
    """Record that the printer took the whole job."""
    stamp = _now(now)
    return _move(
        db,
        job_id,
        "done",
        ("printing",),
        updated_at=stamp,
        printed_at=stamp,
        last_error=None,
        next_attempt_at=None,
    )


def mark_failed(
    db: Database,
    job_id: int,
    error: str,
    *,
    retry: bool = True,
    max_attempts: int | None = MAX_ATTEMPTS,
    now: datetime | None = None,
) -> str | None:
    """Record an attempt of which nothing reached the printer: queued again after a wait.

    After ``max_attempts``, or with ``retry=False`` (a slip that cannot be laid out), it is
    'failed'. An attempt that may have reached the printer is never this: see mark_unknown.
    Returns the job's new status ('queued' or 'failed'), or None if it was not printing.
    """
    moment = now or datetime.now(UTC)
    with write_transaction(db):
        job = get_job(db, job_id)
        if job is None or job.status != "printing":
            return None
        again = retry and (max_attempts is None or job.attempts < max_attempts)
        due = _now(moment + timedelta(seconds=backoff(job.attempts))) if again else None
        status = "queued" if again else "failed"
        _move(
            db,
            job_id,
            status,
            ("printing",),
            updated_at=_now(moment),
            last_error=error,
            next_attempt_at=due,
        )
    return status


def mark_unknown(db: Database, job_id: int, error: str, now: datetime | None = None) -> bool:
    """Record that the job may have (partly) printed ("onzeker"): only a volunteer retries it."""
    return _move(
        db,
        job_id,
        "unknown",
        ("printing",),
        updated_at=_now(now),
        last_error=error,
        next_attempt_at=None,
    )


def recover_after_crash(db: Database) -> int:
    """Turn jobs left 'printing' by a dead process into 'unknown' (never print twice by itself)."""
    cursor = db.execute(
        "UPDATE print_jobs SET status = 'unknown', last_error = ?, updated_at = ? "
        "WHERE status = 'printing'",
        (CRASH_MESSAGE, _now()),
    )
    return cursor.rowcount


def retry(db: Database, job_id: int) -> bool:
    """Queue a failed, unknown or waiting job again, due now (a volunteer's "opnieuw")."""
    return _move(db, job_id, "queued", ("failed", "unknown", "queued"), next_attempt_at=None)


def cancel(db: Database, job_id: int) -> bool:
    """Cancel a job that is not being printed or done."""
    return _move(db, job_id, "cancelled", ("queued", "failed", "unknown"), next_attempt_at=None)


def reprint(db: Database, job_id: int) -> int:
    """Queue a copy marked DUPLICAAT; ``reprint_of`` points at the original job."""
    with write_transaction(db):
        job = get_job(db, job_id)
        if job is None:
            raise LookupError(f"no print job {job_id}")
        copy = dataclasses.replace(job.slip, duplicate=True)
        return enqueue(db, job.kind, copy, reprint_of=job.reprint_of or job.id)


def recent(db: Database, limit: int = 50) -> list[PrintJob]:
    """Return the newest jobs first (the desk's list of recent slips)."""
    return _fetch(db, "ORDER BY id DESC LIMIT ?", (limit,))


def pending(db: Database) -> list[PrintJob]:
    """Return the jobs still to print or being printed, oldest first."""
    return _fetch(
        db,
        "WHERE status IN ('queued', 'printing') ORDER BY id",
    )


def open_jobs(db: Database) -> list[PrintJob]:
    """Return the jobs a volunteer may still act on (waiting, printing, failed, unknown)."""
    return _fetch(db, "WHERE status IN ('queued', 'printing', 'failed', 'unknown') ORDER BY id")


def queue_length(db: Database) -> int:
    """Count jobs still to print (queued or printing)."""
    row = db.execute(
        "SELECT count(*) FROM print_jobs WHERE status IN ('queued', 'printing')"
    ).fetchone()
    return int(row[0])


def status_counts(db: Database) -> dict[str, int]:
    """Count jobs per status (for /healthz and the desk)."""
    rows = db.execute("SELECT status, count(*) FROM print_jobs GROUP BY status").fetchall()
    return {status: count for status, count in rows}

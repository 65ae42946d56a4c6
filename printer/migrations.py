"""Schema of the tables the printer package owns, as numbered sqlite-utils migrations."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("printer")

STATUSES = ("queued", "printing", "done", "failed", "unknown", "cancelled")


@migrations()
def m001_print_jobs(db: Database) -> None:
    """Create print_jobs: one row per slip to print, kept after printing for reprints."""
    statuses = ", ".join(f"'{status}'" for status in STATUSES)
    db.execute(
        f"""
        CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL CHECK (json_valid(payload)),
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ({statuses})),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            printed_at TEXT,
            next_attempt_at TEXT,
            reprint_of INTEGER REFERENCES print_jobs(id)
        )
        """
    )
    db.execute("CREATE INDEX print_jobs_due ON print_jobs (status, next_attempt_at, id)")
    db.execute("CREATE INDEX print_jobs_reprint_of ON print_jobs (reprint_of)")


@migrations()
def m002_print_job_refs(db: Database) -> None:
    """Give a slip that belongs to a record (a receipt, an idea) a unique ref, e.g. receipt:BP1-1.

    A retried request then finds its slip instead of queueing it twice, and can recreate it
    when a crash of an older kiosk lost it. Reprints carry no ref.
    """
    db.execute("ALTER TABLE print_jobs ADD COLUMN ref TEXT")
    db.execute("CREATE UNIQUE INDEX print_jobs_ref ON print_jobs (ref) WHERE ref IS NOT NULL")


def apply(db: Database) -> None:
    """Apply the printer package's pending migrations (kiosk/db.py calls this with the others)."""
    migrations.apply(db)

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


def apply(db: Database) -> None:
    """Apply the printer package's pending migrations (kiosk/db.py calls this with the others)."""
    migrations.apply(db)

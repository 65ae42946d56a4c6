"""Schema of the kiosk's own tables (Migrations("kiosk")); sales/ and printer/ own theirs."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")

_CORE = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE volunteers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        pin_hash TEXT NOT NULL,
        failed_tries INTEGER NOT NULL DEFAULT 0,
        lockouts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE visits (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        language TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('kiosk', 'desk')),
        request_key TEXT NOT NULL UNIQUE,
        volunteer_id INTEGER REFERENCES volunteers(id)
    )""",
    """CREATE TABLE visit_reasons (
        visit_id INTEGER NOT NULL REFERENCES visits(id),
        reason TEXT NOT NULL,
        PRIMARY KEY (visit_id, reason)
    )""",
    "CREATE INDEX visits_created_at ON visits(created_at)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        volunteer_id INTEGER REFERENCES volunteers(id),
        volunteer_name TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
]


@migrations()
def m001_core(db: Database) -> None:
    """Settings, volunteers, anonymous visits with their reasons, and the desk's audit log."""
    for statement in _CORE:
        db.execute(statement)

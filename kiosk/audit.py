"""The desk's audit log: who did what, and when."""

from sqlite_utils import Database

from kiosk import clock


def log(db: Database, action: str, detail: str = "", volunteer: dict | None = None) -> None:
    """Append one line to the audit log."""
    db["audit_log"].insert({
        "at": clock.iso(clock.now()),
        "volunteer_id": volunteer["id"] if volunteer else None,
        "volunteer_name": volunteer["name"] if volunteer else None,
        "action": action,
        "detail": detail,
    })


def recent(db: Database, limit: int = 20) -> list[dict]:
    """The newest lines of the audit log, newest first."""
    return list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]))

"""The help queue's rows for `kiosk export` (tickets.csv): one per ticket, no person in it."""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from kiosk.help import stats

COLUMNS = ("kiosk", "day", "number", "taken", "topic", "language", "source", "status", "outcome",
           "referred_to", "called", "finished", "wait_seconds", "handling_seconds", "calls",
           "auto_closed")


def _local(value: str | None, zone: str) -> str:
    return clock.local_text(value, zone) if value else ""


def _whole(values: list[float]) -> int | str:
    return round(values[0]) if values else ""


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """The tickets taken in [start, end), oldest first, times in the buurtpunt's zone."""
    zone = current_app.config["TIMEZONE"]
    for ticket in db.query("SELECT * FROM help_tickets WHERE created_at >= ? AND created_at < ? "
                           "ORDER BY created_at, id", [clock.iso(start), clock.iso(end)]):
        yield {
            "kiosk": ticket["kiosk"], "day": ticket["day"], "number": ticket["number"],
            "taken": _local(ticket["created_at"], zone), "topic": ticket["topic"],
            "language": ticket["language"], "source": ticket["source"],
            "status": ticket["status"], "outcome": ticket["outcome"] or "",
            "referred_to": ticket["referred_to"] or "",
            "called": _local(ticket["called_at"], zone),
            "finished": _local(ticket["finished_at"], zone),
            "wait_seconds": _whole(stats.waits([ticket])),
            "handling_seconds": _whole(stats.handling([ticket])),
            "calls": ticket["calls"], "auto_closed": "yes" if ticket["auto_closed"] else "no",
        }

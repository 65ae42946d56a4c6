"""Check-in's rows for `kiosk export`: one per visit (kiosk, time, language, source, reasons)."""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock, visits

COLUMNS = ("kiosk", "time", "language", "source", "reasons")


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """The visits of [start, end) in the buurtpunt's time, their reasons joined with "+"."""
    config = current_app.config
    for row in visits.between(db, start, end):
        yield {"kiosk": config["KIOSK_ID"], "time": clock.local_text(row["created_at"],
                                                                      config["TIMEZONE"]),
               "language": row["language"], "source": row["source"],
               "reasons": row["reasons"] or ""}

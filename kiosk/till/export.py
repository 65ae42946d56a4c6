"""The till's rows for `kiosk export`: one per receipt line of the sales journal."""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from sales.export import JOURNAL_COLUMNS, journal_rows

COLUMNS = JOURNAL_COLUMNS


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """The journal's lines of [start, end) (training receipts left out), in local time."""
    zone = current_app.config["TIMEZONE"]
    for row in journal_rows(db, start, end):
        yield {**row, "created_at": clock.local_text(row["created_at"], zone)}

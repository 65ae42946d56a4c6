"""Shifts for `kiosk export` (shifts.csv): one row per shift, for the volunteer insurance.

The volunteer's name is in it (that is what the insurance asks); nothing about visitors.
"""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from kiosk.shifts import store

COLUMNS = ("kiosk", "volunteer", "started", "ended", "hours", "auto_closed", "checked")


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """The finished shifts that started in [start, end), times in the buurtpunt's zone."""
    config = current_app.config
    zone = config["TIMEZONE"]
    for shift in store.between(db, start, end):
        yield {"kiosk": config["KIOSK_ID"], "volunteer": shift["volunteer_name"],
               "started": clock.local_text(shift["started_at"], zone),
               "ended": clock.local_text(shift["ended_at"], zone),
               "hours": f"{store.seconds(shift) / 3600:.2f}",
               "auto_closed": "yes" if shift["auto_closed"] else "no",
               "checked": "yes" if shift["checked_at"] else "no"}

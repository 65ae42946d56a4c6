"""How often each right was shown, per day, for `kiosk export` (rights_shown.csv): counts only."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from sqlite_utils import Database

from kiosk.rights import store

COLUMNS = ("kiosk", "day", "right", "shown")


def month_rows(db: Database, start: datetime, end: datetime) -> Iterable[dict]:
    """One row per day and right shown in [start, end) (local days)."""
    kiosk_id = current_app.config["KIOSK_ID"]
    first, after = start.date(), (end - timedelta(seconds=1)).date() + timedelta(days=1)
    for row in store.shown(db, first, after):
        yield {"kiosk": kiosk_id, "day": row["day"], "right": row["code"], "shown": row["shown"]}

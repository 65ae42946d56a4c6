"""Referrals per day, partner and reason for `kiosk export` (referrals.csv): counts only."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from sqlite_utils import Database

from kiosk.info import store

COLUMNS = ("kiosk", "day", "partner", "reason", "referrals")


def month_rows(db: Database, start: datetime, end: datetime) -> Iterable[dict]:
    """One row per day, partner and reason in [start, end) (local days)."""
    kiosk_id = current_app.config["KIOSK_ID"]
    first, after = start.date(), (end - timedelta(seconds=1)).date() + timedelta(days=1)
    for row in store.counts(db, first, after):
        yield {"kiosk": kiosk_id, "day": row["day"], "partner": row["place"],
               "reason": row["reason"], "referrals": row["referrals"]}

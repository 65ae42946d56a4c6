"""Activities as rows for `kiosk export`: what happened, sign-ups and who came, never names.

A file travels further than the desk: who signed up stays on the kiosk.
"""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlite_utils import Database

from kiosk import clock
from kiosk.activities.store import between

COLUMNS = ("kiosk", "number", "start", "end", "kind", "title", "place", "outside", "capacity",
           "cost_cents", "cancelled", "cancel_reason", "signups", "people_signed_up",
           "attended")
# A cell that starts like a formula is run by spreadsheet programs: make it plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def month_rows(db: Database, start: datetime, end: datetime) -> Iterator[dict]:
    """The activities that started in [start, end), in the buurtpunt's time, without names."""
    config = current_app.config
    zone = config["TIMEZONE"]
    for activity in between(db, start, end):
        yield {
            "kiosk": config["KIOSK_ID"], "number": activity["id"],
            "start": clock.local_text(activity["starts_at"], zone)[:16],
            "end": clock.local_text(activity["ends_at"], zone)[:16], "kind": activity["kind"],
            "title": _cell(activity["title"]), "place": _cell(activity["place"]),
            "outside": "yes" if activity["outside"] else "no",
            "capacity": "" if activity["capacity"] is None else activity["capacity"],
            "cost_cents": activity["cost_cents"],
            "cancelled": "yes" if activity["cancelled_at"] else "no",
            "cancel_reason": _cell(activity["cancel_reason"]), "signups": activity["signups"],
            "people_signed_up": activity["taken"],
            "attended": "" if activity["attended"] is None else activity["attended"],
        }

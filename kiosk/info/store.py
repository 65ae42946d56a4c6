"""Referrals from the desk: the day, the partner and the reason; never a name, never a time.

The places themselves are the core's (kiosk.places): other features point to them too.
"""

from datetime import date
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlite_utils import Database

from kiosk import clock
from kiosk.db import immediate
from kiosk.forms import KEY_PATTERN, Choice

DEFAULTS = Path(__file__).parent / "dendermonde.toml"

REASONS = (
    Choice("geld", _l("Geld en schulden"), "wallet"),
    Choice("wonen", _l("Wonen en energie"), "house"),
    Choice("zorg", _l("Gezondheid en zorg"), "heart-pulse"),
    Choice("papieren", _l("Papieren en administratie"), "file-text"),
    Choice("kinderen", _l("Kinderen en jongeren"), "baby"),
    Choice("werk", _l("Werk en opleiding"), "briefcase"),
    Choice("eenzaam", _l("Eenzaam of niemand om op te rekenen"), "heart-handshake"),
    Choice("anders", _l("Iets anders"), "circle-help"),
)
REASON_CODES = tuple(r.code for r in REASONS)


class ReferralError(ValueError):
    """A referral that cannot be recorded: the code says which field."""


def record_referral(db: Database, place: str, reason: str, key: str, day: date) -> tuple[int, bool]:
    """Record one referral once per form key; returns (its id, whether it is new)."""
    if not KEY_PATTERN.match(key or ""):
        raise ReferralError("key")
    if reason not in REASON_CODES:
        raise ReferralError("reason")
    with immediate(db):
        row = db.execute("SELECT id FROM referrals WHERE request_key = ?", [key]).fetchone()
        if row:
            return row[0], False
        cursor = db.execute(
            "INSERT INTO referrals (day, place, reason, request_key, created_at) "
            "VALUES (?, ?, ?, ?, ?)", [day.isoformat(), place, reason, key,
                                       clock.iso(clock.now())])
    return int(cursor.lastrowid), True


def counts(db: Database, first: date, after: date) -> list[dict]:
    """Referrals per day, partner and reason on the days [first, after)."""
    return list(db.query(
        "SELECT day, place, reason, count(*) AS referrals FROM referrals "
        "WHERE day >= ? AND day < ? GROUP BY day, place, reason ORDER BY day, place, reason",
        [first.isoformat(), after.isoformat()]))


def per_partner(db: Database, first: date, after: date) -> dict[str, int]:
    """How many referrals each partner got on the days [first, after)."""
    return {row["place"]: row["n"] for row in db.query(
        "SELECT place, count(*) AS n FROM referrals WHERE day >= ? AND day < ? GROUP BY place",
        [first.isoformat(), after.isoformat()])}

"""Cash sessions: open with a counted float, cash in/out with a reason, X-report, blind close."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso, one, utc_now, write_transaction
from sales.coins import count_cash
from sales.errors import InvalidPayment, InvalidQuantity, NoOpenSession, SessionAlreadyOpen
from sales.reports import SessionReport, build_report, store_z_report
from sales.stock import require_text

_OPEN = (
    "SELECT * FROM cash_sessions WHERE id NOT IN (SELECT session_id FROM cash_closes) "
    "ORDER BY id DESC LIMIT 1"
)


@dataclass(frozen=True)
class CashSession:
    """A cash drawer session; closed_at is None while it is open."""

    id: int
    opened_at: datetime
    opened_by: str
    float_cents: int
    closed_at: datetime | None = None


@dataclass(frozen=True)
class CashClose:
    """A closed cash session as the desk lists it: when, by whom, and the cash difference."""

    session_id: int
    closed_at: datetime
    closed_by: str
    expected_cents: int
    counted_cents: int
    difference_cents: int


def recent_closes(db: Database, limit: int = 8) -> list[CashClose]:
    """The latest closed sessions, newest first (their Z-reports: get_z_report)."""
    return [CashClose(**{**row, "closed_at": datetime.fromisoformat(row["closed_at"])})
            for row in db.query(
                "SELECT session_id, closed_at, closed_by, expected_cents, counted_cents, "
                "difference_cents FROM cash_closes ORDER BY session_id DESC LIMIT ?", [limit])]


def current_session(db: Database) -> CashSession | None:
    """Return the open cash session, or None."""
    row = one(db, _OPEN)
    if row is None:
        return None
    return CashSession(row["id"], datetime.fromisoformat(row["opened_at"]), row["opened_by"],
                       row["float_cents"])


def require_open_session(db: Database) -> int:
    """Return the id of the open session, or refuse: no sale without an open session."""
    row = one(db, _OPEN)
    if row is None:
        raise NoOpenSession("de kassa is niet geopend: tel eerst het wisselgeld en open de kassa")
    return row["id"]


def open_session(
    db: Database, float_count: Mapping[int, int] | int, volunteer: str, *,
    now: datetime | None = None,
) -> CashSession:
    """Open the drawer with a float given as cents or as a count {denomination_cents: pieces}."""
    require_text(volunteer=volunteer)
    float_cents, detail = _counted(float_count)
    moment = now or utc_now()
    with write_transaction(db):
        if one(db, _OPEN) is not None:
            raise SessionAlreadyOpen("er is al een kassa open; sluit die eerst af")
        cursor = db.execute(
            "INSERT INTO cash_sessions (opened_at, opened_by, float_cents, float_detail) "
            "VALUES (?, ?, ?, ?)",
            [iso(moment), volunteer.strip(), float_cents, detail],
        )
    return CashSession(cursor.lastrowid, datetime.fromisoformat(iso(moment)), volunteer.strip(),
                       float_cents)


def move_cash(
    db: Database, kind: str, amount_cents: int, reason: str, volunteer: str, *,
    now: datetime | None = None,
) -> None:
    """Record cash put in ('in') or taken out ('out') of the open drawer, with a reason."""
    require_text(reason=reason, volunteer=volunteer)
    if kind not in ("in", "out"):
        raise InvalidPayment("kind is 'in' of 'out'")
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise InvalidPayment("het bedrag is een geheel aantal cent, groter dan 0")
    with write_transaction(db):
        session_id = require_open_session(db)
        db.execute(
            "INSERT INTO cash_moves (session_id, kind, amount_cents, reason, volunteer, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [session_id, kind, amount_cents, reason.strip(), volunteer.strip(),
             iso(now or utc_now())],
        )


def _counted(count: Mapping[int, int] | int) -> tuple[int, str | None]:
    """Return (cents, JSON detail) for a count given as cents or as coins and notes."""
    if isinstance(count, Mapping):
        detail = {int(d): n for d, n in count.items() if n}
        return count_cash(count), json.dumps({str(d): n for d, n in sorted(detail.items())})
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise InvalidQuantity("geteld bedrag is een geheel aantal cent van 0 of meer")
    return count, None


def close_session(
    db: Database, counted: Mapping[int, int] | int, bag_counts: Mapping[str, int],
    volunteer: str, *, now: datetime | None = None,
    on_record: Callable[[SessionReport], object] | None = None,
) -> SessionReport:
    """Close the drawer with a blind count; store and return the Z-report with the comparison."""
    require_text(volunteer=volunteer)
    counted_cents, detail = _counted(counted)
    for code, pieces in bag_counts.items():
        if not isinstance(pieces, int) or isinstance(pieces, bool) or pieces < 0:
            raise InvalidQuantity(f"{code}: getelde zakken is een geheel getal van 0 of meer")
    moment = now or utc_now()
    # One transaction: no sale can slip in between computing the expected figures and closing.
    with write_transaction(db):
        session_id = require_open_session(db)
        report = build_report(db, session_id, moment, counted_cents=counted_cents,
                              bag_counts=dict(bag_counts), closed_by=volunteer.strip())
        store_z_report(db, report, detail)
        # What the caller adds for this report (its paper, its audit line) commits with it.
        if on_record is not None:
            on_record(report)
    return report

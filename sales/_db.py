"""Private helpers: write transactions and UTC timestamps."""

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

BRUSSELS = ZoneInfo("Europe/Brussels")


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Run the block in one write transaction that holds the write lock from its first read."""
    if db.conn.in_transaction:
        # The caller owns the transaction (and must have begun it IMMEDIATE): nest as a savepoint.
        with db.atomic():
            yield db
        return
    # BEGIN IMMEDIATE takes the write lock before we read the next number or the stock, so a
    # concurrent writer waits in busy_timeout instead of failing later with SQLITE_BUSY on upgrade.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return an aware datetime in UTC; naive datetimes are refused as ambiguous."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware datetime (UTC or Europe/Brussels)")
    return moment.astimezone(UTC)


def iso(moment: datetime) -> str:
    """Return the UTC ISO-8601 text stored in the database."""
    return as_utc(moment).isoformat(timespec="microseconds")


def local_date(moment: datetime) -> date:
    """Return the calendar day in Brussels, which is the day a tariff change refers to."""
    return as_utc(moment).astimezone(BRUSSELS).date()


def one(db: Database, sql: str, params: list | tuple | dict | None = None) -> dict | None:
    """Return the first row of a query, or None."""
    return next(iter(db.query(sql, params)), None)

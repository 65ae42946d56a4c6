"""Private helpers: the write transaction, UTC timestamps, one row."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database

# The one write transaction (BEGIN IMMEDIATE, a savepoint inside a caller's) that every package
# uses. sqlite-utils has none, the top level is fixed and printer/ owns the helper, so this is the
# only import between sales/ and printer/: database plumbing, nothing about printing.
from printer.dbtools import write_transaction as write_transaction

BRUSSELS = ZoneInfo("Europe/Brussels")


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

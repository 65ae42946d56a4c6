"""Flat rows of the sales journal for `kiosk export` (one row per receipt line)."""

from collections.abc import Iterator
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso

JOURNAL_COLUMNS = (
    "number", "created_at", "volunteer", "payment_method", "training", "void_of", "void_reason",
    "line_no", "product", "name", "qty", "unit_price_cents", "price_from", "line_total_cents",
    "subtotal_cents", "rounding_cents", "total_cents", "received_cents", "change_cents", "hash",
)


def journal_rows(
    db: Database, start: datetime, end: datetime, *, training: bool = False
) -> Iterator[dict]:
    """Yield the lines of receipts created in [start, end) in number order, as CSV-ready dicts."""
    columns = ", ".join(
        f"l.{c}" if c in ("line_no", "product", "name", "qty", "unit_price_cents", "price_from",
                          "line_total_cents") else f"r.{c}"
        for c in JOURNAL_COLUMNS
    )
    yield from db.query(
        f"SELECT {columns} FROM receipts r JOIN receipt_lines l ON l.receipt_id = r.id "  # noqa: S608
        "WHERE r.created_at >= ? AND r.created_at < ? AND r.training = ? "
        "ORDER BY r.series, r.seq, l.line_no",
        [iso(start), iso(end), int(training)],
    )

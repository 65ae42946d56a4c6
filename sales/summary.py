"""Sales between two moments, summed per payment method (the desk's "today"), using the index."""

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso


@dataclass(frozen=True)
class PeriodSummary:
    """Real (not training) receipts in a period: sales, voids and the net amount per method."""

    sales_count: int
    voids_count: int
    total_cents: int
    per_method: dict[str, int]


def summarise(db: Database, start: datetime, end: datetime) -> PeriodSummary:
    """Sum the journal over [start, end); voids count negative, training receipts not at all."""
    rows = db.execute(
        "SELECT payment_method, void_of IS NOT NULL AS void, count(*), sum(total_cents) "
        "FROM receipts WHERE training = 0 AND created_at >= ? AND created_at < ? "
        "GROUP BY payment_method, void",
        [iso(start), iso(end)],
    ).fetchall()
    per_method: dict[str, int] = {}
    sales_count = voids_count = 0
    for method, void, count, amount in rows:
        per_method[method] = per_method.get(method, 0) + amount
        if void:
            voids_count += count
        else:
            sales_count += count
    return PeriodSummary(sales_count, voids_count, sum(per_method.values()), per_method)


"""X- and Z-reports of a cash session: totals per method and bag type, cash and bag counts."""

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso, one, utc_now
from sales.cart import PAYMENT_METHODS
from sales.errors import NoOpenSession, ReportNotFound
from sales.stock import stock_levels

# Training receipts carry no session (session_id IS NULL), so they never reach these sums.
# A constant, spliced into constant queries (hence the S608 noqa marks below).
_REAL = "r.session_id = ? AND r.training = 0"


@dataclass(frozen=True)
class MethodTotal:
    """Net takings of one payment method (voids subtracted)."""

    method: str
    receipts: int
    amount_cents: int


@dataclass(frozen=True)
class ProductTotal:
    """Net pieces and amount of one bag type sold in the session."""

    code: str
    name: str
    pieces: int
    amount_cents: int


@dataclass(frozen=True)
class BagCount:
    """Bags expected in stock versus counted at the close (counted is None in an X-report)."""

    code: str
    name: str
    expected: int
    counted: int | None
    difference: int | None


@dataclass(frozen=True)
class CashMove:
    """Cash put in or taken out of the drawer."""

    kind: str
    amount_cents: int
    reason: str
    volunteer: str
    created_at: str


@dataclass(frozen=True)
class QrPayment:
    """A QR payment to find back on the buurtpunt's bank statement."""

    number: str
    created_at: str
    method: str
    amount_cents: int


@dataclass(frozen=True)
class SessionReport:
    """An X-report (interim, nothing counted) or a Z-report (the stored close of a session).

    Times are UTC ISO-8601 strings, so that the stored JSON reads back as the same report.
    """

    kind: str
    session_id: int
    opened_at: str
    opened_by: str
    generated_at: str
    closed_by: str | None
    float_cents: int
    sales_count: int
    voids_count: int
    first_number: str | None
    last_number: str | None
    total_cents: int
    rounding_cents: int
    per_method: tuple[MethodTotal, ...]
    per_product: tuple[ProductTotal, ...]
    cash_moves: tuple[CashMove, ...]
    cash_in_cents: int
    cash_out_cents: int
    expected_cash_cents: int
    counted_cash_cents: int | None
    cash_difference_cents: int | None
    bag_counts: tuple[BagCount, ...]
    qr_payments: tuple[QrPayment, ...]
    qr_total_cents: int
    chain_head_number: str | None
    chain_head_hash: str | None


def x_report(db: Database, *, now: datetime | None = None) -> SessionReport:
    """Return the interim report of the open session (it reveals the expected cash)."""
    session = one(db, "SELECT id FROM cash_sessions WHERE id NOT IN "
                      "(SELECT session_id FROM cash_closes) ORDER BY id DESC LIMIT 1")
    if session is None:
        raise NoOpenSession("de kassa is niet geopend")
    return build_report(db, session["id"], now or utc_now())


def build_report(
    db: Database, session_id: int, moment: datetime, *, counted_cents: int | None = None,
    bag_counts: dict[str, int] | None = None, closed_by: str | None = None,
) -> SessionReport:
    """Compute a session's report from the journal (a Z-report when counts are given)."""
    session = one(db, "SELECT * FROM cash_sessions WHERE id = ?", [session_id])
    summary = one(db, f"""SELECT count(*) FILTER (WHERE void_of IS NULL) AS sales,
        count(*) FILTER (WHERE void_of IS NOT NULL) AS voids, min(seq) AS first, max(seq) AS last,
        coalesce(sum(total_cents), 0) AS total, coalesce(sum(rounding_cents), 0) AS rounding,
        min(series) AS series FROM receipts r WHERE {_REAL}""", [session_id])  # noqa: S608
    per_method = _per_method(db, session_id)
    moves = tuple(CashMove(**m) for m in db.query(
        "SELECT kind, amount_cents, reason, volunteer, created_at FROM cash_moves "
        "WHERE session_id = ? ORDER BY id", [session_id]))
    cash_in = sum(m.amount_cents for m in moves if m.kind == "in")
    cash_out = sum(m.amount_cents for m in moves if m.kind == "out")
    cash_sales = next(m.amount_cents for m in per_method if m.method == "cash")
    expected = session["float_cents"] + cash_sales + cash_in - cash_out
    qr = _qr_payments(db, session_id)
    head = one(db, "SELECT number, hash FROM receipts WHERE training = 0 ORDER BY id DESC LIMIT 1")
    return SessionReport(
        kind="X" if counted_cents is None else "Z", session_id=session_id,
        opened_at=session["opened_at"], opened_by=session["opened_by"], generated_at=iso(moment),
        closed_by=closed_by, float_cents=session["float_cents"],
        sales_count=summary["sales"], voids_count=summary["voids"],
        first_number=_number(summary["series"], summary["first"]),
        last_number=_number(summary["series"], summary["last"]),
        total_cents=summary["total"], rounding_cents=summary["rounding"],
        per_method=per_method, per_product=_per_product(db, session_id), cash_moves=moves,
        cash_in_cents=cash_in, cash_out_cents=cash_out, expected_cash_cents=expected,
        counted_cash_cents=counted_cents,
        cash_difference_cents=None if counted_cents is None else counted_cents - expected,
        bag_counts=_bag_counts(db, bag_counts), qr_payments=qr,
        qr_total_cents=sum(p.amount_cents for p in qr),
        chain_head_number=head["number"] if head else None,
        chain_head_hash=head["hash"] if head else None,
    )


def _number(series: str | None, seq: int | None) -> str | None:
    return None if series is None or seq is None else f"{series}-{seq:06d}"


def _per_method(db: Database, session_id: int) -> tuple[MethodTotal, ...]:
    rows = {r["payment_method"]: r for r in db.query(
        f"SELECT payment_method, count(*) AS n, sum(total_cents) AS amount "  # noqa: S608
        f"FROM receipts r WHERE {_REAL} GROUP BY payment_method", [session_id])}
    return tuple(
        MethodTotal(m, rows[m]["n"] if m in rows else 0, rows[m]["amount"] if m in rows else 0)
        for m in PAYMENT_METHODS
    )


def _per_product(db: Database, session_id: int) -> tuple[ProductTotal, ...]:
    rows = db.query(
        f"""SELECT l.product AS code, p.name AS name, sum(l.qty) AS pieces,
        sum(l.line_total_cents) AS amount_cents FROM receipt_lines l
        JOIN receipts r ON r.id = l.receipt_id JOIN products p ON p.code = l.product
        WHERE {_REAL} GROUP BY l.product ORDER BY p.position, l.product""",  # noqa: S608
        [session_id])
    return tuple(ProductTotal(**r) for r in rows)


def _qr_payments(db: Database, session_id: int) -> tuple[QrPayment, ...]:
    rows = db.query(
        "SELECT number, created_at, payment_method AS method, "  # noqa: S608
        f"total_cents AS amount_cents FROM receipts r WHERE {_REAL} "
        "AND payment_method != 'cash' ORDER BY seq",
        [session_id])
    return tuple(QrPayment(**r) for r in rows)


def _bag_counts(db: Database, counted: dict[str, int] | None) -> tuple[BagCount, ...]:
    result = []
    for level in stock_levels(db):
        pieces = None if counted is None else counted.get(level.code)
        diff = None if pieces is None else pieces - level.pieces
        result.append(BagCount(level.code, level.name, level.pieces, pieces, diff))
    return tuple(result)


def store_z_report(db: Database, report: SessionReport, counted_detail: str | None) -> None:
    """Store the close of a session with its Z-report; runs inside the closing transaction."""
    db.execute(
        "INSERT INTO cash_closes (session_id, closed_at, closed_by, expected_cents, counted_cents, "
        "difference_cents, counted_detail, bag_counts, chain_head_number, chain_head_hash, "
        "z_report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [report.session_id, report.generated_at, report.closed_by, report.expected_cash_cents,
         report.counted_cash_cents, report.cash_difference_cents, counted_detail,
         json.dumps({b.code: b.counted for b in report.bag_counts}),
         report.chain_head_number, report.chain_head_hash, json.dumps(asdict(report))],
    )


def get_z_report(db: Database, session_id: int) -> SessionReport:
    """Return the stored Z-report of a closed session (for a reprint)."""
    row = one(db, "SELECT z_report FROM cash_closes WHERE session_id = ?", [session_id])
    if row is None:
        raise ReportNotFound(f"kassa {session_id} is (nog) niet afgesloten")
    data = json.loads(row["z_report"])
    nested = {"per_method": MethodTotal, "per_product": ProductTotal, "cash_moves": CashMove,
              "bag_counts": BagCount, "qr_payments": QrPayment}
    for name, cls in nested.items():
        data[name] = tuple(cls(**item) for item in data[name])
    return SessionReport(**{f.name: data[f.name] for f in fields(SessionReport)})

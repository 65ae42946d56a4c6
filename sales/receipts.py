"""Receipts as plain data for the printer and the desk, and the hash that chains them."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from sales._db import one
from sales.errors import InvalidKioskPrefix, ReceiptNotFound

GENESIS_HASH = "0" * 64
TRAINING_PREFIX = "OEF"
_PREFIX = re.compile(r"[A-Z0-9]{1,8}")

# What the hash covers: every column that a receipt slip or a report is made from.
HASHED_RECEIPT_FIELDS = (
    "series", "seq", "number", "kiosk_prefix", "created_at", "session_id", "volunteer",
    "payment_method", "subtotal_cents", "rounding_cents", "total_cents", "received_cents",
    "change_cents", "training", "void_of", "void_reason", "idempotency_key",
    "request_fingerprint",
)
HASHED_LINE_FIELDS = (
    "line_no", "product", "name", "qty", "unit_price_cents", "price_from", "line_total_cents",
)

# One statement returns a receipt with its lines as JSON, so that reading the journal streams.
RECEIPT_SELECT = """SELECT r.*, (
    SELECT json_group_array(json_object(
        'line_no', line_no, 'product', product, 'name', name, 'qty', qty,
        'unit_price_cents', unit_price_cents, 'price_from', price_from,
        'line_total_cents', line_total_cents))
    FROM (SELECT * FROM receipt_lines WHERE receipt_id = r.id ORDER BY line_no)
) AS lines_json FROM receipts r"""


@dataclass(frozen=True)
class ReceiptLine:
    """A receipt line: qty x unit price; negative qty on a void."""

    code: str
    name: str
    qty: int
    unit_price_cents: int
    price_from: date
    line_total_cents: int


@dataclass(frozen=True)
class Receipt:
    """Everything a receipt slip shows; `replayed` is True when an idempotent repeat returned it."""

    number: str
    series: str
    seq: int
    kiosk_prefix: str
    created_at: datetime
    session_id: int | None
    volunteer: str
    payment_method: str
    lines: tuple[ReceiptLine, ...]
    subtotal_cents: int
    rounding_cents: int
    total_cents: int
    received_cents: int | None
    change_cents: int | None
    training: bool
    void_of: str | None
    void_reason: str | None
    idempotency_key: str
    prev_hash: str
    hash: str
    replayed: bool = field(default=False, compare=False)

    @property
    def is_void(self) -> bool:
        """True for a void (a receipt with negative lines that names the original)."""
        return self.void_of is not None

    @property
    def price_dates(self) -> tuple[date, ...]:
        """The distinct dates from which the prices on this receipt apply."""
        return tuple(sorted({line.price_from for line in self.lines}))


def check_prefix(kiosk_prefix: str) -> str:
    """Return a valid kiosk prefix (1-8 capitals or digits, not the training prefix)."""
    if not isinstance(kiosk_prefix, str) or not _PREFIX.fullmatch(kiosk_prefix):
        raise InvalidKioskPrefix(f"kiosk prefix must be 1-8 capitals or digits: {kiosk_prefix!r}")
    if kiosk_prefix.startswith(TRAINING_PREFIX):
        raise InvalidKioskPrefix(f"kiosk prefix may not start with {TRAINING_PREFIX}")
    return kiosk_prefix


def series_for(kiosk_prefix: str, training: bool) -> str:
    """Return the numbering series: `BP1` for real sales, `OEF-BP1` for training."""
    # Training gets its own series so the real series stays gap-free and its totals untouched,
    # while training receipts still live (append-only, chained) in the same journal.
    return f"{TRAINING_PREFIX}-{kiosk_prefix}" if training else kiosk_prefix


def format_number(series: str, seq: int) -> str:
    """Return the receipt number, e.g. BP1-000123."""
    return f"{series}-{seq:06d}"


def receipt_hash(prev_hash: str, receipt_row: dict, line_rows: list[dict]) -> str:
    """Return the SHA-256 over the previous hash and the canonical JSON of a receipt."""
    content = {
        "receipt": {k: receipt_row[k] for k in HASHED_RECEIPT_FIELDS},
        "lines": [
            {k: line[k] for k in HASHED_LINE_FIELDS}
            for line in sorted(line_rows, key=lambda line: line["line_no"])
        ],
    }
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{prev_hash}\n{payload}".encode()).hexdigest()


def split_row(row: dict) -> tuple[dict, list[dict]]:
    """Split a RECEIPT_SELECT row into the receipt columns and its line rows."""
    receipt = {k: v for k, v in row.items() if k != "lines_json"}
    return receipt, json.loads(row["lines_json"] or "[]")


def to_receipt(receipt_row: dict, line_rows: list[dict], replayed: bool = False) -> Receipt:
    """Build the Receipt dataclass from database rows."""
    lines = tuple(
        ReceiptLine(
            line["product"], line["name"], line["qty"], line["unit_price_cents"],
            date.fromisoformat(line["price_from"]), line["line_total_cents"],
        )
        for line in sorted(line_rows, key=lambda line: line["line_no"])
    )
    values = {k: receipt_row[k] for k in Receipt.__dataclass_fields__ if k in receipt_row}
    values.update(
        created_at=datetime.fromisoformat(receipt_row["created_at"]),
        training=bool(receipt_row["training"]),
        lines=lines,
        replayed=replayed,
    )
    return Receipt(**values)


def get_receipt(db: Database, number: str) -> Receipt:
    """Return a receipt by number (for a reprint, which the printer marks DUPLICAAT)."""
    row = one(db, f"{RECEIPT_SELECT} WHERE r.number = ?", [number])
    if row is None:
        raise ReceiptNotFound(f"geen kasticket met nummer {number}")
    return to_receipt(*split_row(row))


def list_receipts(
    db: Database, *, limit: int = 50, before_id: int | None = None, training: bool = False
) -> list[Receipt]:
    """Return the newest receipts first (for the desk), paged by receipt id."""
    rows = db.query(
        f"{RECEIPT_SELECT} WHERE r.training = ? AND r.id < ? ORDER BY r.id DESC LIMIT ?",
        [int(training), before_id if before_id is not None else 2**62, limit],
    )
    return [to_receipt(*split_row(row)) for row in rows]

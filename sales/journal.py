"""Journal: a sale or a void is one transaction of receipt, lines, stock moves and payment."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sales._db import iso, one, utc_now, write_transaction
from sales.cart import DEFAULT_MAX_QTY, check_method, normalise_cart, price_cart
from sales.cash import require_open_session
from sales.errors import (
    AlreadyVoided,
    ClockBehind,
    InsufficientStock,
    InvalidPayment,
    ReceiptNotFound,
)
from sales.idempotency import (
    CLAIM_TTL_SECONDS,
    check_key,
    claim,
    fingerprint,
    finish,
    finished_number,
    release,
)
from sales.receipts import (
    GENESIS_HASH,
    Receipt,
    check_prefix,
    format_number,
    get_receipt,
    receipt_hash,
    series_for,
    to_receipt,
)
from sales.stock import add_move, bag_codes, require_text, stock_in

# on_record(receipt) runs inside the transaction that records a new receipt (never on a replay):
# what the caller writes there (its print job, its audit line) commits with it or not at all.
OnRecord = Callable[[Receipt], object]


@dataclass(frozen=True)
class Payment:
    """How the visitor paid: cash (with the amount handed over) or a QR sticker payment."""

    method: str
    received_cents: int | None = None


def record_sale(
    db: Database,
    cart: Mapping[str, object],
    payment: Payment,
    volunteer: str,
    idempotency_key: str,
    kiosk_prefix: str,
    *,
    training: bool = False,
    now: datetime | None = None,
    max_qty: int = DEFAULT_MAX_QTY,
    claim_ttl: float = CLAIM_TTL_SECONDS,
    on_record: OnRecord | None = None,
) -> Receipt:
    """Record a paid basket {code: qty} once per idempotency key and return its receipt."""
    check_prefix(kiosk_prefix)
    require_text(volunteer=volunteer)
    check_key(idempotency_key)
    payment = _normalise_payment(payment)
    items = normalise_cart(cart, max_qty)
    request = {"sale": items, "method": payment.method, "received": payment.received_cents,
               "training": bool(training)}
    request_fp = fingerprint(request)
    owner, number = claim(db, idempotency_key, request_fp, claim_ttl)
    if owner is None:
        return _replay(db, number)
    try:
        # The transaction boundary: receipt, lines, stock moves, the claim's removal and what
        # on_record adds commit together or not at all; BEGIN IMMEDIATE because it reads the
        # last number and the stock.
        with write_transaction(db):
            receipt = _write_sale(
                db, items, payment, volunteer.strip(), idempotency_key, request_fp,
                series_for(kiosk_prefix, bool(training)), kiosk_prefix, now or utc_now(), max_qty,
            )
            if on_record is not None and not receipt.replayed:
                on_record(receipt)
            return receipt
    except BaseException:
        release(db, idempotency_key, owner)
        raise


def _write_sale(
    db: Database, items: dict[str, int], payment: Payment, volunteer: str, key: str,
    request_fp: str, series: str, kiosk_prefix: str, moment: datetime, max_qty: int,
) -> Receipt:
    number = finished_number(db, key, request_fp)
    if number is not None:
        # A stale claim was taken over while its first owner still finished: keep its receipt.
        finish(db, key)
        return _replay(db, number)
    training = series != kiosk_prefix
    session_id = None if training else require_open_session(db)
    priced = price_cart(db, items, moment, max_qty=max_qty)
    _check_stock(db, items)
    due = priced.due_for(payment.method)
    received, change = _settle(payment, due)
    row = {
        "kiosk_prefix": kiosk_prefix, "created_at": iso(moment), "session_id": session_id,
        "volunteer": volunteer, "payment_method": payment.method,
        "subtotal_cents": priced.total_cents, "rounding_cents": due - priced.total_cents,
        "total_cents": due, "received_cents": received, "change_cents": change,
        "training": int(training), "void_of": None, "void_reason": None,
        "idempotency_key": key, "request_fingerprint": request_fp,
    }
    lines = [
        {"line_no": i, "product": line.code, "name": line.name, "qty": line.qty,
         "unit_price_cents": line.unit_price_cents, "price_from": line.price_from.isoformat(),
         "line_total_cents": line.line_total_cents}
        for i, line in enumerate(priced.lines, start=1)
    ]
    receipt_id = _append(db, series, row, lines)
    if not training:
        bags = bag_codes(db, items)
        for line in (line for line in lines if line["product"] in bags):
            add_move(db, line["product"], "sale", -line["qty"], volunteer, moment,
                     receipt_id=receipt_id)
    finish(db, key)
    return to_receipt(row, lines)


def void_sale(
    db: Database,
    receipt_number: str,
    volunteer: str,
    reason: str,
    *,
    idempotency_key: str | None = None,
    now: datetime | None = None,
    on_record: OnRecord | None = None,
) -> Receipt:
    """Void a receipt with a new receipt of negative lines that names it (one void per receipt)."""
    require_text(volunteer=volunteer, reason=reason)
    key = check_key(idempotency_key or f"void:{receipt_number}")
    request_fp = fingerprint({"void_of": receipt_number})
    moment = now or utc_now()
    # No claim table here: the UNIQUE void_of index and BEGIN IMMEDIATE serialise voids, so a
    # concurrent repeat waits for the first and then gets its receipt back.
    with write_transaction(db):
        original = one(db, "SELECT * FROM receipts WHERE number = ?", [receipt_number])
        if original is None:
            raise ReceiptNotFound(f"geen kasticket met nummer {receipt_number}")
        if original["void_of"] is not None:
            raise AlreadyVoided(f"{receipt_number} is zelf een annulering")
        done = one(db, "SELECT number, idempotency_key FROM receipts WHERE void_of = ?",
                   [receipt_number])
        if done is not None and done["idempotency_key"] == key:
            return _replay(db, done["number"])
        if done is not None:
            raise AlreadyVoided(f"{receipt_number} werd al geannuleerd door {done['number']}")
        finished_number(db, key, request_fp)
        refund = _write_void(db, original, volunteer.strip(), reason.strip(), key, request_fp,
                             moment)
        if on_record is not None:
            on_record(refund)
        return refund


def _write_void(
    db: Database, original: dict, volunteer: str, reason: str, key: str, request_fp: str,
    moment: datetime,
) -> Receipt:
    training = bool(original["training"])
    # Refunded cash leaves the drawer that is open now, not the one the sale went into.
    session_id = None if training else require_open_session(db)
    lines = [
        {**line, "qty": -line["qty"], "line_total_cents": -line["line_total_cents"]}
        for line in db.query(
            "SELECT line_no, product, name, qty, unit_price_cents, price_from, line_total_cents "
            "FROM receipt_lines WHERE receipt_id = ? ORDER BY line_no", [original["id"]],
        )
    ]
    row = {
        "kiosk_prefix": original["kiosk_prefix"], "created_at": iso(moment),
        "session_id": session_id, "volunteer": volunteer,
        "payment_method": original["payment_method"],
        "subtotal_cents": -original["subtotal_cents"],
        "rounding_cents": -original["rounding_cents"],
        "total_cents": -original["total_cents"], "received_cents": None, "change_cents": None,
        "training": int(training), "void_of": original["number"], "void_reason": reason,
        "idempotency_key": key, "request_fingerprint": request_fp,
    }
    receipt_id = _append(db, original["series"], row, lines)
    if not training:
        bags = bag_codes(db, (line["product"] for line in lines))
        for line in (line for line in lines if line["product"] in bags):
            add_move(db, line["product"], "void", -line["qty"], volunteer, moment,
                     receipt_id=receipt_id)
    return to_receipt(row, lines)


def last_entry_at(db: Database) -> str | None:
    """When the journal's newest receipt was written (UTC ISO), or None for an empty journal."""
    # By id, not max(created_at): the newest row is found in the index, whatever the clock did.
    row = one(db, "SELECT created_at FROM receipts ORDER BY id DESC LIMIT 1")
    return row["created_at"] if row else None


def _append(db: Database, series: str, row: dict, lines: list[dict]) -> int:
    """Give the receipt the next number and chain hash of its series and insert it."""
    # A clock that jumped back (a Pi has no battery clock) would date a receipt before the one
    # it follows and price it at an old tariff: refuse, in the same transaction that numbers it.
    newest = last_entry_at(db)
    if newest is not None and row["created_at"] < newest:
        raise ClockBehind(row["created_at"], newest)
    last = one(db, "SELECT seq, hash FROM receipts WHERE series = ? ORDER BY seq DESC LIMIT 1",
               [series])
    seq = last["seq"] + 1 if last else 1
    row.update(series=series, seq=seq, number=format_number(series, seq),
               prev_hash=last["hash"] if last else GENESIS_HASH)
    row["hash"] = receipt_hash(row["prev_hash"], row, lines)
    # Column names are this module's own dict keys; every value is a bound parameter.
    columns, marks = ", ".join(row), ", ".join(":" + c for c in row)
    cursor = db.execute(f"INSERT INTO receipts ({columns}) VALUES ({marks})", row)  # noqa: S608
    receipt_id = cursor.lastrowid
    db.conn.executemany(
        "INSERT INTO receipt_lines (receipt_id, line_no, product, name, qty, unit_price_cents, "
        "price_from, line_total_cents) VALUES (:receipt_id, :line_no, :product, :name, :qty, "
        ":unit_price_cents, :price_from, :line_total_cents)",
        [{**line, "receipt_id": receipt_id} for line in lines],
    )
    return receipt_id


def _check_stock(db: Database, items: dict[str, int]) -> None:
    # Services (prints) have no stock; only bags are counted.
    available = stock_in(db, bag_codes(db, items))
    short = {c: (q, available[c]) for c, q in items.items() if c in available and q > available[c]}
    if short:
        raise InsufficientStock(short)


def _normalise_payment(payment: Payment) -> Payment:
    check_method(payment.method)
    received = payment.received_cents
    if payment.method != "cash":
        # A QR payment is confirmed for the exact amount shown; there is no change to record.
        return Payment(payment.method, None)
    if received is not None and (
        not isinstance(received, int) or isinstance(received, bool) or received < 0
    ):
        raise InvalidPayment("ontvangen bedrag is een geheel aantal cent van 0 of meer")
    return payment


def _settle(payment: Payment, due: int) -> tuple[int | None, int | None]:
    if payment.method != "cash":
        return None, None
    received = due if payment.received_cents is None else payment.received_cents
    if received < due:
        # Cents, not a formatted amount: amounts are written out by printer.formats, for people.
        raise InvalidPayment(f"ontvangen {received} cent is minder dan de {due} cent te betalen")
    return received, received - due


def _replay(db: Database, number: str | None) -> Receipt:
    receipt = get_receipt(db, str(number))
    return Receipt(**{**receipt.__dict__, "replayed": True})

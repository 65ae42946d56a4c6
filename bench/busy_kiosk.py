"""Five years of one busy buurtpunt, written quickly into a kiosk database (for bench_reports).

Visits with their reasons, receipts and help tickets are bulk-inserted in one transaction each,
the way the kiosk writes them: receipts are priced by the sales package's own cart, numbered
and hash-chained like the journal's (sales.verify_journal checks them) and move the stock;
tickets are numbered per day, called and done.
"""

import hashlib
import random
from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database

from kiosk.help.store import day_of
from sales import open_session, record_intake
from sales.cart import price_cart
from sales.catalogue import set_price
from sales.idempotency import fingerprint
from sales.receipts import GENESIS_HASH, format_number, receipt_hash

START = datetime(2021, 12, 1, tzinfo=UTC)
DAYS = 5 * 365
REASONS = ("koffie", "digitaal", "administratie", "rechten", "buren", "idee", "vuilniszakken",
           "activiteit")
LANGUAGES = ("nl",) * 12 + ("fr", "fr", "en", "ar", "ar", "tr", "uk", "pl", "ro")
BASKETS = ({"REST30": 2}, {"REST60": 1}, {"PMD": 10}, {"REST30": 1, "PMD": 5},
           {"REST30": 1, "REST60": 1}, {"PMD": 20})
TOPICS = ("digitaal", "papieren", "rechten", "printen", "anders")
ZONE = "Europe/Brussels"


def moments(count: int, pick: random.Random) -> list[datetime]:
    """COUNT moments in the five years, within opening hours (08:00-17:00 UTC), in order."""
    return sorted(START + timedelta(days=pick.randrange(DAYS), hours=8,
                                    seconds=pick.randrange(9 * 3600)) for _ in range(count))


def visits(db: Database, count: int, pick: random.Random) -> None:
    """COUNT visits with one to three reasons each."""
    rows, reasons = [], []
    for n, moment in enumerate(moments(count, pick), start=1):
        rows.append((n, moment.isoformat(timespec="microseconds"), pick.choice(LANGUAGES),
                     "kiosk", f"{n:032x}"))
        reasons += [(n, reason) for reason in pick.sample(REASONS, pick.choice((1, 1, 2, 3)))]
    with db.atomic():
        db.conn.executemany("INSERT INTO visits (id, created_at, language, source, request_key) "
                            "VALUES (?, ?, ?, ?, ?)", rows)
        db.conn.executemany("INSERT INTO visit_reasons (visit_id, reason) VALUES (?, ?)", reasons)


def _shop(db: Database, count: int) -> int:
    """Older prices from before the five years, enough stock, an open till; the till's id."""
    for code, cents in (("REST30", 130), ("REST60", 260), ("PMD", 20)):
        set_price(db, code, cents, date(2021, 11, 1), now=START - timedelta(days=60))
    for code in ("REST30", "REST60", "PMD"):
        record_intake(db, code, pieces=count * 20, volunteer="Els", now=START)
    return open_session(db, 5000, "Els", now=START).id


def _receipt(db: Database, n: int, moment: datetime, basket: dict, method: str,
             prices: dict) -> tuple[dict, list[dict]]:
    period = "new" if moment >= datetime(2026, 1, 1, tzinfo=UTC) else "old"
    key = (tuple(basket.items()), period)
    if key not in prices:  # the sales package's own pricing, once per basket and tariff
        prices[key] = price_cart(db, basket, moment)
    priced = prices[key]
    due = priced.due_for(method)
    row = {"kiosk_prefix": "BP1", "created_at": moment.isoformat(timespec="microseconds"),
           "volunteer": "Els", "payment_method": method, "subtotal_cents": priced.total_cents,
           "rounding_cents": due - priced.total_cents, "total_cents": due,
           "received_cents": due if method == "cash" else None,
           "change_cents": 0 if method == "cash" else None, "training": 0, "void_of": None,
           "void_reason": None, "idempotency_key": f"bench-{n:026d}",
           "request_fingerprint": fingerprint({"sale": basket, "method": method})}
    lines = [{"line_no": i, "product": line.code, "name": line.name, "qty": line.qty,
              "unit_price_cents": line.unit_price_cents, "price_from": line.price_from.isoformat(),
              "line_total_cents": line.line_total_cents}
             for i, line in enumerate(priced.lines, start=1)]
    return row, lines


def receipts(db: Database, count: int, pick: random.Random) -> None:
    """COUNT receipts of the journal's series BP1, chained, with their lines and stock moves."""
    session = _shop(db, count)
    first = db.execute("SELECT coalesce(max(id), 0) FROM receipts").fetchone()[0] + 1
    previous, prices = GENESIS_HASH, {}
    heads, lines, moves = [], [], []
    for n, moment in enumerate(moments(count, pick), start=1):
        row, items = _receipt(db, n, moment, pick.choice(BASKETS),
                              pick.choice(("cash", "cash", "bancontact_qr", "wero_qr")), prices)
        row.update(series="BP1", seq=n, number=format_number("BP1", n), prev_hash=previous,
                   session_id=session, id=first + n - 1)
        row["hash"] = previous = receipt_hash(previous, row, items)
        heads.append(row)
        lines += [{**line, "receipt_id": row["id"]} for line in items]
        moves += [(line["product"], "sale", -line["qty"], row["id"], "Els", row["created_at"])
                  for line in items]
    columns = list(heads[0])
    with db.atomic():
        db.conn.executemany(f"INSERT INTO receipts ({', '.join(columns)}) "  # noqa: S608
                            f"VALUES ({', '.join(':' + c for c in columns)})", heads)
        db.conn.executemany(
            "INSERT INTO receipt_lines (receipt_id, line_no, product, name, qty, "
            "unit_price_cents, price_from, line_total_cents) VALUES (:receipt_id, :line_no, "
            ":product, :name, :qty, :unit_price_cents, :price_from, :line_total_cents)", lines)
        db.conn.executemany("INSERT INTO stock_moves (product, kind, pieces, receipt_id, "
                            "volunteer, created_at) VALUES (?, ?, ?, ?, ?, ?)", moves)


def tickets(db: Database, count: int, pick: random.Random) -> None:
    """COUNT help tickets, numbered per day, each called after a wait and done."""
    numbers: dict[str, int] = {}
    rows = []
    for n, taken in enumerate(moments(count, pick), start=1):
        day = day_of(taken, ZONE)
        numbers[day] = numbers.get(day, 0) + 1
        called = taken + timedelta(seconds=pick.randrange(30, 1800))
        done = called + timedelta(seconds=pick.randrange(60, 1200))
        stamp = [moment.isoformat(timespec="microseconds") for moment in (taken, called, done)]
        rows.append(("BP1", day, numbers[day], pick.choice(TOPICS), pick.choice(LANGUAGES),
                     "kiosk", f"t{n:031x}", hashlib.sha256(b"%d" % n).hexdigest(), "done",
                     "geholpen", stamp[0], stamp[1], stamp[1], 1, stamp[2], stamp[2], 2))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO help_tickets (kiosk, day, number, topic, language, source, request_key,"
            " token_hash, status, outcome, created_at, called_at, last_called_at, calls,"
            " finished_at, changed_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)", rows)

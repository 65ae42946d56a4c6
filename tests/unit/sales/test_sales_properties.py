"""Property tests: totals are the sum of the lines in whole cents, cash rounds to 5 cents."""

import sqlite3
import uuid
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from sales import Payment, cash_rounding, count_cash, migrations, price_cart, record_sale
from sales.cash import open_session
from sales.catalogue import Product, save_product, set_price
from sales.coins import EUR_DENOMINATIONS_CENTS
from sales.journal import void_sale
from sales.stock import record_intake

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
CODES = ("A", "B", "C")
prices = st.fixed_dictionaries({code: st.integers(0, 100_000) for code in CODES})
baskets = st.dictionaries(st.sampled_from(CODES), st.integers(1, 20), min_size=1)


def _shop(price_cents: dict[str, int]) -> Database:
    """A shop in memory with three bag types at the given prices and plenty in stock."""
    db = Database(sqlite3.connect(":memory:"))
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    for position, (code, cents) in enumerate(price_cents.items()):
        save_product(db, Product(code, f"Zak {code}", 60, "#000000", 10, position=position))
        set_price(db, code, cents, date(2026, 1, 1), now=NOW)
        record_intake(db, code, rolls=10, volunteer="Els", now=NOW)
    open_session(db, 0, "Els", now=NOW)
    return db


def _exact_int(value) -> bool:
    return type(value) is int


@settings(deadline=None, max_examples=60)
@given(prices, baskets)
def test_cart_total_is_the_sum_of_whole_cent_lines(price_cents, basket):
    priced = price_cart(_shop(price_cents), basket, NOW)
    assert priced.total_cents == sum(line.line_total_cents for line in priced.lines)
    for line in priced.lines:
        assert line.line_total_cents == line.qty * line.unit_price_cents
        assert all(map(_exact_int, (line.qty, line.unit_price_cents, line.line_total_cents)))
    assert all(map(_exact_int, (priced.total_cents, priced.cash_rounding_cents,
                                priced.cash_total_cents)))
    assert priced.cash_total_cents % 5 == 0
    assert priced.due_for("bancontact_qr") == priced.total_cents


@settings(deadline=None, max_examples=30)
@given(prices, baskets, st.sampled_from(["cash", "bancontact_qr", "wero_qr"]))
def test_receipt_adds_up_and_a_void_undoes_it_exactly(price_cents, basket, method):
    db = _shop(price_cents)
    receipt = record_sale(db, basket, Payment(method), "Els", uuid.uuid4().hex, "BP1", now=NOW)
    assert receipt.subtotal_cents == sum(line.line_total_cents for line in receipt.lines)
    assert receipt.total_cents == receipt.subtotal_cents + receipt.rounding_cents
    assert all(map(_exact_int, (receipt.subtotal_cents, receipt.rounding_cents,
                                receipt.total_cents)))
    if method == "cash":
        assert receipt.total_cents % 5 == 0 and receipt.change_cents == 0
    else:
        assert receipt.rounding_cents == 0
    void = void_sale(db, receipt.number, "Jan", "vergissing", now=NOW)
    assert (void.subtotal_cents, void.rounding_cents, void.total_cents) == (
        -receipt.subtotal_cents, -receipt.rounding_cents, -receipt.total_cents)


@settings(deadline=None, max_examples=500)
@given(st.integers(-10**9, 10**9))
def test_cash_rounding_goes_to_the_nearest_5_cents(total):
    rounding = cash_rounding(total)
    assert _exact_int(rounding)
    assert (total + rounding) % 5 == 0
    assert abs(rounding) <= 2
    assert cash_rounding(-total) == -rounding


@settings(deadline=None, max_examples=200)
@given(st.dictionaries(st.sampled_from(EUR_DENOMINATIONS_CENTS), st.integers(0, 10_000)))
def test_count_cash_is_the_whole_cent_sum_of_coins_and_notes(counts):
    total = count_cash(counts)
    assert _exact_int(total)
    assert total == sum(d * n for d, n in counts.items())

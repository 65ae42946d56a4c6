"""Cash sessions: float, cash in/out, X-report, blind close and the stored Z-report."""

from datetime import timedelta

import pytest

from sales import (
    Payment,
    close_session,
    current_session,
    get_z_report,
    move_cash,
    open_session,
    record_sale,
    void_sale,
    x_report,
)
from sales.cash import recent_closes
from sales.errors import InvalidPayment, MissingInput, NoOpenSession, SessionAlreadyOpen
from sales.receipts import list_receipts
from tests.unit.sales.conftest import NOW, PREFIX, count

BAGS = {"REST30": 100, "REST60": 50, "PMD": 100}


def sell(db, cart, payment, key, **kwargs):
    return record_sale(db, cart, payment, "Els", key, PREFIX, now=NOW, **kwargs)


@pytest.fixture
def day_db(shop_db):
    """A day: three cash sales, two QR sales, one void, cash in and out, one training sale."""
    sell(shop_db, {"REST30": 2, "PMD": 3}, Payment("cash", 2000), "a")      # 365
    sell(shop_db, {"REST60": 1}, Payment("cash", 500), "b")                 # 290
    sell(shop_db, {"PMD": 4}, Payment("bancontact_qr"), "c")                # 100
    sell(shop_db, {"REST30": 1}, Payment("wero_qr"), "d")                   # 145
    sale = sell(shop_db, {"REST60": 2}, Payment("cash"), "e")               # 580
    void_sale(shop_db, sale.number, "Jan", "dubbel aangerekend", now=NOW)  # -580
    sell(shop_db, {"REST60": 5}, Payment("cash"), "f", training=True)
    move_cash(shop_db, "in", 1000, "extra wisselgeld", "Els", now=NOW)
    move_cash(shop_db, "out", 2500, "naar kluis", "Els", now=NOW)
    return shop_db


def test_open_session_refuses_a_second_one(shop_db):
    with pytest.raises(SessionAlreadyOpen):
        open_session(shop_db, 0, "Els")


def test_open_session_takes_a_coin_count(fresh_db):
    session = open_session(fresh_db, {200: 5, 50: 10, 1000: 2}, "Els", now=NOW)
    assert session.float_cents == 3500
    assert current_session(fresh_db).id == session.id


@pytest.mark.parametrize(
    ("args", "error"),
    [(("in", 0, "x", "Els"), InvalidPayment), (("out", 100, "", "Els"), MissingInput),
     (("sideways", 100, "x", "Els"), InvalidPayment), (("in", 1.5, "x", "Els"), InvalidPayment)],
)
def test_move_cash_refuses_bad_moves(shop_db, args, error):
    with pytest.raises(error):
        move_cash(shop_db, *args)
    assert count(shop_db, "cash_moves") == 0


def test_x_report_shows_expected_cash_and_method_totals(day_db):
    report = x_report(day_db, now=NOW)
    assert report.kind == "X" and report.counted_cash_cents is None
    methods = {m.method: (m.receipts, m.amount_cents) for m in report.per_method}
    assert methods == {"cash": (4, 655), "bancontact_qr": (1, 100), "wero_qr": (1, 145)}
    assert (report.sales_count, report.voids_count) == (5, 1)
    assert (report.first_number, report.last_number) == ("BP1-000001", "BP1-000006")
    assert report.expected_cash_cents == 5000 + 655 + 1000 - 2500
    assert [(p.number, p.amount_cents) for p in report.qr_payments] == [
        ("BP1-000003", 100), ("BP1-000004", 145)]


def test_close_session_compares_blind_count_and_bags(day_db):
    counted = {2000: 2, 100: 1, 50: 1, 5: 1}
    bags = {"REST30": 97, "REST60": 49, "PMD": 90}
    report = close_session(day_db, counted, bags, "Els", now=NOW + timedelta(hours=8))
    assert (report.kind, report.expected_cash_cents, report.counted_cash_cents) == (
        "Z", 4155, 4155)
    assert report.cash_difference_cents == 0
    diffs = {b.code: (b.expected, b.counted, b.difference) for b in report.bag_counts}
    assert diffs == {"REST30": (97, 97, 0), "REST60": (49, 49, 0), "PMD": (93, 90, -3)}
    assert get_z_report(day_db, report.session_id) == report
    assert current_session(day_db) is None


def test_close_session_reports_a_shortage(day_db):
    report = close_session(day_db, 4000, BAGS, "Els", now=NOW)
    assert report.cash_difference_cents == -155


def test_close_session_sums_equal_the_journal(day_db):
    report = close_session(day_db, 0, {}, "Els", now=NOW)
    real = list_receipts(day_db, limit=100)
    assert report.total_cents == sum(r.total_cents for r in real)
    assert sum(m.amount_cents for m in report.per_method) == report.total_cents
    assert sum(p.amount_cents for p in report.per_product) == report.total_cents - sum(
        r.rounding_cents for r in real)
    assert {p.code: p.pieces for p in report.per_product} == {"REST30": 3, "REST60": 1, "PMD": 7}
    assert report.chain_head_number == "BP1-000006"


def test_record_sale_refused_after_close(day_db):
    close_session(day_db, 0, {}, "Els", now=NOW)
    with pytest.raises(NoOpenSession):
        sell(day_db, {"PMD": 1}, Payment("cash"), "late")
    with pytest.raises(NoOpenSession):
        x_report(day_db)


def test_recent_closes_lists_closed_sessions_newest_first(shop_db):
    close_session(shop_db, 5000, BAGS, "Els", now=NOW + timedelta(hours=1))
    open_session(shop_db, 2000, "Jan", now=NOW + timedelta(hours=2))
    close_session(shop_db, 1990, BAGS, "Jan", now=NOW + timedelta(hours=3))
    closes = recent_closes(shop_db)
    assert [(c.closed_by, c.difference_cents) for c in closes] == [("Jan", -10), ("Els", 0)]
    assert closes[0].closed_at == NOW + timedelta(hours=3)
    assert len(recent_closes(shop_db, limit=1)) == 1


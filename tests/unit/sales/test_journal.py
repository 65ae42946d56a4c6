"""Journal: one transaction per sale, idempotency keys, refusals that write nothing, voids."""

import sqlite3
from datetime import timedelta

import pytest

from sales import Payment, get_receipt, move_cash, record_sale, void_sale
from sales.errors import (
    AlreadyVoided,
    IdempotencyMismatch,
    InsufficientStock,
    InvalidKioskPrefix,
    InvalidPayment,
    MissingInput,
    NoOpenSession,
    ReceiptNotFound,
    RequestInProgress,
)
from sales.export import JOURNAL_COLUMNS, journal_rows
from sales.idempotency import claim, fingerprint
from sales.stock import stock_of
from tests.unit.sales.conftest import NOW, PREFIX, count

CASH = Payment("cash", 1000)
JOURNAL = ("receipts", "receipt_lines", "stock_moves", "sale_claims")


def sell(db, cart=None, key="k1", payment=CASH, **kwargs):
    return record_sale(db, cart or {"REST30": 2, "PMD": 3}, payment, "Els", key, PREFIX,
                       now=kwargs.pop("now", NOW), **kwargs)


def rows(db):
    return {table: count(db, table) for table in JOURNAL}


def test_record_sale_writes_receipt_lines_stock_and_change(shop_db):
    receipt = sell(shop_db)
    assert receipt.number == "BP1-000001"
    assert (receipt.total_cents, receipt.received_cents, receipt.change_cents) == (365, 1000, 635)
    assert [(line.code, line.qty) for line in receipt.lines] == [("REST30", 2), ("PMD", 3)]
    assert (stock_of(shop_db, "REST30"), stock_of(shop_db, "PMD")) == (98, 97)
    assert rows(shop_db) == {"receipts": 1, "receipt_lines": 2, "stock_moves": 5,
                             "sale_claims": 0}
    assert get_receipt(shop_db, "BP1-000001") == receipt


def test_record_sale_numbers_follow_each_other(shop_db):
    numbers = [sell(shop_db, key=f"k{i}").number for i in range(3)]
    assert numbers == ["BP1-000001", "BP1-000002", "BP1-000003"]


def test_record_sale_qr_payment_has_no_change(shop_db):
    receipt = sell(shop_db, payment=Payment("wero_qr", 5000))
    assert (receipt.payment_method, receipt.received_cents, receipt.change_cents) == (
        "wero_qr", None, None)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"cart": {"REST30": 101}, "max_qty": 200}, InsufficientStock),
        ({"payment": Payment("cash", 200)}, InvalidPayment),
        ({"payment": Payment("creditcard")}, InvalidPayment),
        ({"cart": {"PMD": 0}}, Exception),
        ({"kiosk_prefix": "oef"}, InvalidKioskPrefix),
    ],
)
def test_record_sale_refusal_writes_nothing(shop_db, kwargs, error):
    before = rows(shop_db)
    prefix = kwargs.pop("kiosk_prefix", PREFIX)
    cart = kwargs.pop("cart", {"REST30": 2})
    payment = kwargs.pop("payment", CASH)
    with pytest.raises(error):
        record_sale(shop_db, cart, payment, "Els", "k1", prefix, now=NOW, **kwargs)
    assert rows(shop_db) == before


def test_record_sale_stock_error_names_the_shortage(shop_db):
    sell(shop_db, {"REST60": 20}, key="k2", payment=Payment("bancontact_qr"))
    sell(shop_db, {"REST60": 20}, key="k3", payment=Payment("bancontact_qr"))
    with pytest.raises(InsufficientStock) as caught:
        sell(shop_db, {"REST60": 11, "PMD": 1}, key="k4")
    assert caught.value.shortages == {"REST60": (11, 10)}


def test_record_sale_refused_without_open_session(fresh_db):
    with pytest.raises(NoOpenSession):
        sell(fresh_db)
    assert count(fresh_db, "receipts") == 0


def test_record_sale_same_key_twice_returns_the_stored_receipt(shop_db):
    first = sell(shop_db)
    again = sell(shop_db, now=NOW + timedelta(seconds=3))
    assert again == first and again.replayed and not first.replayed
    assert rows(shop_db)["receipts"] == 1
    assert stock_of(shop_db, "REST30") == 98


@pytest.mark.parametrize(
    "changed",
    [{"cart": {"REST30": 3, "PMD": 3}}, {"payment": Payment("bancontact_qr")},
     {"payment": Payment("cash", 2000)}, {"training": True}],
)
def test_record_sale_same_key_other_request_is_refused(shop_db, changed):
    sell(shop_db)
    with pytest.raises(IdempotencyMismatch):
        sell(shop_db, **changed)
    assert rows(shop_db)["receipts"] == 1


def test_record_sale_while_same_key_is_running_is_refused(shop_db):
    request = {"sale": {"REST30": 2, "PMD": 3}, "method": "cash", "received": 1000,
               "training": False}
    claim(shop_db, "k1", fingerprint(request))
    with pytest.raises(RequestInProgress):
        sell(shop_db)
    with pytest.raises(IdempotencyMismatch):
        sell(shop_db, {"PMD": 1})
    assert count(shop_db, "receipts") == 0


def test_record_sale_takes_over_a_stale_claim(shop_db):
    request = {"sale": {"REST30": 2, "PMD": 3}, "method": "cash", "received": 1000,
               "training": False}
    claim(shop_db, "k1", fingerprint(request))
    receipt = sell(shop_db, claim_ttl=0)
    assert receipt.number == "BP1-000001"
    assert count(shop_db, "sale_claims") == 0


def test_record_sale_refusal_releases_the_key_for_a_corrected_retry(shop_db):
    with pytest.raises(InvalidPayment):
        sell(shop_db, payment=Payment("cash", 100))
    assert sell(shop_db, payment=Payment("cash", 1000)).change_cents == 635


def test_record_sale_training_uses_own_series_and_moves_no_stock(shop_db):
    real = sell(shop_db, key="real")
    practice = sell(shop_db, key="practice", training=True)
    assert (practice.number, practice.training, practice.session_id) == (
        "OEF-BP1-000001", True, None)
    assert sell(shop_db, key="real2").number == "BP1-000002"
    assert stock_of(shop_db, "REST30") == 100 - 2 * 2
    assert real.session_id == 1


@pytest.mark.parametrize("volunteer", ["", "   "])
def test_record_sale_needs_a_volunteer(shop_db, volunteer):
    with pytest.raises(MissingInput):
        record_sale(shop_db, {"PMD": 1}, CASH, volunteer, "k1", PREFIX, now=NOW)


def test_void_sale_writes_negative_receipt_and_returns_stock(shop_db):
    sale = sell(shop_db)
    void = void_sale(shop_db, sale.number, "Jan", "verkeerde zak", now=NOW)
    assert (void.number, void.void_of, void.void_reason) == ("BP1-000002", sale.number,
                                                             "verkeerde zak")
    assert [line.qty for line in void.lines] == [-2, -3]
    assert (void.total_cents, void.rounding_cents) == (-sale.total_cents, -sale.rounding_cents)
    assert (stock_of(shop_db, "REST30"), stock_of(shop_db, "PMD")) == (100, 100)


def test_void_sale_repeat_returns_same_void_but_another_key_is_refused(shop_db):
    sale = sell(shop_db)
    first = void_sale(shop_db, sale.number, "Jan", "fout", idempotency_key="v1")
    assert void_sale(shop_db, sale.number, "Jan", "fout", idempotency_key="v1").replayed
    with pytest.raises(AlreadyVoided):
        void_sale(shop_db, sale.number, "Jan", "fout", idempotency_key="v2")
    with pytest.raises(AlreadyVoided):
        void_sale(shop_db, first.number, "Jan", "fout")
    assert count(shop_db, "receipts") == 2


@pytest.mark.parametrize(("volunteer", "reason"), [("", "fout"), ("Jan", ""), ("Jan", "  ")])
def test_void_sale_needs_volunteer_and_reason(shop_db, volunteer, reason):
    sale = sell(shop_db)
    with pytest.raises(MissingInput):
        void_sale(shop_db, sale.number, volunteer, reason)


def test_void_sale_of_unknown_receipt_is_refused(shop_db):
    with pytest.raises(ReceiptNotFound):
        void_sale(shop_db, "BP1-999999", "Jan", "fout")


def test_void_sale_of_training_receipt_stays_training(shop_db):
    practice = sell(shop_db, training=True)
    void = void_sale(shop_db, practice.number, "Jan", "oefening")
    assert (void.number, void.training) == ("OEF-BP1-000002", True)
    assert stock_of(shop_db, "REST30") == 100


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE receipts SET total_cents = 0",
        "DELETE FROM receipts",
        "UPDATE receipt_lines SET qty = 1",
        "DELETE FROM receipt_lines",
        "UPDATE stock_moves SET pieces = 1000",
        "DELETE FROM stock_moves",
        "UPDATE cash_sessions SET float_cents = 0",
        "DELETE FROM cash_moves",
    ],
)
def test_triggers_block_update_and_delete(shop_db, statement):
    sale = sell(shop_db)
    move_cash(shop_db, "in", 500, "wisselgeld", "Els")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        shop_db.execute(statement)
    assert get_receipt(shop_db, sale.number) == sale


def test_journal_rows_export_one_row_per_line(shop_db):
    sale = sell(shop_db)
    void_sale(shop_db, sale.number, "Jan", "fout", now=NOW)
    sell(shop_db, key="t", training=True)
    rows = list(journal_rows(shop_db, NOW - timedelta(days=1), NOW + timedelta(days=1)))
    assert [(r["number"], r["product"], r["qty"]) for r in rows] == [
        ("BP1-000001", "REST30", 2), ("BP1-000001", "PMD", 3),
        ("BP1-000002", "REST30", -2), ("BP1-000002", "PMD", -3),
    ]
    assert tuple(rows[0]) == JOURNAL_COLUMNS

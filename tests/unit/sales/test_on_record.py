"""What a sale, a void or a close triggers commits with it; a dead process's claim is no lock."""

import subprocess
import sys

import pytest

from sales import Payment, close_session, current_session, record_sale, void_sale
from sales.errors import RequestInProgress
from sales.idempotency import fingerprint
from sales.stock import stock_of
from tests.unit.sales.conftest import NOW, PREFIX, count

CART = {"REST30": 2, "PMD": 3}
CASH = Payment("cash", 1000)
REQUEST = {"sale": CART, "method": "cash", "received": 1000, "training": False}


class Crash(Exception):
    """The process dies between recording and queueing the slip."""


@pytest.fixture
def slips(shop_db):
    """A stand-in for the print queue: a table the callback writes to."""
    shop_db.execute("CREATE TABLE slips (what TEXT)")
    return lambda: [row[0] for row in shop_db.execute("SELECT what FROM slips ORDER BY rowid")]


def _queue(db):
    return lambda record: db.execute("INSERT INTO slips VALUES (?)",
                                     [getattr(record, "number", None) or record.session_id])


def _crash(record):
    raise Crash


def _sell(db, on_record, key="k1"):
    return record_sale(db, CART, CASH, "Els", key, PREFIX, now=NOW, on_record=on_record)


def test_record_sale_writes_on_record_in_its_own_transaction(shop_db, slips):
    receipt = _sell(shop_db, _queue(shop_db))
    assert slips() == [receipt.number]
    again = _sell(shop_db, _queue(shop_db))
    assert again.replayed and slips() == [receipt.number]


def test_record_sale_crash_before_the_slip_is_queued_records_nothing(shop_db, slips):
    with pytest.raises(Crash):
        _sell(shop_db, _crash)
    assert (count(shop_db, "receipts"), count(shop_db, "sale_claims"), slips()) == (0, 0, [])
    assert stock_of(shop_db, "REST30") == 100
    receipt = _sell(shop_db, _queue(shop_db))  # the retry with the same key records it, once
    assert (receipt.number, slips()) == ("BP1-000001", ["BP1-000001"])


def test_void_sale_crash_before_the_slip_is_queued_records_nothing(shop_db, slips):
    sold = _sell(shop_db, _queue(shop_db))
    with pytest.raises(Crash):
        void_sale(shop_db, sold.number, "Jan", "verkeerd", now=NOW, on_record=_crash)
    assert count(shop_db, "receipts") == 1 and stock_of(shop_db, "REST30") == 98
    refund = void_sale(shop_db, sold.number, "Jan", "verkeerd", now=NOW,
                       on_record=_queue(shop_db))
    assert slips() == [sold.number, refund.number]


def test_close_session_crash_before_the_report_is_queued_keeps_the_till_open(shop_db, slips):
    with pytest.raises(Crash):
        close_session(shop_db, 5000, {}, "Els", now=NOW, on_record=_crash)
    assert current_session(shop_db) is not None and count(shop_db, "cash_closes") == 0
    report = close_session(shop_db, 5000, {}, "Els", now=NOW, on_record=_queue(shop_db))
    assert current_session(shop_db) is None and slips() == [str(report.session_id)]


def _claim_in_a_process(db_path, then: str) -> subprocess.Popen:
    """Claim key k1 from another process, which then exits or waits."""
    code = (
        "import sys, time\n"
        "from tests.unit.sales.conftest import open_db\n"
        "from sales.idempotency import claim\n"
        f"claim(open_db(sys.argv[1]), 'k1', {fingerprint(REQUEST)!r})\n"
        "print('claimed', flush=True)\n"
        f"{then}\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "claimed"
    return child


def test_record_sale_takes_over_the_claim_of_a_process_that_died(shop_db, db_path, slips):
    child = _claim_in_a_process(db_path, "")
    child.wait(10)
    child.stdout.close()
    assert count(shop_db, "sale_claims") == 1
    assert _sell(shop_db, _queue(shop_db)).number == "BP1-000001"
    assert count(shop_db, "sale_claims") == 0


def test_record_sale_respects_the_claim_of_a_living_process(shop_db, db_path):
    child = _claim_in_a_process(db_path, "time.sleep(30)")
    try:
        with pytest.raises(RequestInProgress):
            _sell(shop_db, None)
    finally:
        child.kill()
        child.wait(10)
        child.stdout.close()
    assert count(shop_db, "receipts") == 0

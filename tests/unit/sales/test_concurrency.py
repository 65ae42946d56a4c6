"""Concurrent writers on one database file: gap-free numbers and one receipt per key."""

import threading
from concurrent.futures import ThreadPoolExecutor

from sales import Payment, load_catalogue, open_session, record_intake, record_sale
from sales.catalogue import DEFAULT_CATALOGUE
from sales.errors import RequestInProgress
from sales.receipts import Receipt
from sales.stock import stock_of
from sales.verify import verify_journal
from tests.unit.sales.conftest import NOW, PREFIX, count, open_db

THREADS = 8
SALES_PER_THREAD = 200


def _prepare(db):
    load_catalogue(db, DEFAULT_CATALOGUE, now=NOW)
    record_intake(db, "PMD", rolls=100, volunteer="Els", now=NOW)
    open_session(db, 0, "Els", now=NOW)


def _run_in_threads(db_path, work, workers):
    """Run work(db, index) in `workers` threads at once, each with its own connection."""
    barrier = threading.Barrier(workers)

    def runner(index):
        # Eight writers at once on a loaded CI machine can wait longer than the kiosk's 5 s for
        # the write lock (SQLite's busy handler is not fair); what is tested is the numbering.
        db = open_db(db_path, busy_timeout_ms=60_000)
        try:
            barrier.wait()
            return work(db, index)
        finally:
            db.close()

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(runner, range(workers)))


def test_record_sale_numbers_stay_gap_free_under_concurrent_threads(fresh_db, db_path):
    _prepare(fresh_db)

    def sell_many(db, index):
        return [
            record_sale(db, {"PMD": 1}, Payment("cash"), "Els", f"t{index}-{n}", PREFIX,
                        now=NOW).seq
            for n in range(SALES_PER_THREAD)
        ]

    seqs = sorted(seq for batch in _run_in_threads(db_path, sell_many, THREADS) for seq in batch)
    total = THREADS * SALES_PER_THREAD
    assert seqs == list(range(1, total + 1))
    assert stock_of(fresh_db, "PMD") == 2000 - total
    check = verify_journal(fresh_db)
    assert check.ok and check.receipts_checked == total


def test_record_sale_concurrent_repeats_of_one_key_make_one_receipt(fresh_db, db_path):
    _prepare(fresh_db)

    def repeat(db, index):
        try:
            return record_sale(db, {"PMD": 2}, Payment("cash"), "Els", "double-tap", PREFIX,
                               now=NOW)
        except RequestInProgress as exc:
            return exc

    for _ in range(5):
        outcomes = _run_in_threads(db_path, repeat, THREADS)
        receipts = {o.number for o in outcomes if isinstance(o, Receipt)}
        assert receipts == {"BP1-000001"}
        assert all(isinstance(o, Receipt | RequestInProgress) for o in outcomes)
    assert count(fresh_db, "receipts") == 1
    assert stock_of(fresh_db, "PMD") == 1998
